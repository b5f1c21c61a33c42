// SHA-256 of a string's UTF-8 bytes, as lowercase hex, through @noble/hashes (audited, dependency-free, runs in
// every JavaScript runtime) rather than node:crypto, so that core-ml stays pure. The packed build bundles it
// (tsup.config.ts), which keeps zod the tarball's only dependency.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
