// Number formats shared by the Insights charts and tables.
import type { TInterval } from "@anisong/core-ml";

export const stars = (x: number | null) => (x === null ? "—" : x.toFixed(2));
export const interval = (i: TInterval | null) => (i ? `${i.low.toFixed(2)}–${i.high.toFixed(2)}` : "n < 2");
export const percent = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(0)} %`);
export const signed = (x: number, digits = 3) => `${x > 0 ? "+" : x < 0 ? "−" : "±"}${Math.abs(x).toFixed(digits)}`;
