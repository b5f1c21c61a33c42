// The versioned model artifact: everything needed to place and rank a song, identified by a hash of its content.
import { z } from "zod";
import { canonicalJson } from "./canonical-json";
import { InvalidModelArtifactError, ModelArtifactVersionError } from "./errors";
import { sha256Hex } from "./sha256";
import { CORE_ML_NAME, CORE_ML_VERSION } from "./version";

export const MODEL_SCHEMA_VERSION = 1;

const finite = z.number().finite();

export const ZModelArtifact = z
  .object({
    schemaVersion: z.literal(MODEL_SCHEMA_VERSION),
    version: z.string().regex(/^[0-9a-f]{16,64}$/, "version must be 16–64 lowercase hex characters"),
    featureNames: z.array(z.string().min(1)).min(1),
    scaler: z.object({ mean: z.array(finite), scale: z.array(finite.positive()) }),
    k: z.number().int().min(1),
    centroids: z.array(z.array(finite)),
    assignment: z.enum(["cosine", "euclidean"]),
    inertia: finite.min(0),
    silhouette: finite.min(-1).max(1),
    trainingRows: z.number().int().min(1),
    trainingDataHash: z.string().min(1),
    createdAt: z.iso.datetime({ offset: true }),
    library: z.object({ name: z.literal(CORE_ML_NAME), version: z.string().min(1) }),
  })
  .superRefine((m, ctx) => {
    const d = m.featureNames.length;
    if (m.scaler.mean.length !== d || m.scaler.scale.length !== d) {
      ctx.addIssue({ code: "custom", path: ["scaler"], message: `scaler must have ${d} means and scales` });
    }
    if (m.centroids.length !== m.k) {
      ctx.addIssue({ code: "custom", path: ["centroids"], message: `expected k = ${m.k} centroids, got ${m.centroids.length}` });
    }
    m.centroids.forEach((c, i) => {
      if (c.length !== d)
        ctx.addIssue({ code: "custom", path: ["centroids", i], message: `centroid has ${c.length} values, expected ${d}` });
    });
  });
export type TModelArtifact = z.infer<typeof ZModelArtifact>;

export type TModelArtifactInput = Omit<TModelArtifact, "schemaVersion" | "version" | "createdAt" | "library"> & {
  createdAt?: string;
};

/** The fields that define the model; createdAt, library and version itself are left out of the hash. */
function contentOf(m: Omit<TModelArtifact, "version" | "createdAt" | "library">): unknown {
  return {
    schemaVersion: m.schemaVersion,
    featureNames: m.featureNames,
    scaler: { mean: m.scaler.mean, scale: m.scaler.scale },
    k: m.k,
    centroids: m.centroids,
    assignment: m.assignment,
    inertia: m.inertia,
    silhouette: m.silhouette,
    trainingRows: m.trainingRows,
    trainingDataHash: m.trainingDataHash,
  };
}

/** sha256 (hex, first 16 characters) over the canonical JSON of the content fields. */
export function computeModelVersion(m: Omit<TModelArtifact, "version" | "createdAt" | "library">): string {
  return contentHash(m).slice(0, 16);
}

function contentHash(m: Omit<TModelArtifact, "version" | "createdAt" | "library">): string {
  return sha256Hex(canonicalJson(contentOf(m)));
}

function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join(".") || "artifact"}: ${i.message}`);
}

/** Builds a validated artifact; its version is the content hash, so retraining on the same data gives the same id. */
export function createModelArtifact(input: TModelArtifactInput): TModelArtifact {
  const base = {
    schemaVersion: MODEL_SCHEMA_VERSION,
    featureNames: input.featureNames,
    scaler: { mean: input.scaler.mean, scale: input.scaler.scale },
    k: input.k,
    centroids: input.centroids,
    assignment: input.assignment,
    inertia: input.inertia,
    silhouette: input.silhouette,
    trainingRows: input.trainingRows,
    trainingDataHash: input.trainingDataHash,
  } as const;
  const candidate = {
    ...base,
    version: computeModelVersion(base),
    createdAt: input.createdAt ?? new Date().toISOString(),
    library: { name: CORE_ML_NAME, version: CORE_ML_VERSION },
  };
  const parsed = ZModelArtifact.safeParse(candidate);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    throw new InvalidModelArtifactError(`invalid model artifact: ${issues.join("; ")}`, issues);
  }
  return parsed.data;
}

export interface TParseModelOptions {
  /** Recompute the content hash and refuse a mismatch (default true). */
  verifyVersion?: boolean;
}

/**
 * Validates an artifact read from disk or the database. Another schemaVersion → ModelArtifactVersionError;
 * a schema violation or (by default) content that no longer matches `version` → InvalidModelArtifactError.
 */
export function parseModelArtifact(json: unknown, opts: TParseModelOptions = {}): TModelArtifact {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new InvalidModelArtifactError("model artifact must be a JSON object");
  }
  const schemaVersion = (json as { schemaVersion?: unknown }).schemaVersion;
  if (schemaVersion !== MODEL_SCHEMA_VERSION) throw new ModelArtifactVersionError(schemaVersion, MODEL_SCHEMA_VERSION);
  const parsed = ZModelArtifact.safeParse(json);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    throw new InvalidModelArtifactError(`invalid model artifact: ${issues.join("; ")}`, issues);
  }
  if (opts.verifyVersion ?? true) {
    // A version is a prefix (16–64 hex characters) of the full content hash.
    const full = contentHash(parsed.data);
    if (!full.startsWith(parsed.data.version)) {
      throw new InvalidModelArtifactError(
        `model artifact content does not match its version ${parsed.data.version} (content hash ${full.slice(0, 16)}); build artifacts with createModelArtifact`,
      );
    }
  }
  return parsed.data;
}
