import v8 from "node:v8";
import vm from "node:vm";
import { memoBasis, recallRecommendation, rememberRecommendation, type TComputedRecommendation } from "./recommendation-memo";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const computed = (tag: string): TComputedRecommendation =>
  ({ body: { modelVersion: tag }, bodyJson: `{"modelVersion":"${tag}"}`, row: { fieldsJson: "{}" } }) as unknown as TComputedRecommendation;

/** The sources of a basis, as planRecommendation and the services give them (only identity and these fields count). */
const sources = (loaded: object & { version: string }, options: { boosts?: object | null; variant?: string; resolver?: object } = {}) =>
  ({
    plan: {
      loaded,
      boosts: options.boosts ?? null,
      experiment: options.variant ? { id: "e1", variant: options.variant } : null,
    },
    active: loaded,
    resolver: options.resolver ?? RESOLVER,
  }) as unknown as Parameters<typeof memoBasis>[0];

const RESOLVER = {};

describe("the recommendation memo", () => {
  test("an answer holds while every object it was computed from is the one in force, and only then", () => {
    const model = { version: "m1" };
    const boosts = new Map();
    rememberRecommendation("q1", memoBasis(sources(model, { boosts })), computed("a"));
    expect(recallRecommendation("q1", memoBasis(sources(model, { boosts })))?.bodyJson).toContain('"a"');
    expect(recallRecommendation("q1", memoBasis(sources({ version: "m1" }, { boosts })))).toBeUndefined(); // a reloaded model
    expect(recallRecommendation("q1", memoBasis(sources(model, { boosts: new Map() })))).toBeUndefined(); // refreshed feedback
    expect(recallRecommendation("q1", memoBasis(sources(model, { boosts, resolver: {} })))).toBeUndefined();
    expect(recallRecommendation("q2", memoBasis(sources(model, { boosts })))).toBeUndefined();
  });

  test("each experiment variant keeps its own answer; a newer basis of the same model and variant supersedes the older", () => {
    const model = { version: "m2" };
    const [a, b] = [memoBasis(sources(model, { variant: "a" })), memoBasis(sources(model, { variant: "b" }))];
    rememberRecommendation("q", a, computed("a"));
    rememberRecommendation("q", b, computed("b"));
    expect(recallRecommendation("q", a)?.bodyJson).toContain('"a"');
    expect(recallRecommendation("q", b)?.bodyJson).toContain('"b"');
    const refreshed = memoBasis(sources(model, { variant: "a", boosts: new Map() }));
    rememberRecommendation("q", refreshed, computed("a2"));
    expect(recallRecommendation("q", refreshed)?.bodyJson).toContain('"a2"');
    expect(recallRecommendation("q", a)).toBeUndefined();
    expect(recallRecommendation("q", b)?.bodyJson).toContain('"b"');
  });

  test("an answer does not keep the model it was computed from in memory", async () => {
    // The model is made and referenced only inside this function: afterwards only the memo could hold it.
    const remember = () => {
      const model = { version: "m3" };
      const basis = memoBasis(sources(model));
      rememberRecommendation("q3", basis, computed("c"));
      return { gone: new WeakRef(model), basis };
    };
    const { gone, basis } = remember();
    await new Promise((resolve) => setImmediate(resolve)); // a WeakRef's target lives to the end of the job that read it
    gc();
    expect(gone.deref()).toBeUndefined();
    expect(recallRecommendation("q3", basis)?.bodyJson).toContain('"c"');
  });
});
