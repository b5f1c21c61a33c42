// The only place this package reads the environment: S3 connection settings for the raw store.
// Credentials are not read here: the AWS SDK's default chain takes AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
// (or a profile / role) itself, so they never pass through our code or logs.
import { z } from "zod";

export const ZS3Env = z.object({
  endpoint: z.url().optional(),
  region: z.string().min(1).default("us-east-1"),
  forcePathStyle: z.boolean().default(false),
});
export type TS3Settings = z.infer<typeof ZS3Env>;

export function resolveS3Settings(env: NodeJS.ProcessEnv = process.env): TS3Settings {
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
  return ZS3Env.parse({
    endpoint,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
    // Local S3-compatible servers (MinIO, s3rver) need path-style URLs; default on when an endpoint is set.
    forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === "true" : Boolean(endpoint),
  });
}
