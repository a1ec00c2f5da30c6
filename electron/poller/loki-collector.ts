import type { SourceQuery } from '../../shared/domain/source-config';
import type { SourceConnection } from '../../shared/domain/sources';
import { createHttpClient } from '../sources/http';
import { LokiClient } from '../sources/loki';
import { SourceError } from '../sources/source-error';
import { outcome, plural, settleParts, type Collector, type TestAnswer } from './collector-kit';
import { toSamples } from './labels';
import { isLogqlMetricQuery, lokiInstant } from './loki-instant';
import type { CollectedSample, Collection } from './types';

/** Enabled metric queries of a Loki source; log-line queries are run on demand (logs-query.ts), not polled. */
export function polledLokiQueries(queries: readonly SourceQuery[]): SourceQuery[] {
  return queries.filter((q) => q.enabled && isLogqlMetricQuery(q.expr));
}

export function createLokiCollector(conn: SourceConnection, queries: readonly SourceQuery[]): Collector {
  const http = createHttpClient(conn, 'Loki');
  const client = new LokiClient(http);
  const polled = polledLokiQueries(queries);
  const where = `Loki at ${conn.baseUrl}`;

  return {
    async collect(signal, nowMs): Promise<Collection> {
      const parts = polled.map((q) => ({
        what: `query "${q.title}"`,
        run: async () => toSamples(q.metric, await lokiInstant(http, q.expr, signal), nowMs),
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
          ...polled.map((q) => lokiInstant(http, q.expr, signal)),
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
      http.close();
    },
  };
}
