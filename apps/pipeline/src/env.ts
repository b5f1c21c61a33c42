// The only place the pipeline reads its own environment. (The database comes from @anisong/db's env,
// S3 settings from @anisong/ingest's.)
/** Where the user ran the command: pnpm runs scripts inside the package, but a relative --config means the caller's folder. */
export function invocationDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD || process.cwd();
}
