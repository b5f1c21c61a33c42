// The demo's options, validated: a bounded visitor count and run time, a seed, and a base URL that must be on
// this machine (loopback only) — the demo writes recommendations, ratings and votes into whatever it is pointed at.
import { z } from "zod";

export const MAX_VISITORS = 500;

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  const octets = host.split(".");
  return octets.length === 4 && octets[0] === "127" && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

export const ZDemoOptions = z.object({
  url: z
    .string()
    .url("url: not a URL")
    .refine((u) => ["http:", "https:"].includes(new URL(u).protocol), "url: http or https only")
    .refine((u) => isLoopbackHost(new URL(u).hostname), "url: only a loopback address (127.0.0.0/8, ::1, localhost) is allowed")
    .default("http://127.0.0.1:3000"),
  visitors: z.coerce
    .number()
    .int("visitors: a whole number")
    .min(1, "visitors: at least 1")
    .max(MAX_VISITORS, `visitors: at most ${MAX_VISITORS}`)
    .default(40),
  seed: z.coerce.number().int("seed: a whole number").default(1),
  maxSeconds: z.coerce.number().min(1, "max-seconds: at least 1").max(3600, "max-seconds: at most 3600").default(300),
  concurrency: z.coerce.number().int().min(1).max(16, "concurrency: at most 16").default(4),
});
export type TDemoOptions = z.infer<typeof ZDemoOptions>;

export const DEMO_USAGE = `usage: pnpm run demo:traffic [--url http://127.0.0.1:3000] [--visitors 40] [--seed 1] [--max-seconds 300] [--concurrency 4]

Simulates visitors against a LOCAL Anisong server: each gets its own anisong_visitor cookie, asks for
recommendations from library songs, rates most of them and likes or rejects some picks. Refuses a URL that is
not loopback and NODE_ENV=production. Waits on 429 Retry-After; start the server with a higher
ANISONG_WRITE_RATE_PER_MINUTE / ANISONG_WRITE_RATE_BURST for a faster run.`;

/** --name value / --name=value pairs into the options object (unknown flags are an error). */
export function parseDemoArgs(argv: string[]): TDemoOptions | "help" {
  const raw: Record<string, string> = {};
  const names: Record<string, keyof TDemoOptions> = {
    url: "url",
    visitors: "visitors",
    seed: "seed",
    "max-seconds": "maxSeconds",
    concurrency: "concurrency",
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return "help";
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const key = match ? names[match[1]!] : undefined;
    if (!match || !key) throw new Error(`unknown argument "${arg}"\n\n${DEMO_USAGE}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${match[1]} needs a value`);
    raw[key] = value;
  }
  const parsed = ZDemoOptions.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}
