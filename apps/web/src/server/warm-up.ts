import { getResolver, getServerDb } from "./services";
import { loadActiveModel } from "./model/load-active-model";

export async function warmUp(): Promise<void> {
  const started = Date.now();
  const results = await Promise.allSettled([
    getServerDb().then((db) => loadActiveModel(db)),
    getResolver().search({ title: "warm up" }, { limit: 1 }),
  ]);
  const failed = results.filter((r) => r.status === "rejected");
  if (failed.length === 0) console.log(`[anisong/web] model and catalog ready in ${Date.now() - started} ms`);
  else console.warn(`[anisong/web] warm-up incomplete (${failed.length} of 2 failed); requests will retry.`);
}
