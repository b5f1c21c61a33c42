// HTTP plumbing shared by the remote providers: timeouts, status → typed fault, zod-validated JSON, bounded retries.
import type { z } from "zod";
import { ProviderFault } from "../errors";

/** fetch with a per-call timeout; transport failures become ProviderFault("timeout" | "network"). `fetchImpl`: an injected fetch. */
export async function fetchWithTimeout(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  fetchImpl: typeof fetch = fetch,
): Promise<Response> {
  try {
    return await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") throw new ProviderFault("timeout", `timed out after ${timeoutMs} ms`);
    // Only the cause's code/message: the URL carries no secret, but headers (Authorization) never reach here.
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new ProviderFault("network", `network error${cause ? ` (${cause})` : ""}`);
  }
}

/** Retry-After in seconds (or an HTTP date) → milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Throws the typed fault for a non-2xx response (the body is not echoed: it may be large or odd). */
export function throwForStatus(response: Response): void {
  const { status } = response;
  if (status >= 200 && status < 300) return;
  if (status === 401) throw new ProviderFault("unauthorized", "HTTP 401 (token rejected)", status);
  if (status === 403) throw new ProviderFault("forbidden", "HTTP 403 (forbidden)", status);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    throw new ProviderFault(
      "rate-limited",
      `HTTP 429 (rate limited${retryAfterMs !== undefined ? `, Retry-After ${retryAfterMs / 1000} s` : ""})`,
      status,
      retryAfterMs,
    );
  }
  throw new ProviderFault("http", `HTTP ${status}`, status);
}

/** Reads the body as JSON and validates it; anything else is ProviderFault("malformed"). */
export async function readJson<T>(response: Response, schema: z.ZodType<T>, what: string): Promise<T> {
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    throw new ProviderFault("malformed", `${what}: response is not JSON`);
  }
  return validate(body, schema, what);
}

export function validate<T>(body: unknown, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderFault("malformed", `${what}: unexpected response shape (${issue?.path.join(".") || "root"}: ${issue?.message})`);
  }
  return parsed.data;
}

export type TRetryPolicy = {
  /** Longest Retry-After worth waiting for; longer ones fall through at once. */
  maxRetryAfterMs: number;
  /** Called before the single retry of a 401 (drop the cached token). Absent: 401 is not retried. */
  onUnauthorized?: () => void;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `call`, retrying once after a 401 (fresh token) and once after a short-enough 429. */
export async function withRetries<T>(call: () => Promise<T>, policy: TRetryPolicy): Promise<T> {
  let refreshed = false;
  let waited = false;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ProviderFault)) throw error;
      if (error.kind === "unauthorized" && policy.onUnauthorized && !refreshed) {
        refreshed = true;
        policy.onUnauthorized();
        continue;
      }
      if (error.kind === "rate-limited") {
        if (!waited && error.retryAfterMs !== undefined && error.retryAfterMs <= policy.maxRetryAfterMs) {
          waited = true;
          await sleep(error.retryAfterMs);
          continue;
        }
        const why = waited ? "still limited after waiting once" : `not waiting longer than ${policy.maxRetryAfterMs / 1000} s`;
        throw new ProviderFault("rate-limited", `${error.message}; ${why}`, error.status, error.retryAfterMs);
      }
      throw error;
    }
  }
}
