// Calls exported route handlers directly with real Request objects, as Next does.
export const BASE = "http://127.0.0.1:3000";

type THandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type TCallResult = { status: number; headers: Headers; body: any };

export async function call(
  handler: unknown,
  path: string,
  init: RequestInit & { params?: Record<string, string>; json?: unknown; ip?: string } = {},
): Promise<TCallResult> {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set("content-type", "application/json");
  headers.set("x-forwarded-for", init.ip ?? "203.0.113.7");
  const request = new Request(`${BASE}${path}`, {
    ...init,
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });
  const response = await (handler as THandler)(request, { params: Promise.resolve(init.params ?? {}) });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // leave as text; tests assert JSON where it matters
  }
  return { status: response.status, headers: response.headers, body };
}
