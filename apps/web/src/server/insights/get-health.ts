// Database and model status for GET /api/health (200 when both are usable, 503 otherwise).
import { databaseConfigOf, pingDatabase } from "@anisong/db";
import type { THealth } from "../../lib/api-types";
import { databaseKind, getServerDb } from "../services";
import { toApiError } from "../http/handle-route";
import { writeLimitMode } from "../http/write-limit";
import { loadActiveModel } from "../model/load-active-model";

export async function getHealth(): Promise<THealth> {
  const health: THealth = {
    status: "ok",
    database: { ok: false, kind: databaseKind() },
    model: { ok: false, version: null, k: null, songs: null },
    // Redis being away does not degrade the service: limits fall back to per instance.
    rateLimits: writeLimitMode(),
  };
  try {
    const db = await getServerDb();
    await pingDatabase(db);
    health.database.ok = true;
    const config = databaseConfigOf(db);
    if (config?.kind === "pglite") health.database.thread = config.thread ?? "main";
    try {
      const loaded = await loadActiveModel(db);
      health.model = { ok: true, version: loaded.version, k: loaded.model.k, songs: loaded.songs.length };
    } catch (error) {
      health.model.error = toApiError(error).message;
    }
  } catch (error) {
    health.database.error = toApiError(error).message;
  }
  if (!health.database.ok || !health.model.ok) health.status = "degraded";
  return health;
}
