// Ratings at a glance (overall, per model version, per cluster of the active model) and the library
// map, with the query's point when a recommendation id is given.
import { scaleFeatures, ZAudioFeatures } from "@anisong/core-ml";
import { getInsights as readInsights, listRecentComments, type TDb } from "@anisong/db";
import type { TInsights } from "../../lib/api-types";
import { queryLabel } from "../../lib/query-label";
import { ApiError } from "../http/errors";
import { loadActiveModel } from "../model/load-active-model";

const RECENT_COMMENTS = 20;

export async function getInsights(db: TDb, options: { recommendationId?: string } = {}): Promise<TInsights> {
  const loaded = await loadActiveModel(db);
  const [{ ratings, recommendations, models, byModel, byCluster, query }, recent] = await Promise.all([
    readInsights(db, { clustersOf: loaded.version, recommendationId: options.recommendationId }),
    listRecentComments(db, { limit: RECENT_COMMENTS }),
  ]);
  if (query === null) throw new ApiError(404, "not_found", "There is no recommendation with that id.");

  const modelStats = new Map(byModel.map((row) => [row.key, row]));
  const clusterStats = new Map(byCluster.map((row) => [row.key, row]));

  let queryPoint: TInsights["map"]["query"] = null;
  if (query) {
    const features = ZAudioFeatures.parse(query.features);
    const point = loaded.projection.project(scaleFeatures(loaded.model, features));
    queryPoint = { x: point.x, y: point.y, title: query.trackTitle, artists: query.trackArtists, cluster: query.clusterIndex };
  }

  return {
    ratings,
    recommendations,
    byModel: models
      .filter((m) => m.isActive || modelStats.has(m.id))
      .map((m) => ({
        modelVersion: m.id,
        active: m.isActive,
        createdAt: m.createdAt.toISOString(),
        count: modelStats.get(m.id)?.count ?? 0,
        average: modelStats.get(m.id)?.average ?? null,
      })),
    byCluster: [...loaded.clusters.values()]
      .sort((a, b) => a.index - b.index)
      .map((c) => ({
        ...c,
        count: clusterStats.get(String(c.index))?.count ?? 0,
        average: clusterStats.get(String(c.index))?.average ?? null,
      })),
    comments: recent.map((r) => ({
      recommendationId: r.recommendationId,
      stars: r.stars,
      comment: r.comment ?? "",
      query: queryLabel(r),
      createdAt: r.createdAt.toISOString(),
    })),
    map: { ...loaded.map, query: queryPoint },
  };
}
