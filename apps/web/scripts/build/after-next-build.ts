// `pnpm --filter @anisong/web build` runs this after `next build` (and so does the tests' ensureBuilt).
import path from "node:path";
import { addCompileHints } from "./add-compile-hints";

const chunksDir = path.join(__dirname, "..", "..", ".next", "static", "chunks");
const { hinted, alreadyHinted } = addCompileHints({ chunksDir });
console.log(`compile hints: ${hinted} client chunks hinted${alreadyHinted ? `, ${alreadyHinted} already` : ""} (${chunksDir})`);
