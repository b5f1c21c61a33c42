// Runs once when `next start` boots: load the offline catalog and the active model in the background
// so the first listener does not wait for them. Failures are only logged; requests report them properly.
export async function register(): Promise<void> {
  // Next inlines NEXT_RUNTIME at build time, which only works on this literal expression: it stays here.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { limitHeapGrowth } = await import("./server/limit-heap-growth");
  limitHeapGrowth();
  const { installNodeServerHooks } = await import("./server/http/node-server-hooks");
  const { isDevelopment } = await import("./server/env");
  const production = !isDevelopment();
  // `next start` runs in the app's folder, and its build is in `.next` there.
  installNodeServerHooks({ serveApi: production, staticDir: production ? `${process.cwd()}/.next/static` : undefined });
  const { warmUp } = await import("./server/warm-up");
  void warmUp();
}
