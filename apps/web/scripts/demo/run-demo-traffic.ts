// Simulated visitors against a local Anisong server, reproducible from a seed (core-ml's PRNG). Each visitor has
// its own anisong_visitor cookie (so an experiment keeps it in one variant), asks for 1–3 recommendations from
// the library's popular songs (overlapping, so songs gather votes), rates most of them and votes on some picks.
// Stars are drawn around a mean that is higher when the variant uses the feedback signal and differs a little per
// cluster, so Insights has differences to show; a few songs are mostly rejected. Bounded in visitors and time.
import { createRandom, type TRandom } from "@anisong/core-ml";
import type { TDemoOptions } from "./demo-options";

type TSong = { id: string; title: string; artists: string[] };
type TRecommendation = {
  id: string;
  items: { trackId: string }[];
  cluster?: { index: number };
  experiment?: { id: string; variant: string } | null;
  feedbackSignal?: boolean;
};

export type TDemoSummary = {
  visitors: number;
  recommendations: number;
  ratings: number;
  votes: number;
  rateLimitWaits: number;
  failures: number;
  stoppedEarly: boolean;
  byVariant: Record<string, { recommendations: number; ratings: number; starsSum: number; likes: number; dislikes: number }>;
  seconds: number;
};

const COMMENTS: Record<number, string[]> = {
  1: ["Not my thing at all.", "Too far from what I asked for."],
  2: ["A couple of good ones, mostly misses."],
  3: ["Some nice finds.", "OK, a bit samey."],
  4: ["Good mix, found a new favourite.", "Nice energy."],
  5: ["Perfect, exactly my taste!", "最高！", "Every pick was great."],
};
const REQUEST_TIMEOUT_MS = 15_000;
const MAX_RETRIES = 5;

class DemoStopped extends Error {}

function normal(random: TRandom): number {
  // Box–Muller; 1 − next() is in (0, 1], so the log is finite.
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

/** A stable number in [0, 1) per song id, so the same songs are liked or rejected across visitors. */
function songTaste(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0;
  return h / 2 ** 32;
}

function visitorId(random: TRandom): string {
  const hex = Array.from({ length: 32 }, () => random.int(16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export async function runDemoTraffic(options: TDemoOptions, log: (line: string) => void = () => undefined): Promise<TDemoSummary> {
  const started = Date.now();
  const deadline = started + options.maxSeconds * 1000;
  const base = options.url.replace(/\/+$/, "");
  const summary: TDemoSummary = {
    visitors: 0,
    recommendations: 0,
    ratings: 0,
    votes: 0,
    rateLimitWaits: 0,
    failures: 0,
    stoppedEarly: false,
    byVariant: {},
    seconds: 0,
  };

  async function send(path: string, init: RequestInit & { cookie?: string } = {}): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      if (Date.now() > deadline) throw new DemoStopped();
      const headers = new Headers(init.headers);
      if (init.cookie) headers.set("cookie", init.cookie);
      const res = await fetch(`${base}${path}`, { ...init, headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      if (res.status !== 429 || attempt >= MAX_RETRIES) return res;
      await res.body?.cancel();
      const waitMs = Math.max(1, Number(res.headers.get("retry-after")) || 1) * 1000;
      summary.rateLimitWaits++;
      if (Date.now() + waitMs > deadline) throw new DemoStopped();
      await new Promise((r) => setTimeout(r, waitMs));
    }
  }

  const songsRes = await send(`/api/songs?size=40&sort=popularity&order=desc`);
  if (!songsRes.ok) throw new Error(`GET /api/songs answered ${songsRes.status}: is the server up with a trained model?`);
  const songs = ((await songsRes.json()) as { items: TSong[] }).items;
  if (songs.length === 0) throw new Error("the library is empty: run `pnpm run pipeline all` first");

  const master = createRandom(options.seed);
  // Each visitor gets its own PRNG seeded from the master, so a run is the same whatever the interleaving.
  const visitors = Array.from({ length: options.visitors }, () => ({ seed: Math.floor(master.next() * 2 ** 32) }));

  async function visit(seed: number): Promise<void> {
    const random = createRandom(seed);
    const cookie = `anisong_visitor=${visitorId(random)}`;
    const count = 1 + random.int(3);
    for (let r = 0; r < count; r++) {
      const song = songs[random.int(songs.length)]!;
      const res = await send("/api/recommendations", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ trackId: song.id }),
        cookie,
      });
      if (res.status !== 201) {
        summary.failures++;
        log(`POST /api/recommendations ${song.title}: ${res.status}`);
        await res.body?.cancel();
        continue;
      }
      const rec = (await res.json()) as TRecommendation;
      summary.recommendations++;
      const variant = rec.experiment?.variant ?? "(no experiment)";
      const tally = (summary.byVariant[variant] ??= { recommendations: 0, ratings: 0, starsSum: 0, likes: 0, dislikes: 0 });
      tally.recommendations++;

      const mean = 3.1 + (rec.feedbackSignal ? 0.6 : 0) + [0, 0.4, -0.3, 0.2, -0.1][(rec.cluster?.index ?? 0) % 5]!;
      const stars = Math.min(5, Math.max(1, Math.round(mean + normal(random))));
      if (random.next() < 0.8) {
        const comment = random.next() < 0.25 ? COMMENTS[stars]![random.int(COMMENTS[stars]!.length)] : undefined;
        const rated = await send(`/api/recommendations/${rec.id}/rating`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ stars, ...(comment ? { comment } : {}) }),
          cookie,
        });
        await rated.body?.cancel();
        if (rated.status === 201) {
          summary.ratings++;
          tally.ratings++;
          tally.starsSum += stars;
        } else summary.failures++;
      }

      for (const item of rec.items.slice(0, 5)) {
        if (random.next() >= 0.5) continue;
        const taste = songTaste(item.trackId);
        const pLike = Math.min(0.95, Math.max(0.05, 0.2 + 0.12 * (stars - 1) + (taste < 0.15 ? -0.4 : taste > 0.8 ? 0.25 : 0)));
        const vote = random.next() < pLike ? "like" : "dislike";
        const voted = await send(`/api/recommendations/${rec.id}/items/${encodeURIComponent(item.trackId)}/feedback`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ vote }),
          cookie,
        });
        await voted.body?.cancel();
        if (voted.ok) {
          summary.votes++;
          tally[vote === "like" ? "likes" : "dislikes"]++;
        } else summary.failures++;
      }
    }
    summary.visitors++;
  }

  let next = 0;
  const worker = async () => {
    while (next < visitors.length) {
      const v = visitors[next++]!;
      await visit(v.seed);
      if (summary.visitors % 10 === 0) log(`${summary.visitors}/${visitors.length} visitors…`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, visitors.length) }, worker));
  } catch (error) {
    if (!(error instanceof DemoStopped)) throw error;
    summary.stoppedEarly = true;
    log(`stopped after ${options.maxSeconds} s (--max-seconds)`);
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
