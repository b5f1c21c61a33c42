// featurize: fit the standard scaler on the configured features; write scaled features and the scaler.
import { StandardScaler } from "@anisong/core-ml";
import { logRead, logWrote, type TStepContext } from "../context";
import { artifactPaths } from "../io/artifact-paths";
import { contentHash, readJson, writeJson } from "../io/artifacts";
import { ZCleanSongs, type TFeatures } from "../io/schemas";

export async function featurize(ctx: TStepContext) {
  const { config } = ctx;
  const paths = artifactPaths(config);
  const { songs } = readJson(paths.cleanSongs, ZCleanSongs, "clean");
  logRead(ctx, paths.cleanSongs, `${songs.length} songs`);

  const featureNames = [...config.features];
  const trackIds = songs.map((s) => s.id);
  const rows = songs.map((s) => featureNames.map((f) => s.features[f]));
  const dataHash = contentHash({ featureNames, trackIds, rows });
  const scaler = StandardScaler.fit(rows);
  const scaled = scaler.transform(rows);

  const scalerArtifact = { featureNames, mean: scaler.mean, scale: scaler.scale, fittedOn: dataHash };
  writeJson(paths.scaler, { hash: contentHash(scalerArtifact), ...scalerArtifact });
  logWrote(ctx, paths.scaler, `mean and scale of ${featureNames.length} features`);
  const features: TFeatures = { dataHash, featureNames, trackIds, scaled };
  writeJson(paths.features, features);
  logWrote(ctx, paths.features, `${scaled.length} × ${featureNames.length} scaled matrix, data ${dataHash.slice(0, 12)}…`);
  return { rows: scaled.length, dataHash };
}
