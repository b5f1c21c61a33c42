// The listener's steering, shared by the API schema, the Tune panel and the results URL without pulling zod or
// core-ml into the browser bundle (core-ml's STEERABLE_FEATURES names the same five features).
export const STEER_FEATURES = ["energy", "valence", "danceability", "acousticness", "tempo"] as const;
export type TSteerFeature = (typeof STEER_FEATURES)[number];
export const TARGET_STEPS = ["less", "same", "more"] as const;
export type TTargetStep = (typeof TARGET_STEPS)[number];

export const STEER_LIMITS = { seeds: 5, avoid: 5, minBpm: 30, maxBpm: 250, topN: 50, maxPerArtist: 50 } as const;

/** How many picks the page asks for once (the most the API gives) and reveals ten at a time. */
export const PAGE_TOP_N = STEER_LIMITS.topN;
export const REVEAL_STEP = 10;

export const STEER_LABELS: Record<TSteerFeature, string> = {
  energy: "Energy",
  valence: "Mood (positivity)",
  danceability: "Danceability",
  acousticness: "Acousticness",
  tempo: "Tempo",
};

/**
 * What the Tune panel changes, beside the listener's own song: more seeds and "not like this" songs (track ids),
 * per-feature targets, a tempo range, variety (0–1) and the artist cap. Absent = the API's default.
 */
export type TTune = {
  seeds: string[];
  avoid: string[];
  targets: Partial<Record<TSteerFeature, TTargetStep>>;
  tempoMin?: number;
  tempoMax?: number;
  variety?: number;
  maxPerArtist?: number;
};

export const EMPTY_TUNE: TTune = { seeds: [], avoid: [], targets: {} };

/** The tune → URL parameters (appended to the song's own; see result-query.ts). Defaults are left out. */
export function tuneParams(tune: TTune, params: URLSearchParams = new URLSearchParams()): URLSearchParams {
  for (const id of tune.seeds) params.append("seed", id);
  for (const id of tune.avoid) params.append("avoid", id);
  for (const feature of STEER_FEATURES) {
    const step = tune.targets[feature];
    if (step && step !== "same") params.set(feature, step);
  }
  if (tune.tempoMin !== undefined) params.set("tempoMin", String(tune.tempoMin));
  if (tune.tempoMax !== undefined) params.set("tempoMax", String(tune.tempoMax));
  if (tune.variety !== undefined) params.set("variety", String(tune.variety));
  if (tune.maxPerArtist !== undefined) params.set("maxPerArtist", String(tune.maxPerArtist));
  return params;
}

type TParams = Record<string, string | string[] | undefined>;

/** URL parameters → the tune. Lenient: what does not parse is left at its default (the API bounds the rest). */
export function tuneFromParams(params: TParams): TTune {
  const all = (key: string) => {
    const v = params[key];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter((s) => s.length > 0 && s.length <= 300);
  };
  const one = (key: string) => all(key)[0];
  const num = (key: string, min: number, max: number, integer = false) => {
    const s = one(key);
    if (s === undefined || !/^\d+(\.\d+)?$/.test(s)) return undefined;
    const n = Number(s);
    return n >= min && n <= max && (!integer || Number.isInteger(n)) ? n : undefined;
  };
  const targets: TTune["targets"] = {};
  for (const feature of STEER_FEATURES) {
    const step = one(feature);
    if (step === "less" || step === "more") targets[feature] = step;
  }
  const tune: TTune = {
    seeds: all("seed").slice(0, STEER_LIMITS.seeds - 1),
    avoid: all("avoid").slice(0, STEER_LIMITS.avoid),
    targets,
  };
  const tempoMin = num("tempoMin", STEER_LIMITS.minBpm, STEER_LIMITS.maxBpm);
  const tempoMax = num("tempoMax", STEER_LIMITS.minBpm, STEER_LIMITS.maxBpm);
  const variety = num("variety", 0, 1);
  const maxPerArtist = num("maxPerArtist", 1, STEER_LIMITS.maxPerArtist, true);
  if (tempoMin !== undefined) tune.tempoMin = tempoMin;
  if (tempoMax !== undefined) tune.tempoMax = tempoMax;
  if (variety !== undefined) tune.variety = variety;
  if (maxPerArtist !== undefined) tune.maxPerArtist = maxPerArtist;
  return tune;
}

/** The steering part of a POST /api/recommendations body, beside the first seed. */
export function tuneRequest(tune: TTune) {
  const { tempoMin: min, tempoMax: max } = tune;
  return {
    avoid: tune.avoid.map((trackId) => ({ trackId })),
    targets: tune.targets,
    ...(min !== undefined || max !== undefined ? { tempoRange: { min, max } } : {}),
    ...(tune.variety !== undefined ? { variety: tune.variety } : {}),
    ...(tune.maxPerArtist !== undefined ? { maxPerArtist: tune.maxPerArtist } : {}),
  };
}
