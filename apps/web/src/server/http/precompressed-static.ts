// `/_next/static` answered from the build's Brotli and gzip copies (scripts/build/precompress-static.ts) before
// Next, which gzips every chunk again on every page view. Only files with a copy are answered here, to a client
// that accepts its encoding; anything else (no copy, identity only, a name not in the folder) goes on to Next.
import crypto from "node:crypto";
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import Negotiator from "negotiator";
import { CONTENT_TYPES, ENCODED_SUFFIXES, isCompressible, type TStaticEncoding } from "./static-copies";
import { STATIC_HEADERS } from "./static-headers";

const STATIC_PREFIX = "/_next/static/";
/** Next's own for `/_next/static`: each name carries its content's hash, so a copy never changes under its URL. */
export const IMMUTABLE = "public, max-age=31536000, immutable";

/** Brotli first when the client takes both equally (Chromium sends `gzip, deflate, br, zstd`). */
const PREFERRED: TStaticEncoding[] = ["br", "gzip"];

type TCopy = { file: string; loaded?: { body: Buffer; etag: string } };
type TAsset = { contentType: string; lastModified: string; copies: Partial<Record<TStaticEncoding, TCopy>> };

export type TPrecompressedStatic = {
  /** Answers a GET or HEAD of a file with a copy and returns true; false leaves the request to Next. */
  answer(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): boolean;
  /** How many files have at least one copy. */
  size: number;
};

/** Lists the copies under `staticDir` once (a build's files do not change while its server runs). */
export function indexPrecompressedStatic(options: { staticDir: string }): TPrecompressedStatic {
  const assets = new Map<string, TAsset>();
  const entries = fs.existsSync(options.staticDir) ? fs.readdirSync(options.staticDir, { withFileTypes: true, recursive: true }) : [];
  for (const entry of entries) {
    if (!entry.isFile() || !isCompressible(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const source = fs.statSync(file);
    const copies: TAsset["copies"] = {};
    for (const encoding of PREFERRED) {
      const copy = file + ENCODED_SUFFIXES[encoding];
      // A copy older than its file (the file changed after the build's step) would send stale bytes: Next answers.
      if ((fs.statSync(copy, { throwIfNoEntry: false })?.mtimeMs ?? -1) >= source.mtimeMs) copies[encoding] = { file: copy };
    }
    if (Object.keys(copies).length === 0) continue;
    // The URL's path below the prefix: the folder's own names, which need no percent-encoding (Next's hashes).
    const key = path.relative(options.staticDir, file).split(path.sep).join("/");
    const contentType = CONTENT_TYPES[path.extname(file)]!;
    assets.set(key, { contentType, lastModified: source.mtime.toUTCString(), copies });
  }

  return {
    size: assets.size,
    answer(req, res, pathname) {
      if ((req.method !== "GET" && req.method !== "HEAD") || !pathname.startsWith(STATIC_PREFIX)) return false;
      const asset = assets.get(pathname.slice(STATIC_PREFIX.length));
      if (!asset) return false;
      const encoding = acceptedEncoding(req, Object.keys(asset.copies) as TStaticEncoding[]);
      if (!encoding) return false;
      const { body, etag } = loadCopy(asset.copies[encoding]!);
      const headers: http.OutgoingHttpHeaders = {
        ...STATIC_HEADERS,
        "content-type": asset.contentType,
        "cache-control": IMMUTABLE,
        vary: "Accept-Encoding",
        etag,
        "last-modified": asset.lastModified,
      };
      if (matchesEtag(req.headers["if-none-match"], etag)) {
        res.writeHead(304, headers);
        res.end();
        return true;
      }
      // A Range header is ignored (a full 200), as HTTP allows: these files are small and fetched whole.
      res.writeHead(200, { ...headers, "content-encoding": encoding, "content-length": body.length });
      res.end(req.method === "HEAD" ? undefined : body);
      return true;
    },
  };
}

function loadCopy(copy: TCopy): { body: Buffer; etag: string } {
  if (!copy.loaded) {
    const body = fs.readFileSync(copy.file);
    copy.loaded = { body, etag: `"${crypto.createHash("sha1").update(body).digest("base64url")}"` };
  }
  return copy.loaded;
}

// negotiator's own types predate its `preferred` option (1.0), which breaks ties in the client's q-values.
type TEncodingsWithPreference = (available: string[], options: { preferred: string[] }) => string[];

function acceptedEncoding(req: http.IncomingMessage, available: TStaticEncoding[]): TStaticEncoding | undefined {
  const negotiator = new Negotiator(req);
  const best = (negotiator.encodings as unknown as TEncodingsWithPreference).call(negotiator, [...available, "identity"], {
    preferred: PREFERRED,
  })[0];
  return best === "identity" ? undefined : (best as TStaticEncoding | undefined);
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}
