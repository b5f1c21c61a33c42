// The part of the WebAssembly API the embedded modules use (the package's TypeScript lib has no DOM types), and
// each module compiled once: undefined where WebAssembly, or a feature the module needs (SIMD), is missing, so the
// caller keeps its JavaScript pass.

export interface TWasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

export const wasmApi = (globalThis as { WebAssembly?: TWasmApi }).WebAssembly;

const compiled = new Map<Uint8Array, object | null>();

/** The module of `bytes`, compiled on first use (synchronously: the modules are about 1 kB). */
export function compiledModule(bytes: Uint8Array): object | undefined {
  if (!wasmApi) return undefined;
  let module = compiled.get(bytes);
  if (module === undefined) {
    module = wasmApi.validate(bytes) ? new wasmApi.Module(bytes) : null;
    compiled.set(bytes, module);
  }
  return module ?? undefined;
}
