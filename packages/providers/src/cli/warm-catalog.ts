// `pnpm catalog:warm`: builds the derived catalog cache the web server will read (warm-catalog-cache.ts says why),
// for the catalog file and cache folder the environment names, as the server resolves them.
import { warmConfiguredCatalogCache } from "../catalog/warm-catalog-cache";

async function main(): Promise<void> {
  const started = performance.now();
  const result = await warmConfiguredCatalogCache();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status === "skipped") console.log("catalog:warm: ANISONG_PROVIDERS leaves out the catalog; nothing to warm.");
  else if (result.status === "off") console.log("catalog:warm: ANISONG_CATALOG_CACHE_DIR=off; nothing to warm.");
  else console.log(`catalog:warm: cache ${result.status} in ${seconds} s (${result.tracks} tracks): ${result.cacheFile}`);
}

main().catch((error: unknown) => {
  console.error(`catalog:warm failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
