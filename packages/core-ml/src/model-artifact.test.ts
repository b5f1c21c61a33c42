import { createModelArtifact, parseModelArtifact, computeModelVersion, type TModelArtifactInput } from "./model-artifact";
import { InvalidModelArtifactError, ModelArtifactVersionError } from "./errors";
import { CORE_ML_VERSION } from "./version";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const input: TModelArtifactInput = {
  featureNames: ["energy", "tempo"],
  scaler: { mean: [0.5, 120], scale: [0.2, 30] },
  k: 2,
  centroids: [
    [1, -1],
    [-1, 1],
  ],
  assignment: "cosine",
  inertia: 12.5,
  silhouette: 0.4,
  trainingRows: 10,
  trainingDataHash: "abc123",
  createdAt: "2026-11-25T10:00:00.000Z",
};

describe("model artifact", () => {
  it("is versioned by a content hash that ignores createdAt", () => {
    const a = createModelArtifact(input);
    const b = createModelArtifact({ ...input, createdAt: "2027-01-01T00:00:00.000Z" });
    expect(a.version).toMatch(/^[0-9a-f]{16}$/);
    expect(b.version).toBe(a.version);
    expect(a.schemaVersion).toBe(1);
    expect(a.library).toEqual({ name: "@anisong/core-ml", version: CORE_ML_VERSION });
    expect(createModelArtifact({ ...input, inertia: 12.6 }).version).not.toBe(a.version);
    expect(
      createModelArtifact({
        ...input,
        centroids: [
          [1, -1],
          [-1, 1.0000001],
        ],
      }).version,
    ).not.toBe(a.version);
    expect(computeModelVersion(a)).toBe(a.version);
  });

  it("does not depend on key order", () => {
    const reordered = JSON.parse(JSON.stringify({ ...input, scaler: { scale: input.scaler.scale, mean: input.scaler.mean } }));
    expect(createModelArtifact(reordered).version).toBe(createModelArtifact(input).version);
  });

  it("round-trips through JSON", () => {
    const a = createModelArtifact(input);
    expect(parseModelArtifact(JSON.parse(JSON.stringify(a)))).toEqual(a);
  });

  it("refuses other schema versions with ModelArtifactVersionError", () => {
    const a = createModelArtifact(input);
    expect(() => parseModelArtifact({ ...a, schemaVersion: 2 })).toThrow(ModelArtifactVersionError);
    expect(() => parseModelArtifact({ ...a, schemaVersion: undefined })).toThrow(ModelArtifactVersionError);
    expect(() => parseModelArtifact("nope")).toThrow(InvalidModelArtifactError);
  });

  it("refuses inconsistent shapes and tampered content", () => {
    const a = createModelArtifact(input);
    expect(() => createModelArtifact({ ...input, k: 3 })).toThrow(/expected k = 3 centroids/);
    expect(() => createModelArtifact({ ...input, centroids: [[1], [2]] })).toThrow(/expected 2/);
    expect(() => createModelArtifact({ ...input, scaler: { mean: [0], scale: [1] } })).toThrow(/scaler/);
    expect(() => parseModelArtifact({ ...a, inertia: 1 })).toThrow(/does not match its version/);
    expect(parseModelArtifact({ ...a, inertia: 1 }, { verifyVersion: false }).inertia).toBe(1);
    expect(() => parseModelArtifact({ ...a, createdAt: "yesterday" })).toThrow(InvalidModelArtifactError);
  });

  it("library version constant follows package.json", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as { version: string };
    expect(CORE_ML_VERSION).toBe(pkg.version);
  });
});
