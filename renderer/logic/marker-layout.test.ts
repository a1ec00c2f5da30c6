import { describe, expect, it } from 'vitest';
import { layoutMarkerLabels } from './marker-layout';

const box = (p: { textX: number; anchor: 'start' | 'end'; text: string | null }, charPx = 6.2): [number, number] => {
  const w = (p.text?.length ?? 0) * charPx;
  return p.anchor === 'start' ? [p.textX, p.textX + w] : [p.textX - w, p.textX];
};

describe('marker label layout', () => {
  it('writes an OOM kill and a declaration a few pixels apart on separate lanes, neither over the other', () => {
    const [oom, declared] = layoutMarkerLabels(
      [
        { x: 500, label: 'OOM kill', priority: 1 },
        { x: 506, label: 'Declared SEV2 · P1: OCR workers OOMKilled', priority: 0 },
      ],
      40,
      900,
    );
    expect(oom?.text).toBe('OOM kill');
    expect(declared?.text).toBe('Declared SEV2 · P1: OCR w…');
    expect(oom?.lane).not.toBe(declared?.lane);
  });

  it('keeps a label near the right edge inside the plot by writing it to the left of its line', () => {
    const [p] = layoutMarkerLabels([{ x: 895, label: 'Declared SEV1', priority: 0 }], 40, 900);
    expect(p?.anchor).toBe('end');
    const [a, b] = box(p ?? { textX: 0, anchor: 'start', text: null });
    expect(a).toBeGreaterThanOrEqual(40);
    expect(b).toBeLessThanOrEqual(900);
  });

  it('never overlaps two labels on a lane, and drops the least important when the lanes are full', () => {
    const items = Array.from({ length: 6 }, (_, i) => ({ x: 300 + i * 3, label: `restart ${i}`, priority: i === 5 ? 0 : 2 }));
    const placed = layoutMarkerLabels(items, 0, 1000, { lanes: 3 });
    const written = placed.filter((p) => p.text !== null);
    expect(written).toHaveLength(3);
    // The most important one (priority 0) is among them although it comes last.
    expect(placed[5]?.text).toBe('restart 5');
    for (let lane = 0; lane < 3; lane++) {
      const boxes = placed.filter((p) => p.text !== null && p.lane === lane).map((p) => box(p));
      for (let i = 1; i < boxes.length; i++) expect((boxes[i]?.[0] ?? 0) >= (boxes[i - 1]?.[1] ?? 0)).toBe(true);
    }
  });
});
