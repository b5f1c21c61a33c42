// Debian's Chromium (never a downloaded build), headless, for the end-to-end tests. The background-networking flags
// keep it from calling Google's hosts, which this machine's closed network refuses many times over.
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** The two widths every screenshot and layout check uses. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  tablet: { width: 820, height: 1180 },
  phone: { width: 390, height: 844 },
} as const;

const CSP_REFUSAL = /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i;

/** Adds every Content-Security-Policy refusal the page logs to `sink` (the suites fail on a non-empty sink). */
export function collectCspViolations(page: Page, sink: string[]): void {
  page.on("console", (message) => {
    if (CSP_REFUSAL.test(message.text())) sink.push(message.text());
  });
}

/**
 * How many nodes of each role Chromium's own accessibility tree (not Playwright's role engine, which reads the tags)
 * has under the first element matching `selector`: what a screen reader is given after the page's CSS.
 */
export async function accessibleRoleCounts(page: Page, options: { selector: string; roles: string[] }): Promise<Record<string, number>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result } = await cdp.send("Runtime.evaluate", { expression: `document.querySelector(${JSON.stringify(options.selector)})` });
    if (!result.objectId) throw new Error(`No element matches ${options.selector}`);
    const counts: Record<string, number> = {};
    for (const role of options.roles) {
      const { nodes } = await cdp.send("Accessibility.queryAXTree", { objectId: result.objectId, role });
      counts[role] = nodes.length;
    }
    return counts;
  } finally {
    await cdp.detach();
  }
}
