// `pnpm start`: migrate the database, train the model if needed and build the derived catalog cache (so the
// server's first load reads it instead of parsing the CSV), WHILE the web app builds (the build reads no data:
// every page is rendered per request), then serve. The two chains ran one after the other before; side
// by side they save the pipeline's time on a first run. Each line is prefixed with its chain's name; if either
// chain fails, the other is stopped and `pnpm start` exits with its code, printing the command to rerun alone.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const chains = [
  {
    name: "data",
    // A cache that cannot be written (a read-only temp folder) costs the server's first load its time, not the start.
    command:
      "pnpm run db:migrate && pnpm run pipeline all --if-needed && " +
      "(pnpm run catalog:warm || echo 'The server will read the catalog from its CSV instead: a slower first start.')",
  },
  { name: "build", command: "TURBO_TELEMETRY_DISABLED=1 pnpm exec turbo run build --filter=@anisong/web --only" },
];

function run({ name, command }) {
  const child = spawn(command, { shell: true, stdio: ["ignore", "pipe", "pipe"], detached: true });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => process.stdout.write(`[${name}] ${line}\n`));
  }
  const done = new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  return { name, command, child, done };
}

const started = chains.map(run);
// The chains run in their own process groups (so a failure can stop a whole chain): pass Ctrl-C on to them.
const stopChains = (signal) => {
  for (const chain of started) if (chain.child.exitCode === null) process.kill(-chain.child.pid, signal);
  process.exit(130);
};
process.on("SIGINT", stopChains).on("SIGTERM", stopChains);
let failure = null; // the first chain to fail; the other one is stopped, and its exit is not the cause
await Promise.all(
  started.map(async (chain) => {
    const code = await chain.done;
    if (code === 0 || failure) return;
    failure = { chain, code };
    for (const other of started) if (other !== chain && other.child.exitCode === null) process.kill(-other.child.pid, "SIGTERM");
  }),
);
if (failure) {
  console.error(`\n${failure.chain.name} failed (exit ${failure.code}); run it alone to see why: ${failure.chain.command}`);
  process.exit(failure.code);
}

process.removeListener("SIGINT", stopChains).removeListener("SIGTERM", stopChains);
const web = spawn("pnpm --filter @anisong/web start", { shell: true, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => web.kill(signal));
web.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
