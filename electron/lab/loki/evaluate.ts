/** Evaluates parsed LogQL over the lab's log buffer. */
import { entryNs, streamKeyOf, type Labels, type LogEntry, type LogStore } from '../sim/logs.js';
import { matchesLabel, matchesLine, type LogQuery, type MetricQuery } from './logql.js';
import { MAX_QUERY_SERIES, ParamError } from './params.js';

export interface StreamResult {
  stream: Labels;
  values: [string, string][];
}

export interface SeriesResult {
  metric: Labels;
  values: [number, string][];
}

export interface EvalStats {
  linesScanned: number;
  bytesScanned: number;
}

function selectorMatches(q: LogQuery, labels: Labels): boolean {
  return q.matchers.every((m) => matchesLabel(m, labels[m.name] ?? ''));
}

/** Entries in [startMs, endMs) matching the query, oldest first. */
export function matchingEntries(
  store: LogStore,
  q: LogQuery,
  startMs: number,
  endMs: number,
  stats: EvalStats,
  endInclusive = false,
): LogEntry[] {
  const out: LogEntry[] = [];
  for (const e of store.entries()) {
    if (e.tsMs < startMs || e.tsMs > endMs || (!endInclusive && e.tsMs === endMs)) continue;
    if (!selectorMatches(q, e.stream)) continue;
    stats.linesScanned += 1;
    stats.bytesScanned += e.line.length;
    if (matchesLine(q.filters, e.line)) out.push(e);
  }
  return out;
}

export function streamsResult(entries: LogEntry[], limit: number, direction: 'forward' | 'backward'): StreamResult[] {
  const picked = direction === 'backward' ? entries.slice(-limit).reverse() : entries.slice(0, limit);
  const byStream = new Map<string, StreamResult>();
  for (const e of picked) {
    let s = byStream.get(e.streamKey);
    if (!s) {
      s = { stream: e.stream, values: [] };
      byStream.set(e.streamKey, s);
    }
    s.values.push([entryNs(e), e.line]);
  }
  return [...byStream.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}

function formatSample(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  // strconv.FormatFloat(v, 'f', -1, 64): shortest repr, never exponent notation.
  const s = String(v);
  return /e/i.test(s) ? v.toFixed(20).replace(/\.?0+$/, '') : s;
}

function groupLabels(labels: Labels, agg: NonNullable<MetricQuery['agg']>): Labels {
  if (agg.grouping === 'none') return {};
  const out: Labels = {};
  for (const [k, v] of Object.entries(labels)) {
    const listed = agg.labels.includes(k);
    if ((agg.grouping === 'by' && listed) || (agg.grouping === 'without' && !listed)) out[k] = v;
  }
  return out;
}

/** Evaluates at each step t over the window (t - range, t]; steps with no data give no point. */
export function evaluateMetric(
  store: LogStore,
  q: MetricQuery,
  startMs: number,
  endMs: number,
  stepMs: number,
  stats: EvalStats,
): SeriesResult[] {
  const entries = matchingEntries(store, q.log, startMs - q.rangeMs, endMs, stats, true);
  const perStream = new Map<string, { labels: Labels; ts: number[] }>();
  for (const e of entries) {
    let s = perStream.get(e.streamKey);
    if (!s) {
      s = { labels: e.stream, ts: [] };
      perStream.set(e.streamKey, s);
    }
    s.ts.push(e.tsMs);
  }
  const raw: { labels: Labels; points: Map<number, number> }[] = [];
  for (const { labels, ts } of perStream.values()) {
    const points = new Map<number, number>();
    let lo = 0;
    let hi = 0;
    for (let t = startMs; t <= endMs; t += stepMs) {
      while (hi < ts.length && (ts[hi] as number) <= t) hi += 1;
      while (lo < hi && (ts[lo] as number) <= t - q.rangeMs) lo += 1;
      const n = hi - lo;
      if (n > 0) points.set(t, q.fn === 'rate' ? n / (q.rangeMs / 1000) : n);
    }
    if (points.size > 0) raw.push({ labels, points });
  }
  let series = raw;
  if (q.agg) {
    const agg = q.agg;
    const groups = new Map<string, { labels: Labels; members: Map<number, number>[] }>();
    for (const s of raw) {
      const labels = groupLabels(s.labels, agg);
      const key = streamKeyOf(labels);
      const g = groups.get(key) ?? { labels, members: [] };
      g.members.push(s.points);
      groups.set(key, g);
    }
    series = [...groups.values()].map((g) => {
      const points = new Map<number, number>();
      for (let t = startMs; t <= endMs; t += stepMs) {
        const vals = g.members.map((m) => m.get(t)).filter((v): v is number => v !== undefined);
        if (vals.length === 0) continue;
        const sum = vals.reduce((a, b) => a + b, 0);
        const v =
          agg.op === 'sum'
            ? sum
            : agg.op === 'avg'
              ? sum / vals.length
              : agg.op === 'count'
                ? vals.length
                : agg.op === 'min'
                  ? Math.min(...vals)
                  : Math.max(...vals);
        points.set(t, v);
      }
      return { labels: g.labels, points };
    });
  }
  if (series.length > MAX_QUERY_SERIES) {
    throw new ParamError(
      `maximum number of series (${MAX_QUERY_SERIES}) reached for a single query; consider reducing query cardinality by adding more specific stream selectors, reducing the time range, or aggregating results with functions like sum(), count() or topk()`,
    );
  }
  return series
    .map((s) => ({
      metric: s.labels,
      values: [...s.points.entries()].map(([t, v]): [number, string] => [t / 1000, formatSample(v)]),
    }))
    .sort((a, b) => {
      const ka = streamKeyOf(a.metric);
      const kb = streamKeyOf(b.metric);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
}
