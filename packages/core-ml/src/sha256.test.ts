import { createHash } from "node:crypto";
import { sha256Hex } from "./sha256";

const nodeSha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("sha256Hex", () => {
  it("matches the FIPS 180-4 test vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("matches node:crypto on UTF-8 text at every padding boundary", () => {
    for (let n = 0; n <= 200; n++) {
      const s = "aé音🎵".repeat(n).slice(0, n);
      expect(sha256Hex(s)).toBe(nodeSha256(s));
    }
    const long = JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ i, x: Math.sin(i) })));
    expect(sha256Hex(long)).toBe(nodeSha256(long));
  });
});
