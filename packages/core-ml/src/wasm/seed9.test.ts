// k-means++'s WebAssembly passes (seed9.wat) against the JavaScript they replace (kernels.ts and kmeans-plus-plus.ts,
// still the fallback): the same trial distances and potentials bit for bit, on an even and an odd number of rows, and
// the same seeding (centres and assignment: the first centre's pass, the running sums, each centre joining) through
// kmeansPlusPlus.
import { potentialsWithCandidates } from "../kernels";
import { createSeedAssignment, kmeansPlusPlus } from "../kmeans-plus-plus";
import { createRandom } from "../random";
import { wasmLloydArrays } from "./lloyd-arrays";

function rows(n: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  // Standardised-looking features with a few exact duplicates, so ties between a trial and `closest` occur.
  const data = Float64Array.from({ length: n * 9 }, () => (rng.next() - 0.5) * 4);
  for (let j = 0; j < 9; j++) data[9 + j] = data[j]!;
  return data;
}

it.each([1000, 1001])("n = %i: trial distances and potentials as potentialsWithCandidates", (n) => {
  const data = rows(n, n);
  const seeding = wasmLloydArrays(data, n, 5)!.seeding!;
  expect(seeding).toBeDefined();
  const closest = seeding.assignment.nearestSq;
  const rng = createRandom(3);
  for (let i = 0; i < n; i++) closest[i] = i === 1 ? 0 : rng.next() * 20;
  const candidates = Int32Array.from([0, 500, n - 1]);
  const jsOut = new Float64Array(3 * n);
  const jsPots = new Float64Array(3);
  potentialsWithCandidates(data, n, 9, candidates, Float64Array.from(closest), jsOut, jsPots);
  const pots = new Float64Array(3);
  seeding.potentialsOfThree(candidates, pots);
  expect(Array.from(seeding.trialDist)).toEqual(Array.from(jsOut));
  expect(Array.from(pots)).toEqual(Array.from(jsPots));
});

it.each([3, 5, 7])("k = %i: kmeansPlusPlus seeds the same centres and assignment with and without it", (k) => {
  const n = 2001;
  const data = rows(n, k);
  const js = createSeedAssignment(n);
  const jsCentres = kmeansPlusPlus(data, n, 9, k, createRandom(11), js);
  const seeding = wasmLloydArrays(data, n, k)!.seeding!;
  const centres = kmeansPlusPlus(data, n, 9, k, createRandom(11), seeding.assignment, seeding);
  expect(Array.from(centres)).toEqual(Array.from(jsCentres));
  expect(Array.from(seeding.assignment.labels)).toEqual(Array.from(js.labels));
  expect(Array.from(seeding.assignment.nearestSq)).toEqual(Array.from(js.nearestSq));
  expect(Array.from(seeding.assignment.secondSq)).toEqual(Array.from(js.secondSq));
});
