import { selectorLabels } from '../../shared/domain/log-queries';
import type { SourceQuery } from '../../shared/domain/source-config';
import type { SourceConnection } from '../../shared/domain/sources';
import { LokiClient, type LokiInstantData } from '../sources/loki';
import { SourceError } from '../sources/source-error';
import { isLogqlMetricQuery } from '../sources/logql-kind';
import { noData, outcome, plural, settleParts, type Collector, type TestAnswer } from './collector-kit';
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
        const names = labels?.status === 'fulfilled' ? labels.value : [];
        // A build without version stamping reports "" (measured on 2.8.11).
        const version = info?.status === 'fulfilled' && info.value.version !== '' ? ` ${info.value.version}` : '';
        const summary = `Loki${version} ready`;
        if (names.length === 0) {
          return {
            summary,
            details: [],
            labels: names,
            failure: noData(
              'Loki answered, but it has no log streams in the last 6 hours: is anything shipping logs to it (Promtail, the OpenTelemetry collector), under this tenant?',
            ),
          };
        }
        const warnings: string[] = [];
        const details = [`Stream labels: ${names.join(', ')}`];
        polled.forEach((q, i) => {
          const a = answers[i];
          const missing = selectorLabels(q.expr).filter((l) => !names.includes(l));
          if (missing.length > 0) {
            warnings.push(
              `"${q.title}" selects on ${missing.join(', ')}, which no stream has: choose the label that names your services under Service label.`,
            );
          }
          if (a?.status === 'fulfilled') details.push(`${q.title}: ${plural(a.value.length, 'series', 'series')}`);
          else {
            const reason: unknown = a?.status === 'rejected' ? a.reason : undefined;
            const text = reason instanceof Error ? reason.message : String(reason);
            details.push(`${q.title}: failed — ${text}`);
            warnings.push(`"${q.title}" failed: ${text}`);
          }
        });
        return { summary: `${summary} — ${plural(names.length, 'stream label')}`, details, warnings, labels: names };
      });
    },

    close() {
      client.close();
    },
  };
}
