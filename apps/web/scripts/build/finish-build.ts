// What `next build` leaves to do, in order: the compile hints change the chunks, then their compressed copies are
// made. Run by the package's build script (after-next-build.ts) and by the tests' ensureBuilt.
import path from "node:path";
import { addCompileHints } from "./add-compile-hints";
import { precompressStatic } from "./precompress-static";

export function finishBuild(options: { nextDir: string }): string {
  const staticDir = path.join(options.nextDir, "static");
  const hints = addCompileHints({ chunksDir: path.join(staticDir, "chunks") });
  const copies = precompressStatic({ staticDir });
  return (
    `compile hints: ${hints.hinted} client chunks hinted${hints.alreadyHinted ? `, ${hints.alreadyHinted} already` : ""}; ` +
    `compressed copies: ${copies.written} written${copies.upToDate ? `, ${copies.upToDate} up to date` : ""} (${staticDir})`
  );
}
