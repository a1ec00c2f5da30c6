import type { SourceQuery } from '../../shared/domain/source-config';
import { LokiClient } from '../sources/loki';
import { PrometheusClient } from '../sources/prometheus';
import type { Series } from '../sources/samples';
import { MAX_POINTS_PER_SERIES, alignDown } from '../sources/query-step';
import type { SourceError } from '../sources/source-error';
import { connectionFor } from './collector';
import { settleParts } from './collector-kit';
import { shapeSeries } from './labels';
import { polledLokiQueries } from './loki-collector';
import { isSnapshotQuery } from './prometheus-collector';
import { guardSamples, sourceLabel } from './sample-domain';
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
 * The queries whose history can be fetched: a Prometheus source's enabled metric queries (panel
 * snapshots describe "now" and have no history to fill) and a Loki source's polled metric queries.
 */
export function historyQueries(source: Pick<ResolvedSource, 'kind' | 'queries'>): SourceQuery[] {
  if (source.kind === 'loki') return polledLokiQueries(source.queries);
  if (source.kind === 'prometheus') return source.queries.filter((q) => q.enabled && !isSnapshotQuery(q));
  return [];
}

/** Chunks one backfill may ask for; beyond that (a range of weeks) the step gets coarser instead. */
const MAX_CHUNKS = 16;
/** Steps per chunk: under the 11,000-point limit with room for the aligned start and both ends. */
const CHUNK_STEPS = MAX_POINTS_PER_SERIES - 10;

export interface Chunk {
  fromMs: number;
  toMs: number;
  stepSeconds: number;
}

/**
 * A range split into range queries at `wishSeconds` (the source's poll interval), so a long range
 * keeps the resolution the poller would have stored rather than a coarser step. Chunks sit on the
 * step grid and do not overlap: each starts one step after the previous one ended.
 */
export function planChunks(fromMs: number, toMs: number, wishSeconds: number): Chunk[] {
  const spanS = Math.max(0, toMs - fromMs) / 1000;
  const stepSeconds = Math.max(1, Math.round(wishSeconds), Math.ceil(spanS / (MAX_CHUNKS * CHUNK_STEPS)));
  const stepMs = stepSeconds * 1000;
  const chunkMs = CHUNK_STEPS * stepMs;
  const out: Chunk[] = [];
  for (let start = alignDown(fromMs, stepSeconds); start <= toMs; start += chunkMs + stepMs) {
    out.push({ fromMs: start, toMs: Math.min(toMs, start + chunkMs), stepSeconds });
  }
  return out;
}

export interface RangeHistory extends History {
  stepSeconds: number;
}

/**
 * Everything a source knew over a range, chunk by chunk (planChunks). Throws the SourceError of the
 * first chunk whose queries all failed: the source is not answering, and what was fetched so far is
 * fetched again on the retry.
 */
export async function fetchRange(source: ResolvedSource, fromMs: number, toMs: number, signal?: AbortSignal): Promise<RangeHistory> {
  const chunks = planChunks(fromMs, toMs, source.intervalMs / 1000);
  const samples: CollectedSample[] = [];
  const partialErrors: SourceError[] = [];
  for (const c of chunks) {
    const h = await fetchHistory(source, c.fromMs, c.toMs, c.stepSeconds * 1000, signal);
    for (const x of h.samples) samples.push(x);
    for (const e of h.partialErrors) if (!partialErrors.some((p) => p.message === e.message)) partialErrors.push(e);
  }
  return { samples, partialErrors, stepSeconds: chunks[0]?.stepSeconds ?? Math.max(1, Math.round(source.intervalMs / 1000)) };
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
  const queries = historyQueries(source);
  try {
    const parts = queries.map((q) => ({ what: `query "${q.title}"`, run: async () => rangeSamples(q.metric, await runner.run(q)) }));
    const { values, errors } = await settleParts(parts, source.name);
    const fetched: CollectedSample[] = [];
    for (const v of values) if (v) for (const s of v) fetched.push(s);
    // History is held to the same domains as polls: an implausible point is not stored, and is said.
    const { samples, refused } = guardSamples(fetched, sourceLabel(source.kind, source.name));
    return { samples, partialErrors: [...errors, ...refused] };
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
