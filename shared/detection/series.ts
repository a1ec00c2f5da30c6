import { formatDuration } from '../domain/response-metrics';
import { metricTitle } from '../domain/telemetry';
import type { DetectionFrame, FrameSeries, RuleStatus } from './types';

/** Small, allocation-light reads over FrameSeries; rules run on every poll. */

/** Index of the first point at or after `fromMs` (binary search: points are time-sorted). */
export function indexFrom(s: FrameSeries, fromMs: number): number {
  let lo = 0;
  let hi = s.t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((s.t[mid] as number) < fromMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Point {
  t: number;
  v: number;
}

/** The newest point with a value. */
export function last(s: FrameSeries): Point | null {
  for (let i = s.t.length - 1; i >= 0; i -= 1) {
    const v = s.v[i];
    if (v !== null && v !== undefined && Number.isFinite(v)) return { t: s.t[i] as number, v };
  }
  return null;
}

/** The first point with a value at or after `fromMs`. */
export function firstFrom(s: FrameSeries, fromMs: number): Point | null {
  for (let i = indexFrom(s, fromMs); i < s.t.length; i += 1) {
    const v = s.v[i];
    if (v !== null && v !== undefined && Number.isFinite(v)) return { t: s.t[i] as number, v };
  }
  return null;
}

export function newestAt(series: readonly FrameSeries[]): number | null {
  let newest: number | null = null;
  for (const s of series) {
    const t = s.t[s.t.length - 1];
    if (t !== undefined && (newest === null || t > newest)) newest = t;
  }
  return newest;
}

/** Lowest and highest value from `fromMs`. */
export function range(s: FrameSeries, fromMs: number): { min: number; max: number; n: number } {
  let min = Infinity;
  let max = -Infinity;
  let n = 0;
  for (let i = indexFrom(s, fromMs); i < s.t.length; i += 1) {
    const v = s.v[i];
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    n += 1;
  }
  return { min, max, n };
}

/**
 * How long the series sat at or above `threshold` from `fromMs`: each such point counts until the
 * next one, capped at `maxGapMs` so a gap in polling is not counted as time spent above it.
 */
export function timeAtOrAbove(s: FrameSeries, fromMs: number, threshold: number, maxGapMs: number): number {
  let total = 0;
  const n = s.t.length;
  for (let i = indexFrom(s, fromMs); i < n; i += 1) {
    const v = s.v[i];
    if (v === null || v === undefined || v < threshold) continue;
    const next = i + 1 < n ? (s.t[i + 1] as number) : (s.t[i] as number) + typicalStep(s);
    total += Math.min(maxGapMs, next - (s.t[i] as number));
  }
  return total;
}

/** The median spacing of the newest few points (the poll interval, usually). */
export function typicalStep(s: FrameSeries): number {
  const n = s.t.length;
  if (n < 2) return 0;
  const gaps: number[] = [];
  for (let i = Math.max(1, n - 9); i < n; i += 1) gaps.push((s.t[i] as number) - (s.t[i - 1] as number));
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

/** Increase of a counter from `fromMs`: positive steps summed; a drop is a reset and its new value counts. */
export function counterIncrease(s: FrameSeries, fromMs: number): { increase: number; firstAt: number | null } {
  let increase = 0;
  let firstAt: number | null = null;
  let prev: number | null = null;
  const start = indexFrom(s, fromMs);
  // The point before the window is the base the first step in it is measured from.
  for (let i = Math.max(0, start - 1); i < s.t.length; i += 1) {
    const v = s.v[i];
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    if (prev !== null && i >= start) {
      const step = v >= prev ? v - prev : v;
      if (step > 0) {
        increase += step;
        firstAt ??= s.t[i] as number;
      }
    }
    prev = v;
  }
  return { increase, firstAt };
}

/** The value at or just before `atMs` (the newest point not after it). */
export function valueAt(s: FrameSeries, atMs: number): Point | null {
  const i = indexFrom(s, atMs + 1) - 1;
  for (let j = i; j >= 0; j -= 1) {
    const v = s.v[j];
    if (v !== null && v !== undefined && Number.isFinite(v)) return { t: s.t[j] as number, v };
  }
  return null;
}

/** Least-squares slope in value per millisecond from `fromMs`; null with fewer than 3 points. */
export function slope(s: FrameSeries, fromMs: number): number | null {
  let n = 0;
  let st = 0;
  let sv = 0;
  let stt = 0;
  let stv = 0;
  const t0 = s.t[indexFrom(s, fromMs)] ?? 0;
  for (let i = indexFrom(s, fromMs); i < s.t.length; i += 1) {
    const v = s.v[i];
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    const t = (s.t[i] as number) - t0;
    n += 1;
    st += t;
    sv += v;
    stt += t * t;
    stv += t * v;
  }
  const den = n * stt - st * st;
  if (n < 3 || den === 0) return null;
  return (n * stv - st * sv) / den;
}

export function pct(share: number): string {
  return `${Math.round(share * 100)} %`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function dur(ms: number): string {
  return formatDuration(Math.max(0, ms));
}

/** Sorted unique strings (affected lists, evidence text). */
export function uniq(values: Iterable<string>): string[] {
  return [...new Set(values)].filter((v) => v !== '').sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Only series with a point newer than the stale limit count as live data. */
export function freshSeries(series: readonly FrameSeries[], now: number, staleMs: number): FrameSeries[] {
  return series.filter((s) => (s.t[s.t.length - 1] ?? -Infinity) >= now - staleMs);
}

/** Healthy sources configured to store `metric`: their silence is an answer (zero), not a gap. */
export function answeringWriters(frame: DetectionFrame, metric: string): DetectionFrame['sources'] {
  return frame.sources.filter((s) => s.metrics.includes(metric) && (s.state === 'ok' || s.state === 'degraded'));
}

/**
 * "No data" in words: which metric is missing and why, from the health of the sources that used to
 * write it. Never "all clear": a rule that cannot see says so.
 */
export function noData(
  frame: DetectionFrame,
  rule: RuleStatus['rule'],
  title: string,
  metrics: readonly string[],
  hint: string,
): RuleStatus {
  const series = metrics.flatMap((m) => frame.series[m] ?? []);
  const what = metrics.map(metricTitle).join(' / ');
  const dataAt = newestAt(series);
  const writers = new Set([
    ...series.map((s) => s.sourceId),
    ...frame.sources.filter((s) => metrics.some((m) => s.metrics.includes(m))).map((s) => s.id),
  ]);
  const failing = frame.sources.filter((src) => writers.has(src.id) && (src.state === 'down' || src.state === 'degraded'));
  const disabled = frame.sources.filter((src) => writers.has(src.id) && src.state === 'disabled');
  let why: string;
  if (failing.length > 0) {
    why = failing.map((src) => `${src.name} is ${src.state}${src.error ? `: ${src.error}` : ''}`).join('; ');
  } else if (disabled.length > 0 && disabled.length === writers.size) {
    why = `${disabled.map((src) => src.name).join(', ')} ${disabled.length === 1 ? 'is' : 'are'} disabled`;
  } else if (dataAt === null) {
    why = `no source stores it — ${hint}`;
  } else {
    why = 'its sources stopped reporting it';
  }
  return { rule, title, state: 'no-data', detail: `No data: no recent ${what} samples (${why}).`, dataAt };
}
