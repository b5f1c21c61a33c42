// Lets V8's old generation grow to 1.5× the live heap before a full GC, instead of its default factor (up to 4×).
// Under a burst of requests the server's old space otherwise filled with ~200 MB of garbage on a ~100 MB live
// heap before V8 collected it, and RSS stayed there: 540–570 MB under the 50-connection POST load, 384–390 MB
// with this (see the README's benchmark section). It costs a few more full GCs (each ~20 ms on this heap).
// Set at run time because NODE_OPTIONS does not accept this flag and the benchmark and e2e tests start `next`
// directly; V8 reads it every time it sizes the heap after a GC, so setting it after start-up takes effect.
import v8 from "node:v8";

export const HEAP_GROWING_PERCENT = 50;

export function limitHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
