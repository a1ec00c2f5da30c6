import type { SourceQuery } from '../../shared/domain/source-config';
import type { SourceConnection } from '../../shared/domain/sources';
import { LokiClient, type LokiInstantData } from '../sources/loki';
import { SourceError } from '../sources/source-error';
import { isLogqlMetricQuery } from '../sources/logql-kind';
import { outcome, plural, settleParts, type Collector, type TestAnswer } from './collector-kit';
import { toSamples, type RawSeries } from './labels';
import type { CollectedSample, Collection } from './types';

export { isLogqlMetricQuery };

/** Enabled metric queries of a Loki source; log-line queries are run on demand (logs-query.ts), not polled. */
export function polledLokiQueries(queries: readonly SourceQuery[]): SourceQuery[] {
  return queries.filter((q) => q.enabled && isLogqlMetricQuery(q.expr));
}

/** An instant answer as one value per series. */
function instantSeries(data: LokiInstantData): RawSeries[] {
  if (data.resultType === 'scalar') return [{ labels: {}, value: data.point.value }];
  const out: RawSeries[] = [];
  for (const s of data.series) {
    const p = s.points[0];
    if (p) out.push({ labels: s.labels, value: p.value });
  }
  return out;
}

export function createLokiCollector(conn: SourceConnection, queries: readonly SourceQuery[]): Collector {
  const client = LokiClient.connect(conn);
  const polled = polledLokiQueries(queries);
  const where = `Loki at ${conn.baseUrl}`;
  // No `timeMs`: Loki evaluates at its own "now" (see LokiClient.query).
  const run = async (q: SourceQuery, signal: AbortSignal): Promise<RawSeries[]> =>
    instantSeries((await client.query(q.expr, { signal })).data);

  return {
    async collect(signal, nowMs): Promise<Collection> {
      const parts = polled.map((q) => ({
        what: `query "${q.title}"`,
        run: async () => toSamples(q.metric, await run(q, signal), nowMs),
      }));
      const { values, errors } = await settleParts(parts, where);
      const samples: CollectedSample[] = [];
      for (const v of values) if (v) for (const s of v) samples.push(s);
      return { samples, partialErrors: errors };
    },

    test(signal) {
      return outcome(where, async (): Promise<TestAnswer> => {
        const ready = await client.ready({ signal });
        if (!ready.ready) {
          const message = `Loki is not ready: ${ready.message}`;
          return { summary: message, details: [], failure: new SourceError('http', message, { status: 503 }) };
        }
        const [labels, info, ...answers] = await Promise.allSettled([
          client.labels({ signal }),
          client.buildInfo({ signal }),
          ...polled.map((q) => run(q, signal)),
        ]);
        if (labels?.status === 'rejected') throw labels.reason;
        const version = info?.status === 'fulfilled' ? ` ${info.value.version}` : '';
        const count = labels?.status === 'fulfilled' ? labels.value.length : 0;
        const details = polled.map((q, i) => {
          const a = answers[i];
          if (a?.status === 'fulfilled') return `${q.title}: ${plural(a.value.length, 'series', 'series')}`;
          const reason: unknown = a?.status === 'rejected' ? a.reason : undefined;
          return `${q.title}: failed — ${reason instanceof Error ? reason.message : String(reason)}`;
        });
        return { summary: `Loki${version} ready — ${plural(count, 'label')}`, details };
      });
    },

    close() {
      client.close();
    },
  };
}
