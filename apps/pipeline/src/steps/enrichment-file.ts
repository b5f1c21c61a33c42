// The enrich step's data file: read (validated) by enrich and library, written atomically after every batch so an
// interrupted run loses nothing it fetched.
import fs from "node:fs";
import type { TTrackEnrichment } from "@anisong/library";
import { logRead, type TStepContext } from "../context";
import { artifactPaths } from "../io/artifact-paths";
import { contentHash, readJson, writeJson } from "../io/artifacts";
import { ENRICHMENT_SCHEMA_VERSION, ZEnrichmentFile, type TEnrichmentEntry, type TEnrichmentFile } from "../io/schemas";

export function readEnrichmentIfPresent(ctx: TStepContext): TEnrichmentFile | null {
  const file = artifactPaths(ctx.config).enrichment;
  if (!fs.existsSync(file)) return null;
  const data = readJson(file, ZEnrichmentFile, "enrich");
  logRead(ctx, file, `Spotify metadata for ${Object.keys(data.entries).length} tracks, enrichment ${data.version}`);
  return data;
}

export function emptyEnrichment(now: string): TEnrichmentFile {
  return withVersion({
    schemaVersion: ENRICHMENT_SCHEMA_VERSION,
    source: "spotify",
    version: "",
    createdAt: now,
    updatedAt: now,
    entries: {},
    notFound: {},
  });
}

/** The version ignores fetch times: fetching the same answers again is the same enrichment. */
function withVersion(data: TEnrichmentFile): TEnrichmentFile {
  const entries = Object.fromEntries(
    Object.entries(data.entries)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, { fetchedAt: _fetchedAt, ...rest }]) => [id, rest]),
  );
  return { ...data, version: contentHash({ entries, notFound: Object.keys(data.notFound).sort() }).slice(0, 16) };
}

export function writeEnrichment(ctx: TStepContext, data: TEnrichmentFile): TEnrichmentFile {
  const sortedKeys = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  const out = withVersion({ ...data, entries: sortedKeys(data.entries), notFound: sortedKeys(data.notFound) });
  writeJson(artifactPaths(ctx.config).enrichment, out);
  return out;
}

export function enrichmentByTrackId(data: TEnrichmentFile): Map<string, TTrackEnrichment> {
  return new Map(
    Object.entries(data.entries).map(([id, e]: [string, TEnrichmentEntry]) => [
      id,
      { artists: e.artists, album: e.album, releaseDate: e.releaseDate, coverUrl: e.coverUrl },
    ]),
  );
}
