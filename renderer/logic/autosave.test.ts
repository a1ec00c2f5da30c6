import { describe, expect, it } from 'vitest';
import { Autosaver, type SaveResult, type Timers } from './autosave';

/** Hand-moved time: timers run when `advance` passes them, and each save resolves when told to. */
class Harness implements Timers {
  t = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  saves: { text: string; at: number; resolve: (r: SaveResult) => void }[] = [];
  readonly saver: Autosaver;

  constructor(stored = '') {
    this.saver = new Autosaver(stored, {
      idleMs: 300,
      maxWaitMs: 500,
      retryMs: 2_000,
      timers: this,
      save: (text) => new Promise((resolve) => this.saves.push({ text, at: this.t, resolve })),
    });
  }

  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== h);
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }
  async settle(result: SaveResult = 'saved'): Promise<void> {
    const open = this.saves.filter((s) => !(s as { done?: boolean }).done);
    for (const s of open) {
      (s as { done?: boolean }).done = true;
      s.resolve(result);
    }
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }
}

describe('autosave', () => {
  it('saves once typing pauses, and never re-saves text that is already stored', async () => {
    const h = new Harness('draft');
    h.saver.change('draft!');
    h.advance(299);
    expect(h.saves).toHaveLength(0);
    h.advance(1);
    expect(h.saves.map((s) => s.text)).toEqual(['draft!']);
    await h.settle();
    expect(h.saver.dirty).toBe(false);
    h.saver.change('draft!');
    h.advance(5_000);
    expect(h.saves).toHaveLength(1);
    // Typing and undoing back to the stored text writes nothing.
    h.saver.change('draft!?');
    h.saver.change('draft!');
    h.advance(5_000);
    expect(h.saves).toHaveLength(1);
  });

  it('writes at least every maxWait while someone types without a pause', async () => {
    const h = new Harness('');
    let text = '';
    for (let i = 0; i < 40; i++) {
      text += 'x';
      h.saver.change(text);
      h.advance(100);
      await h.settle();
    }
    const gaps = h.saves.map((s, i) => s.at - (h.saves[i - 1]?.at ?? 0));
    expect(h.saves.length).toBeGreaterThanOrEqual(7);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(600);
    expect(h.saves.at(-1)?.text.length).toBeGreaterThanOrEqual(35);
  });

  it('keeps one write in flight and sends the newest text after it', async () => {
    const h = new Harness('');
    h.saver.change('a');
    h.advance(300);
    h.saver.change('ab');
    h.saver.change('abc');
    h.advance(1_000);
    expect(h.saves.map((s) => s.text)).toEqual(['a']);
    await h.settle();
    h.advance(0);
    expect(h.saves.map((s) => s.text)).toEqual(['a', 'abc']);
  });

  it('retries a failed write later, and stops on a refusal until the text changes', async () => {
    const h = new Harness('');
    h.saver.change('a');
    h.advance(300);
    await h.settle('retry');
    h.advance(1_999);
    expect(h.saves).toHaveLength(1);
    h.advance(1);
    expect(h.saves.map((s) => s.text)).toEqual(['a', 'a']);
    await h.settle('stop');
    h.advance(60_000);
    expect(h.saves).toHaveLength(2);
    h.saver.change('ab');
    h.advance(300);
    expect(h.saves.map((s) => s.text)).toEqual(['a', 'a', 'ab']);
  });

  it('flushes on demand and after a reset does not save the old text', async () => {
    const h = new Harness('v1');
    h.saver.change('v1 edited');
    const flushed = h.saver.flush();
    expect(h.saves.map((s) => s.text)).toEqual(['v1 edited']);
    await h.settle();
    await flushed;
    h.saver.change('v1 edited more');
    h.saver.reset('v0 restored');
    h.advance(5_000);
    expect(h.saves).toHaveLength(1);
    expect(h.saver.dirty).toBe(false);
  });
});
