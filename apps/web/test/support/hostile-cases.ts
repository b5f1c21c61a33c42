// Seeded generators of hostile input for the hostile-input suites: strings that break databases and
// encoders (NUL, lone surrogates, controls, huge), values of the wrong type, broken JSON, deep nesting,
// bad percent-escapes, odd methods and forged X-Forwarded-For chains. Same seed, same cases.
import { createRandom as createSeededRandom } from "@anisong/core-ml";

/** core-ml's seeded PRNG with the few helpers the generators need. */
export function createRandom(seed: number) {
  const { next } = createSeededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
export type TRandom = ReturnType<typeof createRandom>;

export const SEED = Number(process.env.HOSTILE_SEED ?? 20261202);

/** Characters that must be refused in free text (D1, D2): each with the reason class it belongs to. */
export const POISON = {
  nul: ["\u0000", "a\u0000b", "\u0000".repeat(5)],
  control: ["\u0001", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\u009b", "\u000b", "\u000c"],
  loneSurrogate: ["\ud800", "\udfff", "a\udbffb", "\udc00\ud800", "🎵".slice(0, 1), "x🎵".slice(1, 2) + "y"],
} as const;

const STRANGE_BUT_FINE = [
  "Levitating",
  "Dua Lipa",
  "怪物",
  "ｌｅｖｉｔａｔｉｎｇ",
  "🎵🎶",
  "Z\u0351\u0352\u0353",
  "\u202e\u202d",
  "e\u0301",
  "\ufeffBOM",
  "<script>alert(1)</script>",
  `' OR 1=1; DROP TABLE "Song"; --`,
  "${jndi:ldap://x}",
  "{{7*7}}",
  "%00",
  "%zz",
  "\\u0000",
  "tab\there",
  "line\nbreak",
  "crlf\r\n",
  "   ",
  "",
  "a".repeat(200),
  "é".repeat(199),
  "\u2028\u2029",
  "null",
  "undefined",
  "__proto__",
  "constructor",
  "../../etc/passwd",
  "🏳️‍🌈".repeat(20),
  "\u00a0",
  "\u3000全角スペース\u3000",
];

/** A string from every class, sometimes glued to ordinary text, sometimes huge. */
export function hostileString(r: TRandom): string {
  const roll = r.next();
  if (roll < 0.15) return r.pick(POISON.nul) + (r.chance(0.5) ? "Levitating" : "");
  if (roll < 0.25) return "Dua " + r.pick(POISON.control);
  if (roll < 0.4) return (r.chance(0.5) ? "Levitating" : "") + r.pick(POISON.loneSurrogate);
  if (roll < 0.45) return "x".repeat(r.pick([201, 301, 1001, 5000, 20_000]));
  if (roll < 0.5) return Array.from({ length: r.int(1, 40) }, () => String.fromCharCode(r.int(0, 0xffff))).join("");
  return r.pick(STRANGE_BUT_FINE);
}

/** The free-text poison a case injected, if any: such input must be a 400 naming the field. */
export function isPoisoned(value: unknown): boolean {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return typeof value === "string" && (!value.isWellFormed() || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(value));
}

export function hostileValue(r: TRandom, depth = 0): unknown {
  const roll = r.next();
  if (roll < 0.45) return hostileString(r);
  if (roll < 0.6) return r.pick([0, -1, 1, 2.5, 5, 6, 10, 51, 1e21, -0, Number.MAX_SAFE_INTEGER, 3.0000000001]);
  if (roll < 0.68) return r.pick([true, false, null]);
  if (roll < 0.78 && depth < 3) return Array.from({ length: r.int(0, 3) }, () => hostileValue(r, depth + 1));
  if (roll < 0.88 && depth < 3) return { [r.pick(["$ne", "title", "__proto__", "a"])]: hostileValue(r, depth + 1) };
  return hostileString(r);
}

/** JSON text that is broken, deep, huge or merely odd. */
export function hostileJsonText(r: TRandom): string {
  const depth = r.pick([10, 1000, 5000]);
  return r.pick([
    "",
    " ",
    "{",
    "}",
    "{title: Levitating",
    '{"title":"Levitating"',
    '{"title":"Levitating",}',
    "null",
    "[]",
    "123",
    '"x"',
    "true",
    "[".repeat(depth) + "]".repeat(depth),
    '{"a":'.repeat(depth) + "1" + "}".repeat(depth),
    `{"title":"${"y".repeat(10_000)}"}`,
    '{"title":"Levitating","title":"\\u0000"}',
    '{"title":"\\ud800"}',
    '{"title":"\\udfff\\ud800"}',
    '{"stars":1e309}',
    '{"stars":5,"comment":"\\u0000"}',
    '{"__proto__":{"admin":true},"title":"Levitating"}',
    '{"constructor":{"prototype":{"x":1}}}',
    '\ufeff{"title":"Levitating"}',
    '{"title":"Levitating"}garbage',
  ]);
}

/** X-Forwarded-For chains a client might forge (D7): garbage, long, IPv6, empty entries. */
export function hostileForwardedFor(r: TRandom): string {
  return r.pick([
    `203.0.113.${r.int(0, 255)}`,
    `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}, 10.0.0.1`,
    "2001:db8::" + r.int(1, 9999).toString(16),
    "::ffff:198.51.100.7",
    "not-an-ip",
    ", , ,",
    "unknown",
    Array.from({ length: 200 }, (_, i) => `10.0.${i % 255}.1`).join(", "),
    "x".repeat(4000),
  ]);
}

export function hostileQueryString(r: TRandom, keys: readonly string[]): string {
  const parts: string[] = [];
  for (let i = r.int(0, 4); i > 0; i--) {
    const key = r.chance(0.85) ? r.pick(keys) : hostileString(r).slice(0, 50).toWellFormed();
    const value = r.chance(0.2)
      ? r.pick(["%zz", "%", "%E0%A4%A", "%ed%a0%80", "%00", "%uD800", "+", "%2B%2B", "%FF%FE"])
      : r.chance(0.3)
        ? r.pick(["1", "0", "-1", "1.5", "1e3", "999999999", "abc", "", "asc", "desc", "energy", "title"])
        : encodeURIComponent(hostileString(r).toWellFormed()); // a URL cannot carry a lone surrogate but as bad UTF-8 (above)
    parts.push(`${encodeURIComponent(key).slice(0, 200)}=${value}`);
  }
  return parts.join("&");
}
