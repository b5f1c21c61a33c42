// enrich: artists, album, release date and cover image from Spotify's several-tracks endpoint for the library's
// songs that lack them → data/enrichment/spotify-enrichment.json (read by `library`) and data/reports/enrich.json.
// Runs only with SPOTIFY_CLIENT_ID/SECRET; asks only for ids the file does not hold yet, so a deployment enriches
// once. The file is written after every batch: a fault keeps what was fetched, and the next run asks for the rest.
import fs from "node:fs";
import {
  createSpotifyClient,
  ProviderFault,
  resolveSpotifyConfig,
  SEVERAL_TRACKS_MAX_IDS,
  type TSpotifyTrackDetails,
} from "@anisong/providers";
import type { TLibrarySong } from "@anisong/library";
import { displayPath, logWrote, type TStepContext } from "../context";
import { PipelineError } from "../errors";
import { artifactPaths } from "../io/artifact-paths";
import { writeJson } from "../io/artifacts";
import type { TEnrichmentEntry, TEnrichmentFile } from "../io/schemas";
import { emptyEnrichment, enrichmentByTrackId, readEnrichmentIfPresent, writeEnrichment } from "./enrichment-file";
import { buildLibraryFrom, readLibraryInputs } from "./library-inputs";

/** After this many failed batches in a row Spotify is taken to be down: the rest waits for the next run. */
const MAX_CONSECUTIVE_FAULTS = 3;
/** Faults that every further call would hit too: stop asking at once. */
const STOP_AT_ONCE = new Set(["credentials", "unauthorized", "forbidden", "rate-limited"]);

export type TEnrichReport =
  | { skipped: true; reason: string }
  | {
      skipped: false;
      enrichmentVersion: string;
      librarySongs: number;
      /** library songs still lacking artists, album, release date or cover (after what the file holds) */
      lacking: number;
      /** of those, asked before (Spotify did not know them, or had no cover/date): not asked again */
      alreadyAsked: number;
      asked: number;
      calls: number;
      found: number;
      notFound: number;
      deferred: number;
      faults: { batch: number; ids: number; kind: string; message: string }[];
      stoppedEarly: string | null;
      entries: number;
    };

const lacksMetadata = (s: TLibrarySong) => s.artists.length === 0 || s.album === null || s.releaseDate === null || s.coverUrl === null;

/** The ~300 px cover when Spotify offers one (a thumbnail in the results table), else the largest. */
function pickCover(images: TSpotifyTrackDetails["images"]): string | null {
  const atLeast300 = images.filter((i) => (i.width ?? 0) >= 300);
  return (atLeast300.at(-1) ?? images[0])?.url ?? null;
}

export function toEnrichmentEntry(t: TSpotifyTrackDetails, fetchedAt: string): TEnrichmentEntry {
  // Spotify dates some old releases "0000": no date is better than a wrong one.
  const dated = t.releaseDate && !t.releaseDate.startsWith("0000");
  return {
    title: t.title,
    artists: t.artists.filter((a) => a.trim() !== ""),
    album: t.album.trim() === "" ? null : t.album,
    releaseDate: dated ? t.releaseDate : null,
    releaseDatePrecision: dated ? t.releaseDatePrecision : null,
    coverUrl: pickCover(t.images.filter((i) => i.url.startsWith("https://"))),
    fetchedAt,
  };
}

/**
 * One call, repeated once only when the connection failed before any answer: a pooled keep-alive socket that the
 * server closed while reading the datasets blocked the event loop fails with ECONNRESET, and the request never
 * reached Spotify. Every other fault is the provider chain's (no retry of a 5xx, a timeout or a bad body).
 */
async function askOnce<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ProviderFault && error.kind === "network") return call();
    throw error;
  }
}

export async function enrich(ctx: TStepContext): Promise<TEnrichReport> {
  const providers = ctx.providers ?? resolveSpotifyConfig();
  const client = createSpotifyClient(providers);
  if (!client) {
    const reason = "SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET are not set";
    ctx.log.info(`  skipped: ${reason}; the library keeps the datasets' artists and albums (an existing enrichment file is still read)`);
    return { skipped: true, reason };
  }
  const paths = artifactPaths(ctx.config);
  let data: TEnrichmentFile = readEnrichmentIfPresent(ctx) ?? emptyEnrichment(new Date().toISOString());

  // The library's entries as the library step will build them with what the file already holds.
  const built = buildLibraryFrom(ctx, readLibraryInputs(ctx), enrichmentByTrackId(data));
  const lacking = built.songs.filter(lacksMetadata);
  const asked = (id: string) => id in data.entries || id in data.notFound;
  const toAsk = lacking.filter((s) => !asked(s.id)).map((s) => s.id);
  ctx.log.info(
    `  ${lacking.length} of ${built.songs.length} library songs lack artists, album, release date or cover; ${toAsk.length} not asked yet`,
  );

  const faults: Extract<TEnrichReport, { skipped: false }>["faults"] = [];
  let calls = 0;
  let found = 0;
  let notFound = 0;
  let deferred = 0;
  let consecutiveFaults = 0;
  let stoppedEarly: string | null = null;
  const batches = Math.ceil(toAsk.length / SEVERAL_TRACKS_MAX_IDS);
  for (let b = 0; b < batches; b++) {
    const ids = toAsk.slice(b * SEVERAL_TRACKS_MAX_IDS, (b + 1) * SEVERAL_TRACKS_MAX_IDS);
    if (stoppedEarly) {
      deferred += ids.length;
      continue;
    }
    calls++;
    try {
      const answers = await askOnce(() => client.getSeveralTracks(ids));
      const now = new Date().toISOString();
      const entries = { ...data.entries };
      const missing = { ...data.notFound };
      for (const [id, track] of answers) {
        if (track) {
          entries[id] = toEnrichmentEntry(track, now);
          found++;
        } else {
          missing[id] = now;
          notFound++;
        }
      }
      data = writeEnrichment(ctx, { ...data, updatedAt: now, entries, notFound: missing });
      consecutiveFaults = 0;
    } catch (error) {
      if (!(error instanceof ProviderFault)) throw error;
      faults.push({ batch: b + 1, ids: ids.length, kind: error.kind, message: error.message });
      deferred += ids.length;
      consecutiveFaults++;
      ctx.log.warn(`enrich: batch ${b + 1}/${batches} (${ids.length} ids) failed: ${error.message}`);
      if (STOP_AT_ONCE.has(error.kind)) stoppedEarly = `${error.kind}: ${error.message}`;
      else if (consecutiveFaults >= MAX_CONSECUTIVE_FAULTS) stoppedEarly = `${consecutiveFaults} batches failed in a row`;
    }
    ctx.log.progress("Spotify several-tracks batches", b + 1, batches);
  }
  // A first run with nothing to ask still leaves the file, so later runs and the library see one state.
  if (!fs.existsSync(paths.enrichment)) data = writeEnrichment(ctx, data);

  const report: TEnrichReport = {
    skipped: false,
    enrichmentVersion: data.version,
    librarySongs: built.songs.length,
    lacking: lacking.length,
    alreadyAsked: lacking.length - toAsk.length,
    asked: toAsk.length - deferred,
    calls,
    found,
    notFound,
    deferred,
    faults,
    stoppedEarly,
    entries: Object.keys(data.entries).length,
  };
  logWrote(
    ctx,
    paths.enrichment,
    `${report.entries} tracks (${found} new, ${notFound} unknown to Spotify, ${calls} calls), enrichment ${data.version}`,
  );
  writeJson(paths.enrichReport, report);
  logWrote(ctx, paths.enrichReport, deferred > 0 ? `${deferred} ids left for the next run` : "every lacking song asked");

  if (faults.some((f) => f.kind === "credentials")) {
    throw new PipelineError(
      `Spotify refused the credentials (${faults.find((f) => f.kind === "credentials")!.message}); ${report.entries} tracks kept in ${displayPath(ctx, paths.enrichment)}`,
    );
  }
  if (deferred > 0) {
    ctx.log.warn(
      `enrich: ${deferred} of ${toAsk.length} ids were not fetched${stoppedEarly ? ` (stopped: ${stoppedEarly})` : ""}; what was fetched is kept — run \`pnpm run pipeline enrich\` again to ask for the rest`,
    );
  }
  return report;
}
