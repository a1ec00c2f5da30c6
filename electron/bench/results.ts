import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** One line of bench-results.json (format in DESIGN.md). */
export interface BenchResult {
  id: string;
  value: number;
  unit: string;
  /** The raw baseline measured in the same run, when there is one. */
  baseline: number | null;
  /** value / baseline (lower is better for times), null without a baseline. */
  ratio: number | null;
  /** What exactly was measured against what, in words, when the id alone does not say it. */
  notes?: string;
}

export function result(id: string, value: number, unit: string, baseline: number | null = null, notes?: string): BenchResult {
  const round = (n: number): number => Math.round(n * 1000) / 1000;
  return {
    id,
    value: round(value),
    unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: baseline ? round(value / baseline) : null,
    ...(notes === undefined ? {} : { notes }),
  };
}

/** Merge results into the file by id, so separate bench parts can each write theirs. */
export function writeResults(file: string, results: BenchResult[]): void {
  const existing: BenchResult[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResult[]) : [];
  const byId = new Map(existing.map((r) => [r.id, r]));
  for (const r of results) byId.set(r.id, r);
  writeFileSync(file, `${JSON.stringify([...byId.values()], null, 2)}\n`);
}

export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

/** Median of several timed runs (each awaited): shared machines are noisy, the median less so. */
export async function medianMs(runs: number, fn: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}
