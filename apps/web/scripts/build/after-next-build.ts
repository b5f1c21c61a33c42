// `pnpm --filter @anisong/web build` runs this after `next build` (and the tests' ensureBuilt runs finishBuild).
import path from "node:path";
import { finishBuild } from "./finish-build";

console.log(finishBuild({ nextDir: path.join(__dirname, "..", "..", ".next") }));
