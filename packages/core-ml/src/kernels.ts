// Distance kernels for the hot loops. V8 does not unroll short inner loops, so the model's nine features get
// hand-unrolled fast paths (about 2× faster: coordinates stay in registers); any other width uses the generic loop.

/** Squared euclidean distance between row a of `x` and row b of `y` (both flat, width d). */
export function squaredDistance(x: Float64Array, a: number, y: Float64Array, b: number, d: number): number {
  if (d === 9) {
    let t = x[a]! - y[b]!;
    let s = t * t;
    t = x[a + 1]! - y[b + 1]!;
    s += t * t;
    t = x[a + 2]! - y[b + 2]!;
    s += t * t;
    t = x[a + 3]! - y[b + 3]!;
    s += t * t;
    t = x[a + 4]! - y[b + 4]!;
    s += t * t;
    t = x[a + 5]! - y[b + 5]!;
    s += t * t;
    t = x[a + 6]! - y[b + 6]!;
    s += t * t;
    t = x[a + 7]! - y[b + 7]!;
    s += t * t;
    t = x[a + 8]! - y[b + 8]!;
    return s + t * t;
  }
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = x[a + j]! - y[b + j]!;
    s += t * t;
  }
  return s;
}

/**
 * Nearest centre of row a (lowest index wins ties); writes the euclidean distances to the nearest and the
 * second-nearest centre into out[0], out[1].
 */
export function nearestTwo(data: Float64Array, a: number, centres: Float64Array, k: number, d: number, out: Float64Array): number {
  let best = 0;
  let bestSq = Infinity;
  let secondSq = Infinity;
  if (d === 9) {
    const x0 = data[a]!,
      x1 = data[a + 1]!,
      x2 = data[a + 2]!,
      x3 = data[a + 3]!,
      x4 = data[a + 4]!;
    const x5 = data[a + 5]!,
      x6 = data[a + 6]!,
      x7 = data[a + 7]!,
      x8 = data[a + 8]!;
    for (let c = 0, b = 0; c < k; c++, b += 9) {
      let t = x0 - centres[b]!;
      let s = t * t;
      t = x1 - centres[b + 1]!;
      s += t * t;
      t = x2 - centres[b + 2]!;
      s += t * t;
      t = x3 - centres[b + 3]!;
      s += t * t;
      t = x4 - centres[b + 4]!;
      s += t * t;
      t = x5 - centres[b + 5]!;
      s += t * t;
      t = x6 - centres[b + 6]!;
      s += t * t;
      t = x7 - centres[b + 7]!;
      s += t * t;
      t = x8 - centres[b + 8]!;
      s += t * t;
      if (s < bestSq) {
        secondSq = bestSq;
        bestSq = s;
        best = c;
      } else if (s < secondSq) secondSq = s;
    }
  } else {
    for (let c = 0, b = 0; c < k; c++, b += d) {
      const s = squaredDistance(data, a, centres, b, d);
      if (s < bestSq) {
        secondSq = bestSq;
        bestSq = s;
        best = c;
      } else if (s < secondSq) secondSq = s;
    }
  }
  out[0] = Math.sqrt(bestSq);
  out[1] = Math.sqrt(secondSq);
  return best;
}

/**
 * The k-means++ trials in one call: for candidate t, pots[t] = Σ_i min(closest[i], ‖row i − row candidates[t]‖²),
 * summed in row order (the same bits as a plain loop over squaredDistance), and out[t·n + i] =
 * ‖row i − row candidates[t]‖² itself (the seeding keeps the chosen one's distances to track each row's nearest
 * and second-nearest centre). The nine-feature path makes one pass per candidate with the minimum taken without a
 * branch (whether the candidate is nearer is unpredictable from row to row, and the mispredicted branch cost more
 * than the extra passes): with lt = +(s < ci), lt·s + (1 − lt)·ci is exactly s or ci for finite values. It took
 * the ten seedings on the catalog from ≈ 230 to ≈ 150 ms of CPU; scoring three trials (3 ≤ k ≤ 7) in one pass
 * with the candidates and sums in locals saved another ≈ 8–15 %.
 */
export function potentialsWithCandidates(
  data: Float64Array,
  n: number,
  d: number,
  candidates: Int32Array,
  closest: Float64Array,
  out: Float64Array,
  pots: Float64Array,
): void {
  const trials = candidates.length;
  const cand = new Float64Array(trials * d);
  for (let t = 0; t < trials; t++) cand.set(data.subarray(candidates[t]! * d, candidates[t]! * d + d), t * d);
  pots.fill(0);
  if (d !== 9) {
    for (let i = 0, a = 0; i < n; i++, a += d) {
      const ci = closest[i]!;
      for (let t = 0; t < trials; t++) {
        const s = squaredDistance(data, a, cand, t * d, d);
        out[t * n + i] = s;
        pots[t]! += s < ci ? s : ci;
      }
    }
    return;
  }
  if (trials === 3) {
    potentialsOfThree9(data, n, cand, closest, out, pots);
    return;
  }
  for (let t = 0; t < trials; t++) pots[t] = potentialWithCandidate9(data, n, cand, t * 9, closest, out, t * n);
}

/** The three trials of 3 ≤ k ≤ 7 in one pass (each row loaded once), with the candidates and sums in locals. */
function potentialsOfThree9(
  data: Float64Array,
  n: number,
  cand: Float64Array,
  closest: Float64Array,
  out: Float64Array,
  pots: Float64Array,
): void {
  const k0 = cand[0]!;
  const k1 = cand[1]!;
  const k2 = cand[2]!;
  const k3 = cand[3]!;
  const k4 = cand[4]!;
  const k5 = cand[5]!;
  const k6 = cand[6]!;
  const k7 = cand[7]!;
  const k8 = cand[8]!;
  const k9 = cand[9]!;
  const k10 = cand[10]!;
  const k11 = cand[11]!;
  const k12 = cand[12]!;
  const k13 = cand[13]!;
  const k14 = cand[14]!;
  const k15 = cand[15]!;
  const k16 = cand[16]!;
  const k17 = cand[17]!;
  const k18 = cand[18]!;
  const k19 = cand[19]!;
  const k20 = cand[20]!;
  const k21 = cand[21]!;
  const k22 = cand[22]!;
  const k23 = cand[23]!;
  const k24 = cand[24]!;
  const k25 = cand[25]!;
  const k26 = cand[26]!;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  for (let i = 0, a = 0; i < n; i++, a += 9) {
    const x0 = data[a]!,
      x1 = data[a + 1]!,
      x2 = data[a + 2]!,
      x3 = data[a + 3]!,
      x4 = data[a + 4]!;
    const x5 = data[a + 5]!,
      x6 = data[a + 6]!,
      x7 = data[a + 7]!,
      x8 = data[a + 8]!;
    const ci = closest[i]!;
    {
      let u = x0 - k0;
      let s = u * u;
      u = x1 - k1;
      s += u * u;
      u = x2 - k2;
      s += u * u;
      u = x3 - k3;
      s += u * u;
      u = x4 - k4;
      s += u * u;
      u = x5 - k5;
      s += u * u;
      u = x6 - k6;
      s += u * u;
      u = x7 - k7;
      s += u * u;
      u = x8 - k8;
      s += u * u;
      out[i] = s;
      const lt = +(s < ci);
      p0 += lt * s + (1 - lt) * ci;
    }
    {
      let u = x0 - k9;
      let s = u * u;
      u = x1 - k10;
      s += u * u;
      u = x2 - k11;
      s += u * u;
      u = x3 - k12;
      s += u * u;
      u = x4 - k13;
      s += u * u;
      u = x5 - k14;
      s += u * u;
      u = x6 - k15;
      s += u * u;
      u = x7 - k16;
      s += u * u;
      u = x8 - k17;
      s += u * u;
      out[n + i] = s;
      const lt = +(s < ci);
      p1 += lt * s + (1 - lt) * ci;
    }
    {
      let u = x0 - k18;
      let s = u * u;
      u = x1 - k19;
      s += u * u;
      u = x2 - k20;
      s += u * u;
      u = x3 - k21;
      s += u * u;
      u = x4 - k22;
      s += u * u;
      u = x5 - k23;
      s += u * u;
      u = x6 - k24;
      s += u * u;
      u = x7 - k25;
      s += u * u;
      u = x8 - k26;
      s += u * u;
      out[2 * n + i] = s;
      const lt = +(s < ci);
      p2 += lt * s + (1 - lt) * ci;
    }
  }
  pots[0] = p0;
  pots[1] = p1;
  pots[2] = p2;
}

/** One candidate's trial potential for the nine features (candidate at cand[cb…], distances into out[o…]). */
function potentialWithCandidate9(
  data: Float64Array,
  n: number,
  cand: Float64Array,
  cb: number,
  closest: Float64Array,
  out: Float64Array,
  o: number,
): number {
  const c0 = cand[cb]!,
    c1 = cand[cb + 1]!,
    c2 = cand[cb + 2]!,
    c3 = cand[cb + 3]!,
    c4 = cand[cb + 4]!;
  const c5 = cand[cb + 5]!,
    c6 = cand[cb + 6]!,
    c7 = cand[cb + 7]!,
    c8 = cand[cb + 8]!;
  let pot = 0;
  for (let i = 0, a = 0; i < n; i++, a += 9) {
    let t = data[a]! - c0;
    let s = t * t;
    t = data[a + 1]! - c1;
    s += t * t;
    t = data[a + 2]! - c2;
    s += t * t;
    t = data[a + 3]! - c3;
    s += t * t;
    t = data[a + 4]! - c4;
    s += t * t;
    t = data[a + 5]! - c5;
    s += t * t;
    t = data[a + 6]! - c6;
    s += t * t;
    t = data[a + 7]! - c7;
    s += t * t;
    t = data[a + 8]! - c8;
    s += t * t;
    out[o + i] = s;
    const ci = closest[i]!;
    const lt = +(s < ci);
    pot += lt * s + (1 - lt) * ci;
  }
  return pot;
}
