// axe-core in the page under test: its source is evaluated through the DevTools protocol (page.evaluate), which the
// page's CSP does not govern — addScriptTag would add an inline script the nonce policy rightly refuses. A violation
// fails the test with the rule, its impact, help text and the offending elements, readable in the Jest output.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { WEB_DIR } from "./next-server";

/** axe-core is a dev dependency of @anisong/web: pnpm links it under the app's node_modules. */
const AXE_PATH = path.join(WEB_DIR, "node_modules", "axe-core", "axe.min.js");
let source: string | undefined;

type TAxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; failureSummary?: string }[];
};

export async function axeViolations(page: Page): Promise<TAxeViolation[]> {
  source ??= fs.readFileSync(AXE_PATH, "utf8");
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: TAxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

/** Fails with every violation spelled out; `where` names the page and viewport. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length === 0) return;
  const text = violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    at ${n.target.join(" ")}: ${(n.failureSummary ?? "").replace(/\n/g, " ")}`)
          .join("\n"),
    )
    .join("\n");
  throw new Error(`axe found ${violations.length} accessibility violation(s) on ${where} (${page.url()}):\n${text}`);
}
