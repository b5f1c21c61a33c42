// Where each artifact lives, from the config (one place, so steps and docs agree).
import path from "node:path";
import type { TPipelineConfig } from "../config/pipeline-config";

export function artifactPaths(config: TPipelineConfig) {
  const p = config.paths;
  return {
    seedKey: path.basename(p.seed),
    catalogKey: path.basename(p.catalog),
    acquireReport: path.join(p.reports, "acquire.json"),
    cleanSongs: path.join(p.interim, "songs.json"),
    cleanReport: path.join(p.reports, "clean.json"),
    features: path.join(p.processed, "features.json"),
    scaler: path.join(p.processed, "scaler.json"),
    labels: path.join(p.processed, "labels.json"),
    trainReport: path.join(p.reports, "train.json"),
    sweepJson: path.join(p.reports, "k-sweep.json"),
    sweepSvg: path.join(p.reports, "k-sweep.svg"),
    clustersCsv: path.join(p.final, "anime_clusters.csv"),
    scoredCsv: path.join(p.final, "sample_scored.csv"),
    scoreReport: path.join(p.reports, "score.json"),
    evaluateReport: path.join(p.reports, "evaluate.json"),
    evaluateReportFor: (version: string) => path.join(p.reports, `evaluate-${version}.json`),
    ingestReport: path.join(p.reports, "ingest.json"),
    model: (version: string) => path.join(p.models, `${version}.json`),
    activeModel: path.join(p.models, "active.json"),
    /** Spotify metadata the enrich step fetched (beside data/library/; git-ignored: Spotify's data, not ours to ship) */
    enrichment: path.join(path.dirname(p.reports), "enrichment", "spotify-enrichment.json"),
    enrichReport: path.join(p.reports, "enrich.json"),
  };
}
