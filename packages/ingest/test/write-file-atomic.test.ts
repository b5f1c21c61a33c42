import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeFileAtomic } from "../src";

describe("writeFileAtomic", () => {
  it("replaces a file whole, and on failure keeps the old file and leaves no temp file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "anisong-atomic-"));
    try {
      const file = path.join(dir, "models", "m.json");
      writeFileAtomic(file, '{"v":1}');
      writeFileAtomic(file, '{"v":2}');
      expect(fs.readFileSync(file, "utf8")).toBe('{"v":2}');
      // a target that cannot be replaced (a non-empty folder) makes the rename fail after the temp file was written
      const blocked = path.join(dir, "models", "blocked.json");
      fs.mkdirSync(blocked);
      fs.writeFileSync(path.join(blocked, "x"), "");
      expect(() => writeFileAtomic(blocked, "new")).toThrow();
      expect(fs.readdirSync(path.join(dir, "models")).sort()).toEqual(["blocked.json", "m.json"]);
      expect(fs.readFileSync(file, "utf8")).toBe('{"v":2}');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
