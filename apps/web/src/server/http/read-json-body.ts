// Reads a JSON body with a hard byte limit: the Content-Length is checked first, and the stream is
// cut off as soon as it passes the limit (a missing or lying Content-Length cannot get around it).
import { ApiError } from "./errors";
import { bufferedBodyOf } from "./web-request";

export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type.trim())) {
    throw new ApiError(415, "unsupported_media_type", "Send the request body as JSON (Content-Type: application/json).");
  }
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);

  const bytes = await readLimited(request, maxBytes);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.trim() === "") throw new ApiError(400, "bad_request", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "bad_request", "The request body is not valid JSON.");
  }
}

async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  const buffered = bufferedBodyOf(request); // made by web-request.ts: read already, up to one byte past the limit
  if (buffered) {
    if (buffered.byteLength > maxBytes) throw tooLarge(maxBytes);
    return buffered;
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, "payload_too_large", `The request body is larger than ${maxBytes} bytes.`);
}
