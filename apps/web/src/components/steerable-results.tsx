"use client";
// A recommendation the listener can steer: the Tune panel above the list. Each change creates a new recommendation
// (one write: typing and sliders are debounced, radios and buttons apply at once, and an answer that a newer change
// overtook is dropped), and the address bar is swapped for the new list's permalink — which stores the options, so
// reload and share show the same tuned list.
import { useEffect, useRef, useState } from "react";
import { postRecommendation } from "../lib/api-client";
import type { TRatingResponse, TRecommendationItem, TRecommendationResponse, TSteeringOptions } from "../lib/api-types";
import { SONG_KINDS } from "../lib/song-kinds";
import { PAGE_TOP_N, STEER_LIMITS, type TTune } from "../lib/steering";
import { useAction } from "../lib/use-action";
import { ErrorNotice } from "./error-notice";
import { ResultsView } from "./results";
import { TunePanel, type TTuneSong, type TTuneState } from "./tune-panel";

/** How long typing or a slider must rest before it creates a recommendation (the write limit is 60/min). */
const DEBOUNCE_MS = 700;

export function SteerableResults({ data: initial, rating = null }: { data: TRecommendationResponse; rating?: TRatingResponse | null }) {
  const [data, setData] = useState(initial);
  const [tune, setTune] = useState<TTuneState>(() => tuneStateOf(initial.options));
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const primary = initial.options.seeds[0]?.trackId ?? initial.query.track.id;
  useEffect(() => () => clearTimeout(timer.current), []);

  const steer = useAction(
    ({ tune: next }: { tune: TTune; call: number }) =>
      postRecommendation({
        query: { trackId: primary },
        topN: PAGE_TOP_N,
        kinds: SONG_KINDS.filter((k) => data.kinds.includes(k)),
        tune: next,
      }),
    {
      onSuccess: (next, { call }) => {
        if (call !== latest.current) return;
        setData(next);
        // The server resolved the songs (a pasted link gets its title): show them as it knows them.
        setTune((current) => ({ ...current, ...songsOf(next.options) }));
        window.history.replaceState(null, "", `/recommendations/${next.id}`);
      },
    },
  );

  function change(next: TTuneState, when: "now" | "debounce") {
    setTune(next);
    clearTimeout(timer.current);
    const run = () => steer.run({ tune: toTune(next), call: ++latest.current });
    if (when === "now") run();
    else timer.current = setTimeout(run, DEBOUNCE_MS);
  }

  const addSong = (list: "seeds" | "avoid", item: Pick<TRecommendationItem, "trackId" | "title" | "artists">) =>
    change(withSong(tune, list, { trackId: item.trackId, title: item.title, artists: item.artists }), "now");

  return (
    <>
      <TunePanel
        tune={tune}
        onChange={change}
        busy={steer.isPending}
        ownSong={initial.options.seeds[0]?.title ?? initial.query.track.title}
      />
      {steer.error ? <ErrorNotice error={steer.error} /> : null}
      <ResultsView
        key={data.id}
        data={data}
        rating={data.id === initial.id ? rating : null}
        steer={{
          onMoreLike: (item) => addSong("seeds", item),
          onNotLike: (item) => addSong("avoid", item),
          canAddSeed: tune.seeds.length < STEER_LIMITS.seeds - 1,
          canAddAvoid: tune.avoid.length < STEER_LIMITS.avoid,
          seedIds: new Set(tune.seeds.map((s) => s.trackId)),
          avoidIds: new Set(tune.avoid.map((s) => s.trackId)),
        }}
      />
    </>
  );
}

function songsOf(options: TSteeringOptions): Pick<TTuneState, "seeds" | "avoid"> {
  const song = (s: TTuneSong) => ({ trackId: s.trackId, title: s.title, artists: s.artists });
  return { seeds: options.seeds.slice(1).map(song), avoid: options.avoid.map(song) };
}

export function tuneStateOf(options: TSteeringOptions): TTuneState {
  return {
    ...songsOf(options),
    targets: options.targets,
    tempoMin: options.tempoRange?.min,
    tempoMax: options.tempoRange?.max,
    variety: options.variety ?? undefined,
    maxPerArtist: options.maxPerArtist,
  };
}

function toTune(state: TTuneState): TTune {
  return { ...state, seeds: state.seeds.map((s) => s.trackId), avoid: state.avoid.map((s) => s.trackId) };
}

/** A song joins one list and leaves the other ("more like this" after "not like this" changes its mind). */
function withSong(current: TTuneState, list: "seeds" | "avoid", song: TTuneSong): TTuneState {
  const other = list === "seeds" ? "avoid" : "seeds";
  if (current[list].some((s) => s.trackId === song.trackId)) return current;
  return { ...current, [list]: [...current[list], song], [other]: current[other].filter((s) => s.trackId !== song.trackId) };
}
