"use client";
// The compact "Tune" panel: more songs to start from and songs to steer away from, less / as is / more per feature,
// a tempo range, variety and the artist cap. Controlled by SteerableResults, which turns each change into a new
// recommendation. Fieldsets with legends and labelled controls, so it works by keyboard and with a screen reader;
// one column on phones.
import { useId, useState } from "react";
import { ApiClientError, searchSongs } from "../lib/api-client";
import { artistsText, langOf } from "../lib/features";
import { STEER_FEATURES, STEER_LABELS, STEER_LIMITS, type TSteerFeature, type TTargetStep } from "../lib/steering";

export type TTuneSong = { trackId: string; title: string; artists: string[] };

export type TTuneState = {
  /** seeds beside the listener's own song (at most 4, so 5 in all) */
  seeds: TTuneSong[];
  avoid: TTuneSong[];
  targets: Partial<Record<TSteerFeature, TTargetStep>>;
  tempoMin?: number;
  tempoMax?: number;
  variety?: number;
  maxPerArtist?: number;
};

type TProps = {
  tune: TTuneState;
  onChange: (next: TTuneState, when: "now" | "debounce") => void;
  busy: boolean;
  /** the listener's own song: always the first seed */
  ownSong: string;
};

const STEPS: { value: TTargetStep; label: string }[] = [
  { value: "less", label: "Less" },
  { value: "same", label: "As is" },
  { value: "more", label: "More" },
];

const ARTIST_CAPS = [1, 2, 3, 5, 10, STEER_LIMITS.maxPerArtist];

export function TunePanel({ tune, onChange, busy, ownSong }: TProps) {
  const changes = describe(tune);
  // Open on arrival when the list is tuned (a shared link, a reload): its options are what the listener came back to.
  const [open, setOpen] = useState(changes !== "");
  const id = useId();
  return (
    <section className="card tune" aria-labelledby={`${id}-title`} data-testid="tune-panel">
      <div className="tune__head">
        <h2 id={`${id}-title`}>Tune</h2>
        <p className="muted tune__summary">{changes || PLACEHOLDER_SUMMARY}</p>
        <button
          type="button"
          className="button button--small"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => setOpen(!open)}
        >
          {open ? "Hide" : "Show"} options
        </button>
      </div>
      {/* The options are rendered only while open: closed, they were ~100 hidden elements every results page hydrated. */}
      <div id={`${id}-body`} className="tune__body" hidden={!open}>
        {open ? <TuneOptions id={id} tune={tune} onChange={onChange} busy={busy} ownSong={ownSong} /> : null}
      </div>
    </section>
  );
}

function TuneOptions({ id, tune, onChange, busy, ownSong }: TProps & { id: string }) {
  return (
    <>
      <SongLists tune={tune} onChange={onChange} ownSong={ownSong} />
      <fieldset className="tune__group tune__targets">
        <legend>Sound</legend>
        {STEER_FEATURES.map((feature) => (
          <TargetRadios
            key={feature}
            feature={feature}
            value={tune.targets[feature] ?? "same"}
            onPick={(step) => onChange({ ...tune, targets: { ...tune.targets, [feature]: step } }, "now")}
          />
        ))}
      </fieldset>
      <div className="tune__group tune__numbers">
        <TempoRange tune={tune} onChange={onChange} />
        <div className="field">
          <label htmlFor={`${id}-variety`}>Variety</label>
          <div className="tune__slider">
            <input
              id={`${id}-variety`}
              type="range"
              min={0}
              max={1}
              step={0.1}
              value={tune.variety ?? 0}
              aria-describedby={`${id}-variety-hint`}
              onChange={(e) => onChange({ ...tune, variety: Number(e.target.value) }, "debounce")}
              data-testid="variety"
            />
            <output htmlFor={`${id}-variety`}>{Math.round((tune.variety ?? 0) * 100)}%</output>
          </div>
          <p className="hint" id={`${id}-variety-hint`}>
            0%: the closest songs; higher: picks that differ from each other.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-cap`}>Songs per artist</label>
          <select
            id={`${id}-cap`}
            value={tune.maxPerArtist ?? 2}
            onChange={(e) => onChange({ ...tune, maxPerArtist: Number(e.target.value) }, "now")}
            data-testid="max-per-artist"
          >
            {ARTIST_CAPS.map((n) => (
              <option key={n} value={n}>
                {n === STEER_LIMITS.maxPerArtist ? "No limit" : `At most ${n}`}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="muted tune__status" role="status" data-testid="tune-status">
        {busy ? "Updating the picks…" : ""}
      </p>
    </>
  );
}

/** The closed panel's place while the first list loads, so nothing below it moves when the list arrives. */
export function TunePanelPlaceholder() {
  return (
    <div className="card tune" aria-hidden="true">
      <div className="tune__head">
        <p className="tune__placeholder-title">Tune</p>
        <p className="muted tune__summary">{PLACEHOLDER_SUMMARY}</p>
        <span className="button button--small">Show options</span>
      </div>
    </div>
  );
}

const PLACEHOLDER_SUMMARY = "Steer the picks: more songs to start from, less or more energy, tempo…";

function TargetRadios({ feature, value, onPick }: { feature: TSteerFeature; value: TTargetStep; onPick: (step: TTargetStep) => void }) {
  const name = `target-${feature}`;
  return (
    <fieldset className="segmented" data-testid={name}>
      <legend>{STEER_LABELS[feature]}</legend>
      {STEPS.map((step) => (
        <label key={step.value} className="segmented__option">
          <input type="radio" name={name} value={step.value} checked={value === step.value} onChange={() => onPick(step.value)} />
          <span>{step.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

function TempoRange({ tune, onChange }: Pick<TProps, "tune" | "onChange">) {
  const id = useId();
  const [text, setText] = useState({ min: tune.tempoMin?.toString() ?? "", max: tune.tempoMax?.toString() ?? "" });
  const [error, setError] = useState("");
  const { minBpm, maxBpm } = STEER_LIMITS;

  function update(which: "min" | "max", value: string) {
    const next = { ...text, [which]: value };
    setText(next);
    const min = parseBpm(next.min);
    const max = parseBpm(next.max);
    if (min === null || max === null) return setError(`Give a whole number from ${minBpm} to ${maxBpm}, or leave it empty.`);
    if (min !== undefined && max !== undefined && min > max) return setError("The lowest tempo must not be above the highest.");
    setError("");
    onChange({ ...tune, tempoMin: min, tempoMax: max }, "debounce");
  }

  return (
    <fieldset className="tune__tempo">
      <legend>Tempo range (BPM)</legend>
      <div className="tune__tempo-inputs">
        <label>
          From{" "}
          <input
            type="number"
            inputMode="numeric"
            min={minBpm}
            max={maxBpm}
            placeholder={String(minBpm)}
            value={text.min}
            onChange={(e) => update("min", e.target.value)}
            aria-describedby={`${id}-error`}
            data-testid="tempo-min"
          />
        </label>
        <label>
          to{" "}
          <input
            type="number"
            inputMode="numeric"
            min={minBpm}
            max={maxBpm}
            placeholder={String(maxBpm)}
            value={text.max}
            onChange={(e) => update("max", e.target.value)}
            aria-describedby={`${id}-error`}
            data-testid="tempo-max"
          />
        </label>
      </div>
      <p className="form-error" id={`${id}-error`} aria-live="polite">
        {error}
      </p>
    </fieldset>
  );
}

/** "" → no bound; a whole BPM in range → it; anything else → null (shown as an error, not sent). */
function parseBpm(text: string): number | undefined | null {
  const s = text.trim();
  if (s === "") return undefined;
  if (!/^\d{1,3}$/.test(s)) return null;
  const n = Number(s);
  return n >= STEER_LIMITS.minBpm && n <= STEER_LIMITS.maxBpm ? n : null;
}

const SPOTIFY_ID = /(?:track[/:])?([0-9A-Za-z]{22})(?:[?#].*)?$/;

function SongLists({ tune, onChange, ownSong }: Pick<TProps, "tune" | "onChange" | "ownSong">) {
  const id = useId();
  const [title, setTitle] = useState("");
  const [artist, setArtist] = useState("");
  const [status, setStatus] = useState("");
  const [finding, setFinding] = useState(false);
  const seedsFull = tune.seeds.length >= STEER_LIMITS.seeds - 1;
  const avoidFull = tune.avoid.length >= STEER_LIMITS.avoid;

  const remove = (list: "seeds" | "avoid", trackId: string) =>
    onChange({ ...tune, [list]: tune[list].filter((s) => s.trackId !== trackId) }, "now");

  async function add(list: "seeds" | "avoid", event: { preventDefault(): void }) {
    event.preventDefault();
    const t = title.trim();
    const a = artist.trim();
    if (!t && !a) return setStatus("Type a title, an artist or a Spotify link first.");
    setFinding(true);
    try {
      const song = await findSong(t, a);
      if (!song) return setStatus(`We could not find “${[t, a].filter(Boolean).join(" – ")}”.`);
      const known = [...tune.seeds, ...tune.avoid].some((s) => s.trackId === song.trackId);
      const other = list === "seeds" ? "avoid" : "seeds";
      onChange({ ...tune, [list]: [...tune[list], song], [other]: tune[other].filter((s) => s.trackId !== song.trackId) }, "now");
      setStatus(`${known ? "Moved" : "Added"} ${song.title}${song.artists.length ? ` by ${artistsText(song.artists)}` : ""}.`);
      setTitle("");
      setArtist("");
    } catch (error) {
      setStatus(error instanceof ApiClientError ? error.message : "We could not search right now.");
    } finally {
      setFinding(false);
    }
  }

  return (
    <div className="tune__group tune__songs">
      <fieldset>
        <legend>Songs to start from</legend>
        <ul className="tune__list" data-testid="seed-list">
          <li className="tune__song" lang={langOf(ownSong)}>
            {ownSong} <span className="muted">(your song)</span>
          </li>
          {tune.seeds.map((s) => (
            <SongChip key={s.trackId} song={s} onRemove={() => remove("seeds", s.trackId)} />
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>Not like this</legend>
        {tune.avoid.length === 0 ? <p className="muted tune__empty">No song yet.</p> : null}
        <ul className="tune__list" data-testid="avoid-list">
          {tune.avoid.map((s) => (
            <SongChip key={s.trackId} song={s} onRemove={() => remove("avoid", s.trackId)} />
          ))}
        </ul>
      </fieldset>
      <form className="tune__add" onSubmit={(e) => add(seedsFull ? "avoid" : "seeds", e)} aria-label="Add a song">
        <div className="field">
          <label htmlFor={`${id}-title`}>Add a song: title or Spotify link</label>
          <input id={`${id}-title`} value={title} maxLength={300} onChange={(e) => setTitle(e.target.value)} data-testid="add-title" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-artist`}>Artist</label>
          <input id={`${id}-artist`} value={artist} maxLength={200} onChange={(e) => setArtist(e.target.value)} data-testid="add-artist" />
        </div>
        <div className="tune__add-buttons">
          <button type="button" className="button button--small" disabled={finding || seedsFull} onClick={(e) => add("seeds", e)}>
            More like this
          </button>
          <button type="button" className="button button--small" disabled={finding || avoidFull} onClick={(e) => add("avoid", e)}>
            Not like this
          </button>
        </div>
        <p className="muted" role="status" data-testid="add-status">
          {status}
        </p>
      </form>
    </div>
  );
}

function SongChip({ song, onRemove }: { song: TTuneSong; onRemove: () => void }) {
  return (
    <li className="tune__song" lang={langOf(song.title)}>
      <span>
        {song.title}
        {song.artists.length ? <span className="muted"> · {artistsText(song.artists)}</span> : null}
      </span>
      <button type="button" className="button button--small tune__remove" onClick={onRemove}>
        Remove<span className="visually-hidden"> {song.title}</span>
      </button>
    </li>
  );
}

/** A pasted Spotify link or id is used as it is (the server resolves it); otherwise the search's best match. */
async function findSong(title: string, artist: string): Promise<TTuneSong | null> {
  const link = title.match(SPOTIFY_ID);
  if (link && (title.includes("spotify") || title.length === 22)) {
    return { trackId: link[1]!, title: "Spotify track", artists: [] };
  }
  const found = await searchSongs({ title: title || undefined, artist: artist || undefined, limit: 1 });
  const best = found.candidates[0];
  return best ? { trackId: best.id, title: best.title, artists: best.artists } : null;
}

function describe(tune: TTuneState): string {
  const parts: string[] = [];
  if (tune.seeds.length) parts.push(`${tune.seeds.length + 1} seeds`);
  if (tune.avoid.length) parts.push(`${tune.avoid.length} not like this`);
  for (const feature of STEER_FEATURES) {
    const step = tune.targets[feature];
    if (step && step !== "same") parts.push(`${step} ${STEER_LABELS[feature].toLowerCase()}`);
  }
  if (tune.tempoMin !== undefined || tune.tempoMax !== undefined)
    parts.push(`${tune.tempoMin ?? STEER_LIMITS.minBpm}–${tune.tempoMax ?? STEER_LIMITS.maxBpm} BPM`);
  if (tune.variety) parts.push(`variety ${Math.round(tune.variety * 100)}%`);
  if (tune.maxPerArtist !== undefined && tune.maxPerArtist !== 2) parts.push(`at most ${tune.maxPerArtist} per artist`);
  return parts.join(" · ");
}
