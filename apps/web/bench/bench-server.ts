// The server the web benches measure (run.ts, trace-page.ts) and what they ask it: the current build, the catalog's
// derived cache, a throwaway database filled by the real pipeline, the catalog provider only, and the write limit
// lifted (else the load would be answered 429).
import { warmConfiguredCatalogCache } from "@anisong/providers";
import { ensureBuilt, startNextServer, type TNextServer } from "../test/support/next-server";
import { prepareDatabase } from "../test/support/prepare-database";

/** The recommendation the warm-up and the POST load ask for, and the results page shows. */
export const BENCH_RECOMMENDATION_BODY = JSON.stringify({ title: "Levitating", artist: "Dua Lipa", topN: 10 });
export const JSON_HEADERS = { "content-type": "application/json" };

export type TBenchPage = { name: "home" | "results" | "permalink"; path: string };

export async function startBenchServer(options: {
  database: "pglite" | "postgres";
  log: (line: string) => void;
}): Promise<{ server: TNextServer; stop(): Promise<void> }> {
  ensureBuilt(options.log);
  // As `pnpm start` does: the server's first load then reads the catalog's snapshot, so a new machine's first run
  // measures the same idle memory as the next ones (it parsed the CSV in the server before, 421 against ~320 MB).
  await warmConfiguredCatalogCache();
  const database = await prepareDatabase(options.database);
  const server = await startNextServer({
    ...database.env,
    ANISONG_PROVIDERS: "catalog",
    ANISONG_WRITE_RATE_PER_MINUTE: "100000000",
    ANISONG_WRITE_RATE_BURST: "100000000",
  });
  return {
    server,
    async stop() {
      await server.stop();
      await database.drop();
    },
  };
}

/** Stores one recommendation through the API; its id names the permalink page. */
export async function createBenchRecommendation(serverUrl: string): Promise<string> {
  const res = await fetch(`${serverUrl}/api/recommendations`, { method: "POST", headers: JSON_HEADERS, body: BENCH_RECOMMENDATION_BODY });
  if (res.status !== 201) throw new Error(`recommendation request answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/**
 * Recommendation requests the server has not answered lately, one per POST: the library's songs by title and lead
 * artist (as a listener types them; songs listed without an artist are left out), each asked for lists of 5 to 50
 * picks. Thousands of different questions in a row, more than the recommendation memo keeps, so every request
 * resolves its song, ranks and serialises afresh (the memo's miss path).
 */
export async function benchQuestions(serverUrl: string): Promise<string[]> {
  const songs: { title: string; artists: string[] }[] = [];
  for (let page = 1; page <= 3; page++) {
    const res = await fetch(`${serverUrl}/api/songs?page=${page}&size=100`);
    if (!res.ok) throw new Error(`GET /api/songs answered ${res.status}`);
    songs.push(...((await res.json()) as { items: { title: string; artists: string[] }[] }).items);
  }
  const questions: string[] = [];
  for (let topN = 5; topN <= 50; topN++) {
    for (const song of songs) {
      if (song.artists[0]) questions.push(JSON.stringify({ title: song.title, artist: song.artists[0], topN }));
    }
  }
  return questions;
}

/** The three pages the benches load: home, the results for the bench's song, and `permalinkId`'s permalink. */
export function benchPages(permalinkId: string): TBenchPage[] {
  return [
    { name: "home", path: "/" },
    { name: "results", path: "/results?title=Levitating&artist=Dua%20Lipa" },
    { name: "permalink", path: `/recommendations/${permalinkId}` },
  ];
}
