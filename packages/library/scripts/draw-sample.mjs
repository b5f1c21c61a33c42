// Draws the seeded random sample of library rows to check by hand (node scripts/draw-sample.mjs [n] [seed]).
// Prints CSV with empty judgement columns; the filled-in copy is test/fixtures/hand-checked-sample.csv.
import fs from "node:fs";
import path from "node:path";

const n = Number(process.argv[2] ?? 130);
let state = Number(process.argv[3] ?? 20260902) >>> 0;
// mulberry32: small, seeded, the same sequence on every machine.
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const file = path.join(import.meta.dirname, "../../../data/library/library.json");
const { songs } = JSON.parse(fs.readFileSync(file, "utf8"));
const order = songs.map((_, i) => i);
for (let i = order.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [order[i], order[j]] = [order[j], order[i]];
}
const cell = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
console.log("id,title,album,artists,instrumentalness,true_kind,true_anime_title,true_tie_in,note");
for (const i of order.slice(0, n).sort((a, b) => a - b)) {
  const s = songs[i];
  console.log([s.id, s.title, s.album ?? "", s.artists.join(";"), String(s.features.instrumentalness), "", "", "", ""].map(cell).join(","));
}
