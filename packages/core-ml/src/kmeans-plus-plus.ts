// Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with scikit-learn's 2 + ln(k) local trials per centre:
// each step samples several candidates by D² weighting and keeps the one that lowers the potential most).
import { potentialsWithCandidates, squaredDistance } from "./kernels";
import type { TRandom } from "./random";
import type { TWasmSeeding } from "./wasm/lloyd-arrays";

/** Local trials per new centre: scikit-learn's 2 + ⌊ln k⌋. */
function localTrialCount(k: number): number {
  return 2 + Math.floor(Math.log(k));
}

/** How many values kmeansPlusPlus draws from `rng` (always the same for a given k: one per sampled candidate). */
export function seedingDraws(k: number): number {
  return 1 + (k - 1) * localTrialCount(k);
}

/**
 * Every row's nearest initial centre (lowest index on ties), its squared distance and the squared distance to the
 * second nearest (Number.MAX_VALUE while there is only one centre): exactly what a full assignment pass against the
 * returned centres computes (kernels.nearestTwo: same distances, same order, same tie rule), so Lloyd's first
 * iteration can take it instead of recomputing n × k distances.
 */
export interface TSeedAssignment {
  labels: Int32Array;
  nearestSq: Float64Array;
  secondSq: Float64Array;
}

export function createSeedAssignment(n: number): TSeedAssignment {
  return { labels: new Int32Array(n), nearestSq: new Float64Array(n), secondSq: new Float64Array(n) };
}

/**
 * Returns k initial centres (flat, k × d) chosen from the n × d rows of `data`; fills `assignment` (allocated here
 * when not given) with every row's nearest and second-nearest centre.
 */
export function kmeansPlusPlus(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  rng: TRandom,
  assignment: TSeedAssignment = createSeedAssignment(n),
  wasm?: TWasmSeeding,
): Float64Array {
  const centres = new Float64Array(k * d);
  const localTrials = localTrialCount(k);
  const first = rng.int(n);
  centres.set(data.subarray(first * d, first * d + d), 0);

  const { labels, nearestSq: closest, secondSq } = assignment;
  labels.fill(0);
  secondSq.fill(Number.MAX_VALUE);
  // The WebAssembly passes read and write the assignment in their own memory: only with its assignment.
  const kernel = wasm && wasm.assignment === assignment && d === 9 && localTrials === 3 ? wasm : undefined;
  let potential = 0;
  if (kernel) potential = kernel.firstCentre(first);
  else {
    for (let i = 0; i < n; i++) {
      closest[i] = squaredDistance(data, i * d, centres, 0, d);
      potential += closest[i]!;
    }
  }

  const scratchArrays = kernel ? undefined : seedingScratch(n, localTrials);
  const cumulative = kernel ? kernel.cumulative : scratchArrays!.cumulative;
  const trialDist = kernel ? kernel.trialDist : scratchArrays!.trialDist;
  const candidates = new Int32Array(localTrials);
  const pots = new Float64Array(localTrials);
  for (let c = 1; c < k; c++) {
    if (kernel) kernel.cumulate();
    else {
      let running = 0;
      for (let i = 0; i < n; i++) cumulative[i] = running += closest[i]!;
    }

    // The draws do not depend on the trials' outcome, so all candidates are drawn first and scored in one pass.
    for (let t = 0; t < localTrials; t++) {
      const target = rng.next() * potential;
      // searchsorted(side="left"): first index whose cumulative sum reaches the target.
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid]! < target) lo = mid + 1;
        else hi = mid;
      }
      candidates[t] = lo;
    }
    if (kernel) kernel.potentialsOfThree(candidates, pots);
    else potentialsWithCandidates(data, n, d, candidates, closest, trialDist, pots);
    let best = 0;
    for (let t = 1; t < localTrials; t++) if (pots[t]! < pots[best]!) best = t;
    const bestIndex = candidates[best]!;
    centres.set(data.subarray(bestIndex * d, bestIndex * d + d), c * d);
    potential = pots[best]!;
    if (kernel) kernel.addCentre(best, c);
    else addCentre(trialDist, best * n, c, assignment);
  }
  return centres;
}

/**
 * The last seeding's scratch arrays, reused by the next seeding over as many rows: nInit restarts each allocated
 * 4 × n doubles (3.6 MB for the 114,000-track catalogue) that became garbage at once. Every step overwrites what it
 * reads (the running sums; each trial's distance to every row), and a seeding runs to its end before another starts
 * (one thread each).
 */
let scratch: { n: number; trials: number; cumulative: Float64Array; trialDist: Float64Array } | undefined;

function seedingScratch(n: number, trials: number): { cumulative: Float64Array; trialDist: Float64Array } {
  if (!scratch || scratch.n !== n || scratch.trials !== trials) {
    scratch = { n, trials, cumulative: new Float64Array(n), trialDist: new Float64Array(trials * n) };
  }
  return scratch;
}

/**
 * Centre c joins, with dist[o + i] = row i's squared distance to it: nearestTwo's update rule (strictly nearer than
 * the nearest: it becomes the nearest and the old one the second; else strictly nearer than the second: it becomes
 * the second), with branch-free selects (exact for finite values; hence MAX_VALUE, not Infinity, as "no second").
 */
function addCentre(dist: Float64Array, o: number, c: number, assignment: TSeedAssignment): void {
  const { labels, nearestSq, secondSq } = assignment;
  const n = labels.length;
  for (let i = 0; i < n; i++) {
    const s = dist[o + i]!;
    const near = nearestSq[i]!;
    const second = secondSq[i]!;
    const lt = +(s < near);
    const lt2 = +(s < second);
    secondSq[i] = lt * near + (1 - lt) * (lt2 * s + (1 - lt2) * second);
    nearestSq[i] = lt * s + (1 - lt) * near;
    labels[i] = labels[i]! + lt * (c - labels[i]!);
  }
}
