// `pnpm run demo:traffic` — simulated visitors against a local server, so Insights has data (see demo/).
import { demoEnv } from "./demo/env";
import { DEMO_USAGE, parseDemoArgs } from "./demo/demo-options";
import { runDemoTraffic } from "./demo/run-demo-traffic";

async function main(): Promise<number> {
  if (demoEnv().nodeEnv === "production") {
    console.error("demo:traffic refuses to run with NODE_ENV=production: it writes made-up ratings.");
    return 2;
  }
  let options;
  try {
    options = parseDemoArgs(process.argv.slice(2).filter((a) => a !== "--"));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (options === "help") {
    console.log(DEMO_USAGE);
    return 0;
  }
  console.log(`demo:traffic: ${options.visitors} visitors against ${options.url} (seed ${options.seed}, at most ${options.maxSeconds} s)`);
  const summary = await runDemoTraffic(options, (line) => console.log(line));
  console.log(
    `${summary.visitors} visitors, ${summary.recommendations} recommendations, ${summary.ratings} ratings, ${summary.votes} votes ` +
      `in ${summary.seconds.toFixed(1)} s (${summary.rateLimitWaits} waits on 429, ${summary.failures} failed requests)`,
  );
  for (const [variant, t] of Object.entries(summary.byVariant)) {
    const mean = t.ratings ? (t.starsSum / t.ratings).toFixed(2) : "—";
    console.log(
      `  variant ${variant}: ${t.recommendations} recommendations, ${t.ratings} ratings (mean ${mean}), ${t.likes} likes, ${t.dislikes} rejections`,
    );
  }
  console.log(`See ${options.url.replace(/\/+$/, "")}/insights`);
  return summary.failures > 0 && summary.recommendations === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo:traffic failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
