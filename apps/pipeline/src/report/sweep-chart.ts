// A small SVG line chart for the k sweep: inertia (left axis) and silhouette (right axis) against k.
// Hand-written on purpose: two polylines and a few labels do not need a charting library.
export type TSweepPoint = { k: number; inertia: number; silhouette: number };

const W = 640;
const H = 360;
const M = { top: 40, right: 70, bottom: 50, left: 80 };

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function scaleLinear(d0: number, d1: number, r0: number, r1: number) {
  const span = d1 - d0 || 1;
  return (v: number) => r0 + ((v - d0) / span) * (r1 - r0);
}

export function renderSweepSvg(points: TSweepPoint[], title = "k sweep"): string {
  if (points.length === 0) throw new Error("no sweep points to draw");
  const ks = points.map((p) => p.k);
  const x = scaleLinear(Math.min(...ks), Math.max(...ks), M.left, W - M.right);
  const inertias = points.map((p) => p.inertia);
  const sils = points.map((p) => p.silhouette);
  const yI = scaleLinear(Math.min(...inertias), Math.max(...inertias), H - M.bottom, M.top);
  const yS = scaleLinear(Math.min(...sils), Math.max(...sils), H - M.bottom, M.top);
  const line = (y: (v: number) => number, values: number[]) =>
    points.map((p, i) => `${x(p.k).toFixed(1)},${y(values[i]!).toFixed(1)}`).join(" ");
  const dots = (y: (v: number) => number, values: number[], color: string) =>
    points.map((p, i) => `<circle cx="${x(p.k).toFixed(1)}" cy="${y(values[i]!).toFixed(1)}" r="3" fill="${color}"/>`).join("");
  const best = points.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
  const ticks = points.map((p) => `<text x="${x(p.k).toFixed(1)}" y="${H - M.bottom + 18}" text-anchor="middle">${p.k}</text>`).join("");
  const axisLabels = [
    [Math.max(...inertias), yI(Math.max(...inertias)), M.left - 8, "end", "#1f77b4"],
    [Math.min(...inertias), yI(Math.min(...inertias)), M.left - 8, "end", "#1f77b4"],
    [Math.max(...sils), yS(Math.max(...sils)), W - M.right + 8, "start", "#d62728"],
    [Math.min(...sils), yS(Math.min(...sils)), W - M.right + 8, "start", "#d62728"],
  ] as const;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${esc(title)}</text>`,
    `<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="#333"/>`,
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" stroke="#1f77b4"/>`,
    `<line x1="${W - M.right}" y1="${M.top}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="#d62728"/>`,
    ticks,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">k (clusters)</text>`,
    ...axisLabels.map(
      ([v, y, xx, anchor, color]) =>
        `<text x="${xx}" y="${(y + 4).toFixed(1)}" text-anchor="${anchor}" fill="${color}">${v.toFixed(v >= 100 ? 0 : 3)}</text>`,
    ),
    `<polyline class="inertia" fill="none" stroke="#1f77b4" stroke-width="2" points="${line(yI, inertias)}"/>`,
    dots(yI, inertias, "#1f77b4"),
    `<polyline class="silhouette" fill="none" stroke="#d62728" stroke-width="2" points="${line(yS, sils)}"/>`,
    dots(yS, sils, "#d62728"),
    `<text x="${M.left + 10}" y="${M.top + 4}" fill="#1f77b4">— inertia</text>`,
    `<text x="${M.left + 90}" y="${M.top + 4}" fill="#d62728">— silhouette (best k = ${best.k}: ${best.silhouette.toFixed(3)})</text>`,
    `</svg>`,
    "",
  ].join("\n");
}
