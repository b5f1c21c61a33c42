// Pick feedback, the feedback signal in the ranking and experiment variants, through the real route handlers
// against one real database filled by the real pipeline. Run for PGlite and PostgreSQL by
// feedback.pglite.test.ts and feedback.postgres.test.ts (which set ANISONG_FEEDBACK_CACHE_MS=0, so every
// recommendation sees the votes and experiment of the moment).
import {
  closePrismaClient,
  createPrismaClient,
  startExperiment,
  stopExperiment,
  storeRecommendation,
  ZStoredRecommendationItems,
  type TDb,
  type TExperiment,
} from "@anisong/db";
import * as feedbackRoute from "../../src/app/api/recommendations/[id]/items/[songId]/feedback/route";
import * as recommendationRoute from "../../src/app/api/recommendations/[id]/route";
import * as recommendationsRoute from "../../src/app/api/recommendations/route";
import { chooseVariant } from "../../src/server/experiments/choose-variant";
import { getFeedbackReport } from "../../src/server/feedback/feedback-report";
import { useDatabase, useResolver } from "../../src/server/services";
import { call } from "./call-route";
import { countingResolver } from "./counting-resolver";
import { prepareDatabase, type TPreparedDatabase } from "./prepare-database";

const LEVITATING = "5nujrmhLynf4yMoMtj8AQF";
const UNKNOWN_ID = "3f0e7a52-5f0c-4c55-9a1b-2c3d4e5f6a7b";

type TItem = { trackId: string; similarity: number; vote?: string | null };

/** `secondModel`: also train and ingest a k=6 model, so an experiment can put two models live. */
export function describeFeedbackSuite(kind: "pglite" | "postgres", opts: { secondModel: boolean }): void {
  describe(`pick feedback and experiments on ${kind}`, () => {
    let database: TPreparedDatabase;
    let db: TDb;

    beforeAll(async () => {
      database = await prepareDatabase(kind);
      if (opts.secondModel) database.retrain({ k: 6 }); // before the test opens the database (PGlite: one process)
      db = await createPrismaClient(database.config);
      useDatabase(db);
    }, 1_200_000); // a guard: one or two real pipeline runs on a shared machine

    afterAll(async () => {
      useDatabase(undefined);
      if (db) await closePrismaClient(db);
      if (database) await database.drop();
    });

    const recommend = (init: { cookie?: string } = {}) =>
      call(recommendationsRoute.POST, "/api/recommendations", {
        method: "POST",
        json: { title: "Levitating", artist: "Dua Lipa" },
        headers: init.cookie ? { cookie: init.cookie } : {},
      });
    const vote = (id: string, songId: string, body: unknown, method: "PUT" | "DELETE" = "PUT") =>
      call(method === "PUT" ? feedbackRoute.PUT : feedbackRoute.DELETE, `/api/recommendations/${id}/items/${songId}/feedback`, {
        method,
        params: { id, songId },
        ...(method === "PUT" ? { json: body } : {}),
      });
    const stored = (id: string) => call(recommendationRoute.GET, `/api/recommendations/${id}`, { params: { id } });
    /** A visitor id that `experiment` puts in variant `name`. */
    const visitorIn = (experiment: TExperiment, name: string) =>
      Array.from({ length: 64 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`).find(
        (v) => chooseVariant(experiment, v).name === name,
      )!;

    /**
     * Starts an experiment of two variants: "a" ranks with the other model (the active one when the suite has one
     * model) without the feedback signal, "b" with the active model, with the signal when `bFeedbackSignal`.
     */
    const startTwoVariants = async (name: string, options: { bFeedbackSignal: boolean }) => {
      const models = await db.model.findMany({ orderBy: { createdAt: "asc" } });
      const active = models.find((m) => m.isActive)!;
      const other = opts.secondModel ? models.find((m) => !m.isActive)! : active;
      const started = await startExperiment(db, {
        name,
        variants: [
          { name: "a", modelId: other.id, feedbackSignal: false, weight: 1 },
          { name: "b", modelId: active.id, feedbackSignal: options.bFeedbackSignal, weight: 1 },
        ],
        minSilhouette: 0.2,
      });
      if (started.status !== "started") throw new Error(`experiment not started: ${started.status}`);
      return { experiment: started.experiment, active };
    };

    test("a pick's vote is stored, idempotent, changeable, cleared, and the permalink shows it", async () => {
      const rec = await recommend();
      expect(rec.status).toBe(201);
      const [first, second] = rec.body.items as TItem[];
      const put = await vote(rec.body.id, first!.trackId, { vote: "like" });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ recommendationId: rec.body.id, trackId: first!.trackId, vote: "like" });
      expect((await vote(rec.body.id, first!.trackId, { vote: "like" })).body.vote).toBe("like");
      expect(await db.pickFeedback.count({ where: { recommendationId: rec.body.id } })).toBe(1);

      let view = await stored(rec.body.id);
      expect(view.body.items.map((i: TItem) => i.vote)).toEqual(["like", ...Array(rec.body.items.length - 1).fill(null)]);

      expect((await vote(rec.body.id, first!.trackId, { vote: "dislike" })).body.vote).toBe("dislike");
      expect((await vote(rec.body.id, second!.trackId, { vote: "like" })).body.vote).toBe("like");
      view = await stored(rec.body.id);
      expect(view.body.items.slice(0, 2).map((i: TItem) => i.vote)).toEqual(["dislike", "like"]);

      const cleared = await vote(rec.body.id, first!.trackId, undefined, "DELETE");
      expect(cleared.status).toBe(200);
      expect(cleared.body.vote).toBeNull();
      expect((await vote(rec.body.id, first!.trackId, undefined, "DELETE")).status).toBe(200); // idempotent
      expect((await stored(rec.body.id)).body.items[0].vote).toBeNull();
    });

    test("bad feedback gets 400 naming the field, unknown picks 404, and nothing is written", async () => {
      const rec = await recommend();
      const song = rec.body.items[0].trackId as string;
      const badVote = await vote(rec.body.id, song, { vote: "meh" });
      expect(badVote.status).toBe(400);
      expect(badVote.body.error.message).toMatch(/^vote: must be "like" or "dislike"/);
      expect((await vote(rec.body.id, song, { vote: "like", extra: 1 })).status).toBe(400);
      expect((await vote(rec.body.id, song, {})).status).toBe(400);
      const badSong = await vote(rec.body.id, "no/such", { vote: "like" });
      expect(badSong.status).toBe(400);
      expect(badSong.body.error.message).toMatch(/must be a track id/);
      expect((await vote("not-a-uuid", song, { vote: "like" })).status).toBe(400);

      const unknownRec = await vote(UNKNOWN_ID, song, { vote: "like" });
      expect(unknownRec.status).toBe(404);
      expect(unknownRec.body.error.message).toBe("There is no recommendation with that id.");
      const notInIt = await vote(rec.body.id, LEVITATING, { vote: "like" });
      expect(notInIt.status).toBe(404);
      expect(notInIt.body.error.message).toBe("That song is not one of this recommendation's picks.");
      expect((await vote(rec.body.id, LEVITATING, undefined, "DELETE")).status).toBe(404);
      expect(await db.pickFeedback.count({ where: { recommendationId: rec.body.id } })).toBe(0);
    });

    test("one not-for-me moves nothing; forty drop the song below its neighbour, and the report says by how much", async () => {
      await db.pickFeedback.deleteMany({});
      const before = await recommend();
      const order = (before.body.items as TItem[]).map((i) => i.trackId);
      const [top, next] = before.body.items as TItem[];
      expect(top!.similarity - next!.similarity).toBeLessThan(0.04); // within what 40 rejects can move

      expect((await vote(before.body.id, top!.trackId, { vote: "dislike" })).status).toBe(200);
      const afterOne = await recommend();
      expect(afterOne.body.feedbackSignal).toBe(true);
      expect(afterOne.body.items.map((i: TItem) => i.trackId)).toEqual(order);

      // 39 more listeners got the same list (synthetic: stored as the first was, since the live ranking already
      // starts to demote the song after 5 votes) and each said "Not for me" to it through the route.
      const row = await db.recommendation.findUniqueOrThrow({ where: { id: before.body.id } });
      for (let i = 0; i < 39; i++) {
        const copy = await storeRecommendation(db, {
          ...row,
          options: before.body.options,
          features: before.body.query.features,
          items: ZStoredRecommendationItems.parse(row.items).map(({ songId, similarity }) => ({ songId, similarity })),
        });
        expect((await vote(copy.id, top!.trackId, { vote: "dislike" })).status).toBe(200);
      }
      const after = await recommend();
      const ids = after.body.items.map((i: TItem) => i.trackId);
      expect(ids[0]).toBe(next!.trackId);
      expect(ids.indexOf(top!.trackId)).not.toBe(0);
      // the stored similarity stays the plain cosine
      const again = (after.body.items as TItem[]).find((i) => i.trackId === top!.trackId);
      if (again) expect(again.similarity).toBeCloseTo(top!.similarity, 12);
      expect((await db.recommendation.findUniqueOrThrow({ where: { id: after.body.id } })).feedbackSignal).toBe(true);

      // 40 dislikes, no likes: prior (0+1)/(40+2), smoothed (0 + 10·prior)/50, adjustment −0.05 · 40/50 = −0.04
      const report = await getFeedbackReport(db);
      expect(report).toMatchObject({ enabled: true, priorStrength: 10, minVotes: 5, maxAdjustment: 0.05 });
      expect(report.priorRate).toBeCloseTo(1 / 42, 12);
      expect(report.songs[0]).toMatchObject({ trackId: top!.trackId, likes: 0, dislikes: 40, votes: 40, likeRate: 0 });
      expect(report.songs[0]!.adjustment).toBeCloseTo(-0.04, 12);
    });

    test("a running experiment gives each visitor a stable variant, stored with the recommendation; stopping keeps it", async () => {
      const { experiment, active } = await startTwoVariants(`test-${kind}`, { bFeedbackSignal: true });

      // A new visitor gets a cookie; the variant follows it.
      const first = await recommend();
      const cookie = first.headers.get("set-cookie")!;
      expect(cookie).toMatch(/^anisong_visitor=[0-9a-f-]{36}; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax$/);
      const visitorId = cookie.split(";")[0]!.split("=")[1]!;
      const expected = chooseVariant(experiment, visitorId);
      expect(first.body.experiment).toEqual({ id: experiment.id, variant: expected.name });
      const again = await recommend({ cookie: `anisong_visitor=${visitorId}` });
      expect(again.headers.get("set-cookie")).toBeNull();
      expect(again.body.experiment).toEqual(first.body.experiment);

      // One visitor of each variant: the variant's model ranks, its feedbackSignal decides the re-rank.
      for (const variant of experiment.variants) {
        const rec = await recommend({ cookie: `anisong_visitor=${visitorIn(experiment, variant.name)}` });
        expect(rec.status).toBe(201);
        expect(rec.body.modelVersion).toBe(variant.modelId);
        expect(rec.body.feedbackSignal).toBe(variant.feedbackSignal);
        const row = await db.recommendation.findUniqueOrThrow({ where: { id: rec.body.id } });
        expect(row).toMatchObject({
          modelId: variant.modelId,
          experimentId: experiment.id,
          variant: variant.name,
          feedbackSignal: variant.feedbackSignal,
        });
        const sims = rec.body.items.map((i: TItem) => i.similarity);
        if (!variant.feedbackSignal) expect(sims).toEqual([...sims].sort((x: number, y: number) => y - x)); // plain cosine order
      }

      expect((await stopExperiment(db)).status).toBe("stopped");
      const afterStop = await recommend({ cookie: `anisong_visitor=${visitorId}` });
      expect(afterStop.body.experiment).toBeNull();
      expect(afterStop.body.modelVersion).toBe(active.id);
      expect((await stored(first.body.id)).body.experiment).toEqual({ id: experiment.id, variant: expected.name });
    });

    test("during an experiment each variant keeps its own answer to the same request (the recommendation memo)", async () => {
      const { experiment } = await startTwoVariants(`memo-${kind}`, { bFeedbackSignal: false });
      const counter = countingResolver();
      useResolver(counter.resolver);
      try {
        const answers = new Map<string, string[]>();
        for (const name of ["a", "b", "a", "b", "a"]) {
          const rec = await recommend({ cookie: `anisong_visitor=${visitorIn(experiment, name)}` });
          expect(rec.status).toBe(201);
          const variant = experiment.variants.find((v) => v.name === name)!;
          expect(rec.body.experiment).toEqual({ id: experiment.id, variant: name });
          expect(rec.body.modelVersion).toBe(variant.modelId);
          const ids = rec.body.items.map((i: TItem) => i.trackId);
          expect(ids).toEqual(answers.get(name) ?? ids);
          answers.set(name, ids);
          const row = await db.recommendation.findUniqueOrThrow({ where: { id: rec.body.id } });
          expect(row).toMatchObject({ modelId: variant.modelId, experimentId: experiment.id, variant: name });
        }
        expect(counter.calls()).toBe(2); // once per variant: neither pushed the other's answer out
      } finally {
        useResolver(undefined);
        await stopExperiment(db);
      }
    });
  });
}
