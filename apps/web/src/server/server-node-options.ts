// Node options every `next start` of Anisong runs with. The web package's `start` script and docker/Dockerfile.web
// set the same string (server-node-options.test.ts checks), and the tests and the benchmark pass it to the
// servers they start (test/support/next-server.ts).
//
// --v8-pool-size=1: V8's helper threads (parallel young-generation collections, concurrent marking, compiling)
// are four by default. On the 2-core machines Anisong is sized for they compete with the request thread and
// PGlite's thread for the cores; with one, the server took less CPU per request and less memory (the threads'
// malloc arenas and stacks): web README, "Benchmark". A larger machine may want more: an operator's own
// NODE_OPTIONS come after these, and the last value wins.
export const SERVER_NODE_OPTIONS = "--v8-pool-size=1";

/** NODE_OPTIONS for a server: Anisong's first, then `current`'s (which win where both set an option). */
export function serverNodeOptions(current: string | undefined): string {
  return [SERVER_NODE_OPTIONS, current?.trim()].filter(Boolean).join(" ");
}
