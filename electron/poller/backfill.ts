import type { SourceQuery } from '../../shared/domain/source-config';
import { LokiClient } from '../sources/loki';
import { PrometheusClient } from '../sources/prometheus';
import type { Series } from '../sources/samples';
import type { SourceError } from '../sources/source-error';
import { connectionFor } from './collector';
import { settleParts } from './collector-kit';
import { shapeSeries } from './labels';
import { polledLokiQueries } from './loki-collector';
import { isSnapshotQuery } from './prometheus-collector';
import type { CollectedSample, ResolvedSource, TelemetrySink } from './types';

export interface History {
  samples: CollectedSample[];
  /** Queries that failed while others answered. */
  partialErrors: SourceError[];
}

function rangeSamples(metric: string, series: readonly Series[]): CollectedSample[] {
  const out: CollectedSample[] = [];
  shapeSeries(metric, series, (labels, s) => {
    for (const p of s.points) out.push({ metric, labels, tMs: p.tMs, value: p.value });
  });
  return out;
}

interface RangeRunner {
  run(q: SourceQuery): Promise<Series[]>;
  close(): void;
}

function runnerFor(source: ResolvedSource, fromMs: number, toMs: number, stepMs: number, signal?: AbortSignal): RangeRunner | null {
  // The clients pick a coarser step when this one would exceed 11,000 points per series (query-step.ts).
  const range = { startMs: fromMs, endMs: toMs, stepSeconds: Math.max(1, Math.round(stepMs / 1000)), signal };
  const conn = connectionFor(source);
  if (source.kind === 'prometheus') {
    const client = PrometheusClient.connect(conn);
    return { run: async (q) => (await client.queryRange(q.expr, range)).data.series, close: () => client.close() };
  }
  if (source.kind === 'loki') {
    const client = LokiClient.connect(conn);
    return {
      run: async (q) => {
        const reply = await client.queryRange(q.expr, range);
        return reply.data.resultType === 'matrix' ? reply.data.series : [];
      },
      close: () => client.close(),
    };
  }
  return null;
}

/**
 * What a Prometheus or Loki source knew between `fromMs` and `toMs`, per enabled metric query, with the
 * labels the poller would have stored. Other kinds keep no history upstream: nothing to fetch.
 */
export async function fetchHistory(
  source: ResolvedSource,
  fromMs: number,
  toMs: number,
  stepMs: number,
  signal?: AbortSignal,
): Promise<History> {
  const runner = runnerFor(source, fromMs, toMs, stepMs, signal);
  if (!runner) return { samples: [], partialErrors: [] };
  // Panel snapshots describe "now" (the GPU and queue panels): they have no history to fill.
  const queries =
    source.kind === 'loki' ? polledLokiQueries(source.queries) : source.queries.filter((q) => q.enabled && !isSnapshotQuery(q));
  try {
    const parts = queries.map((q) => ({ what: `query "${q.title}"`, run: async () => rangeSamples(q.metric, await runner.run(q)) }));
    const { values, errors } = await settleParts(parts, source.name);
    const samples: CollectedSample[] = [];
    for (const v of values) if (v) for (const s of v) samples.push(s);
    return { samples, partialErrors: errors };
  } finally {
    runner.close();
  }
}

/**
 * Fills an incident's lead-in from upstream history into the sink (which never replaces polled samples).
 * Throws a SourceError when every query failed.
 */
export async function backfill(
  source: ResolvedSource,
  fromMs: number,
  toMs: number,
  stepMs: number,
  options: { sink: TelemetrySink; signal?: AbortSignal },
): Promise<History> {
  const history = await fetchHistory(source, fromMs, toMs, stepMs, options.signal);
  if (history.samples.length > 0) options.sink.backfill(source.id, history.samples);
  return history;
}
