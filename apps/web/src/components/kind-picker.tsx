"use client";
// Which kinds of anime songs to recommend: originals and soundtracks by default, covers & arrangements opt-in.
// At least one stays ticked (the API refuses an empty set).
import { DEFAULT_KINDS, SONG_KINDS, type TSongKind } from "../lib/song-kinds";

const LABELS: Record<TSongKind, string> = { original: "Originals", soundtrack: "Soundtracks", cover: "Covers & arrangements" };

export { DEFAULT_KINDS };

export function KindPicker({ kinds, onChange }: { kinds: TSongKind[]; onChange: (kinds: TSongKind[]) => void }) {
  const toggle = (kind: TSongKind, on: boolean) => {
    const next = SONG_KINDS.filter((k) => (k === kind ? on : kinds.includes(k)));
    if (next.length > 0) onChange(next);
  };
  return (
    <fieldset className="kind-picker" data-testid="kind-picker">
      <legend>Recommend</legend>
      {SONG_KINDS.map((kind) => (
        <label key={kind}>
          <input
            type="checkbox"
            name="kinds"
            value={kind}
            checked={kinds.includes(kind)}
            disabled={kinds.length === 1 && kinds.includes(kind)}
            onChange={(e) => toggle(kind, e.target.checked)}
          />{" "}
          {LABELS[kind]}
        </label>
      ))}
    </fieldset>
  );
}
