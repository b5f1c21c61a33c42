// The demo's one environment read: it refuses to run when NODE_ENV is production.
export function demoEnv(): { nodeEnv: string | undefined } {
  return { nodeEnv: process.env.NODE_ENV };
}
