// One value per process, however many copies of a module Next's bundles load: instrumentation.ts's copy serves
// the API (http/serve-api.ts) and warms the caches, and the pages have their own. The value is kept on globalThis
// under a registered symbol, so every copy finds the first one's.
export function processWide<T>(name: string, create: () => T): T {
  const holder = globalThis as typeof globalThis & Record<symbol, T | undefined>;
  const key = Symbol.for(`anisong.web.${name}`);
  return (holder[key] ??= create());
}
