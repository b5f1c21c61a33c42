"use client";
// Taking the list away: every pick's Spotify link to the clipboard, or the list as a CSV or JSON file (served by
// GET /api/recommendations/{id}/export, so the file is the stored list, the same for anyone with the permalink).
import { useState } from "react";
import type { TRecommendationItem } from "../lib/api-types";

export function ExportBar({ recommendationId, items }: { recommendationId: string; items: readonly TRecommendationItem[] }) {
  const [status, setStatus] = useState("");
  const exportHref = (format: "csv" | "json") => `/api/recommendations/${encodeURIComponent(recommendationId)}/export?format=${format}`;

  async function copyLinks() {
    const text = items.map((item) => item.spotifyUrl).join("\n");
    const copied = (await copyWithClipboardApi(text)) || copyWithSelection(text);
    setStatus(copied ? `Copied ${items.length} Spotify links.` : "Your browser did not let us copy. Download the CSV instead.");
  }

  return (
    <div className="export-bar" data-testid="export-bar">
      <button type="button" className="button button--small" onClick={copyLinks}>
        Copy all {items.length} links
      </button>
      <a className="button button--small" href={exportHref("csv")} download>
        Download CSV
      </a>
      <a className="button button--small" href={exportHref("json")} download>
        Download JSON
      </a>
      <p className="export-bar__status muted" role="status" data-testid="export-status">
        {status}
      </p>
    </div>
  );
}

async function copyWithClipboardApi(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // not allowed (no secure context or no permission): try the selection below
  }
}

/** The fallback for browsers without the async clipboard: a hidden textarea and the copy command. */
function copyWithSelection(text: string): boolean {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "visually-hidden";
  document.body.append(area);
  area.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
