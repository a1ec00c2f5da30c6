/**
 * Where chart marker labels go. Each label is measured (monospace-ish: characters × width), put on
 * the side of its line where it fits inside the plot, and dropped into the first of a few lanes
 * (rows under the top edge) where it overlaps no other label. A label with no free lane is not
 * written; its marker keeps the glyph, the hover title and the hover card. So "OOM kill" and
 * "Declared SEV2" a few pixels apart both stay readable, and none is cut at the plot's edge.
 */

export interface LabelInput {
  x: number;
  label: string;
  /** Lower goes first when lanes run out (the incident's own events before restarts). */
  priority: number;
}

export interface PlacedLabel {
  /** The text as written (shortened to `maxChars`), or null when it did not fit any lane. */
  text: string | null;
  lane: number;
  /** 'start': text to the right of the line; 'end': to its left. */
  anchor: 'start' | 'end';
  /** Where the text is anchored. */
  textX: number;
}

export interface LayoutOptions {
  lanes?: number;
  charPx?: number;
  maxChars?: number;
  /** Space between the line and its text, and between two labels. */
  gapPx?: number;
}

export function shorten(text: string, maxChars: number): string {
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

export function layoutMarkerLabels(items: readonly LabelInput[], left: number, right: number, opts: LayoutOptions = {}): PlacedLabel[] {
  const lanes = opts.lanes ?? 3;
  const charPx = opts.charPx ?? 6.2;
  const maxChars = opts.maxChars ?? 26;
  const gap = opts.gapPx ?? 4;
  const taken: [number, number][][] = Array.from({ length: lanes }, () => []);
  const out: PlacedLabel[] = items.map((i) => ({ text: null, lane: 0, anchor: 'start', textX: i.x + gap }));
  const order = items
    .map((_, i) => i)
    .sort((a, b) => (items[a]?.priority ?? 0) - (items[b]?.priority ?? 0) || (items[a]?.x ?? 0) - (items[b]?.x ?? 0));
  for (const i of order) {
    const item = items[i];
    if (!item) continue;
    const text = shorten(item.label, maxChars);
    const width = text.length * charPx;
    // Right of the line when it fits, else left of it; at the left edge too, clamp inside the plot.
    const rightward = item.x + gap + width <= right;
    const from = rightward ? item.x + gap : Math.max(left, item.x - gap - width);
    const span: [number, number] = [from - gap, from + width + gap];
    const lane = taken.findIndex((used) => used.every(([a, b]) => span[1] <= a || span[0] >= b));
    if (lane < 0) continue;
    taken[lane]?.push(span);
    out[i] = { text, lane, anchor: rightward ? 'start' : 'end', textX: rightward ? from : from + width };
  }
  return out;
}
