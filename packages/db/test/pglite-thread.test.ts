// PGlite in its own worker thread (the web server's mode): errors keep their PostgreSQL codes through the
// thread, interactive transactions commit and roll back there, a closed thread is "unavailable" (a 503 in the
// web), one folder is never open twice, and PostgreSQL's work no longer blocks the caller's event loop.
import { classifyDatabaseError, createTestDatabase, PGliteLockedError, storeRecommendation, type TTestDatabase } from "../src";
import { closePGlite, openPGlite, openPGliteThread } from "../src/client/pglite-registry";

jest.setTimeout(180_000); // opening a fresh PGlite folder takes long on a loaded machine

const MODEL = {
  k: 1,
  features: ["energy"],
  scaler: {},
  centroids: [],
  inertia: 0,
  silhouette: 0,
  trainingRows: 0,
  trainingDataHash: "h",
  assignment: "cosine",
  artifact: {},
};

/** Event-loop ticks of a 5 ms interval while `work` runs: near zero when `work` blocks this thread. */
async function ticksDuring(work: () => Promise<unknown>): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

// About half a second of PostgreSQL CPU on PGlite, with no I/O to yield on.
const BUSY_QUERY = `SELECT count(*)::int AS n FROM generate_series(1, 800000) AS g WHERE g % 7 = 3`;

describe("PGlite in its own thread", () => {
  let t: TTestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ kind: "pglite-thread" });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("answers a unique violation as in-process PGlite does: a DriverAdapterError with its SQLSTATE", async () => {
    await t.db.model.create({ data: { id: "m-unique", ...MODEL } });
    const again = await t.db.model.create({ data: { id: "m-unique", ...MODEL } }).catch((error: unknown) => error);
    expect(again).toMatchObject({
      name: "DriverAdapterError",
      message: expect.stringContaining("duplicate key value violates unique constraint"),
      cause: { kind: "postgres", code: "23505", detail: "Key (id)=(m-unique) already exists." },
    });
  });

  it("commits an interactive transaction in the thread, and rolls one back without a trace", async () => {
    await t.db.$transaction(async (tx) => {
      await tx.model.create({ data: { id: "m-commit", ...MODEL } });
      expect(await tx.model.count({ where: { id: "m-commit" } })).toBe(1);
    });
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.model.create({ data: { id: "m-rollback", ...MODEL } });
        throw new Error("listener went away");
      }),
    ).rejects.toThrow("listener went away");
    const ids = (await t.db.model.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((m) => m.id);
    expect(ids).toEqual(["m-commit", "m-unique"]);
  });

  it("keeps the caller's event loop running while PostgreSQL works (in-process PGlite blocks it)", async () => {
    const inThread = await ticksDuring(() => t.db.$queryRawUnsafe(BUSY_QUERY));
    // The same query on this thread, in a second folder opened in-process.
    const local = await createTestDatabase({ kind: "pglite", migrate: false });
    try {
      const onThisThread = await ticksDuring(() => local.db.$queryRawUnsafe(BUSY_QUERY));
      expect(onThisThread).toBeLessThanOrEqual(3);
      expect(inThread).toBeGreaterThan(onThisThread + 10);
    } finally {
      await local.drop();
    }
  });

  it("stores recommendations sent together, each with its picks and exact similarities; a bad one fails alone, and the next batches go on", async () => {
    await t.db.model.create({ data: { id: "m-batch", ...MODEL } });
    const features = {
      danceability: 0.5,
      energy: 0.7,
      loudness: -5,
      speechiness: 0.05,
      acousticness: 0.1,
      instrumentalness: 0,
      liveness: 0.1,
      valence: 0.6,
      tempo: 120,
    };
    await t.db.song.createMany({
      data: ["s1", "s2", "s3"].map((id) => ({ id, title: id, artists: ["A"], source: "seed", ...features })),
    });
    const sent = Array.from({ length: 40 }, (_, i) => ({
      queryTitle: `q${i}`,
      queryArtist: null,
      queryTrackId: null,
      trackId: `t${i}`,
      trackTitle: `T${i}`,
      trackArtists: ["A", `B${i}`],
      features,
      featureSource: "catalog",
      modelId: i === 17 ? "no-such-model" : "m-batch",
      clusterIndex: i % 3,
      items: [
        { songId: "s1", similarity: Math.PI / (i + 10) },
        { songId: "s2", similarity: -Math.E / (i + 10), seedSimilarities: [Math.SQRT2 / 3, 1 / 3] },
      ],
    }));
    const outcomes = await Promise.allSettled(sent.map((rec) => storeRecommendation(t.db, rec)));
    const failed = outcomes.flatMap((o, i) => (o.status === "rejected" ? [i] : []));
    expect(failed).toEqual([17]);
    expect((outcomes[17] as PromiseRejectedResult).reason).toMatchObject({ name: "DriverAdapterError", cause: { code: "23503" } });
    const stored = await t.db.recommendation.findMany({ where: { modelId: "m-batch" } });
    expect(stored).toHaveLength(39);
    for (const [i, rec] of sent.entries()) {
      if (i === 17) continue;
      const { id } = (outcomes[i] as PromiseFulfilledResult<{ id: string }>).value;
      const row = stored.find((r) => r.id === id)!;
      expect(row).toMatchObject({ queryTitle: `q${i}`, trackArtists: ["A", `B${i}`], clusterIndex: i % 3, options: null });
      expect(row.items).toEqual(rec.items.map((item) => ({ seedSimilarities: [], ...item })));
    }
    // The failed batch closed its prepared statement; the next ones prepare it again and go in together.
    const again = await Promise.all(
      sent.slice(0, 5).map((rec) => storeRecommendation(t.db, { ...rec, modelId: "m-batch", queryTitle: "again" })),
    );
    expect(await t.db.recommendation.count({ where: { id: { in: again.map((r) => r.id) }, queryTitle: "again" } })).toBe(5);
  });

  it("runs a batch of writes after an interactive transaction that is open, never inside it", async () => {
    await t.db.model.create({ data: { id: "m-outside", ...MODEL } });
    let stored: Promise<{ id: string }> | undefined;
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.model.create({ data: { id: "m-inside", ...MODEL } });
        stored = storeRecommendation(t.db, {
          queryTitle: "outside",
          queryArtist: null,
          queryTrackId: null,
          trackId: "t",
          trackTitle: "T",
          trackArtists: ["A"],
          features: { danceability: 0.5 } as never,
          featureSource: "catalog",
          modelId: "m-outside",
          clusterIndex: 0,
          items: [],
        });
        await new Promise((resolve) => setTimeout(resolve, 100)); // the write is waiting meanwhile
        throw new Error("listener went away");
      }),
    ).rejects.toThrow("listener went away");
    const { id } = await stored!;
    expect(await t.db.recommendation.count({ where: { id, queryTitle: "outside" } })).toBe(1); // not rolled back with it
    expect(await t.db.model.count({ where: { id: "m-inside" } })).toBe(0);
  });

  it("refuses to open the thread's folder on this thread too: one PGlite instance per folder", async () => {
    if (t.config.kind !== "pglite") throw new Error("expected pglite");
    await expect(openPGlite(t.config.dataDir)).rejects.toThrow(PGliteLockedError);
    await expect(openPGlite(t.config.dataDir)).rejects.toThrow("in this process's database thread");
  });
});

describe("a database thread that dies", () => {
  it("fails the queries in flight as 'unavailable' (the web's 503), and the next query gets a new thread", async () => {
    const t = await createTestDatabase({ kind: "pglite-thread" });
    if (t.config.kind !== "pglite") throw new Error("expected pglite");
    try {
      await t.db.model.create({ data: { id: "m-kept", ...MODEL } });
      const dying = await openPGliteThread(t.config.dataDir);
      const inFlight = t.db.$queryRawUnsafe(BUSY_QUERY).catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await dying.terminate();
      const failure = await inFlight;
      expect(failure).toBeInstanceOf(Error);
      expect(classifyDatabaseError(failure)).toBe("unavailable");
      expect(await t.db.model.count()).toBe(1); // a new thread, on the same folder, with what was committed
      expect(await openPGliteThread(t.config.dataDir)).not.toBe(dying);
    } finally {
      await t.drop();
    }
  });

  it("is told apart from a closed folder: closePGlite then a query opens the folder again, like Prisma's $connect", async () => {
    const t = await createTestDatabase({ kind: "pglite-thread" });
    if (t.config.kind !== "pglite") throw new Error("expected pglite");
    try {
      await closePGlite(t.config.dataDir);
      expect(await t.db.model.count()).toBe(0);
      await expect(openPGlite(t.config.dataDir)).rejects.toThrow(PGliteLockedError);
    } finally {
      await t.drop();
    }
  });
});
