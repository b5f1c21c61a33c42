// Finds an earlier entry of the same recording: identical features, duration within the tolerance.
import type { TAudioFeatures } from "@anisong/core-ml";
import { featuresKey, sameRecording } from "./song-identity";

/** Same-features buckets: a recording is then found by comparing durations within one bucket. */
export class RecordingIndex<T extends { features: TAudioFeatures; durationMs: number | null }> {
  private readonly buckets = new Map<string, T[]>();
  add(item: T): void {
    const key = featuresKey(item.features);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push(item);
    else this.buckets.set(key, [item]);
  }
  find(probe: { features: TAudioFeatures; durationMs: number | null }): T | undefined {
    return this.buckets.get(featuresKey(probe.features))?.find((item) => sameRecording(item, probe));
  }
}
