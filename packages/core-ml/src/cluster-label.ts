// Human cluster names from a centroid: the two features furthest from the mean (largest |z|), in words.
const WORDS: Record<string, readonly [high: string, low: string]> = {
  danceability: ["danceable", "still"],
  energy: ["energetic", "calm"],
  loudness: ["loud", "quiet"],
  speechiness: ["wordy", "sung"],
  acousticness: ["acoustic", "electric"],
  instrumentalness: ["instrumental", "vocal"],
  liveness: ["live", "studio"],
  valence: ["bright", "melancholic"],
  tempo: ["fast", "slow"],
};

/** e.g. "energetic · loud". Ties go to the earlier feature; unknown feature names read "high x" / "low x". */
export function deriveClusterLabel(centroid: ArrayLike<number>, featureNames: readonly string[], count = 2): string {
  const order = Array.from({ length: Math.min(centroid.length, featureNames.length) }, (_, j) => j)
    .filter((j) => Number.isFinite(centroid[j]!))
    .sort((a, b) => Math.abs(centroid[b]!) - Math.abs(centroid[a]!) || a - b);
  return order
    .slice(0, count)
    .map((j) => {
      const name = featureNames[j]!;
      const words = WORDS[name];
      const high = centroid[j]! >= 0;
      if (words) return high ? words[0] : words[1];
      return `${high ? "high" : "low"} ${name}`;
    })
    .join(" · ");
}
