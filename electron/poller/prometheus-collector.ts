import type { SourceQuery } from '../../shared/domain/source-config';
import type { SourceConnection } from '../../shared/domain/sources';
import { SNAPSHOT_METRICS, type SnapshotMetric } from '../../shared/domain/telemetry';
import { PrometheusClient, type PromInstantData } from '../sources/prometheus';
import { SourceError } from '../sources/source-error';
import { firingFromPrometheus } from './alerts';
import { asSourceError, noData, outcome, plural, settleParts, type Collector, type TestAnswer } from './collector-kit';
import { toSamples, type RawSeries } from './labels';
import { gpuSnapshot, queueSnapshot, queueSnapshotSamples } from './prometheus-snapshots';
import type { CollectedSample, Collection, FiringAlert } from './types';

/** An instant answer as one value per series; a range selector (`foo[5m]`) contributes its newest point. */
export function instantSeries(data: PromInstantData, what: string): RawSeries[] {
  switch (data.resultType) {
    case 'vector':
    case 'matrix': {
      const out: RawSeries[] = [];
      for (const s of data.series) {
        const last = s.points[s.points.length - 1];
        if (last) out.push({ labels: s.labels, value: last.value });
      }
      return out;
    }
    case 'scalar':
      return [{ labels: {}, value: data.point.value }];
    case 'string':
      throw new SourceError('malformed', `${what} returns a string, not numbers`);
  }
}

type Part =
  | { kind: 'query'; samples: CollectedSample[]; series: number }
  | { kind: 'snapshot'; metric: SnapshotMetric; series: RawSeries[] }
  | { kind: 'alerts'; alerts: FiringAlert[] };

const SNAPSHOT_KEYS: ReadonlySet<string> = new Set(Object.values(SNAPSHOT_METRICS));

export function isSnapshotQuery(q: Pick<SourceQuery, 'metric'>): q is { metric: SnapshotMetric } {
  return SNAPSHOT_KEYS.has(q.metric);
}

/** What a snapshot query's answer fills, in words, for "Test". */
function snapshotDetail(metric: SnapshotMetric, series: readonly RawSeries[]): string {
  if (metric === SNAPSHOT_METRICS.gpus) {
    const gpus = gpuSnapshot(series);
    return `${plural(gpus.length, 'GPU')} on ${plural(new Set(gpus.map((g) => g.node)).size, 'node')}`;
  }
  return plural(queueSnapshot(series).length, 'queue');
}

/** One query's answer in a test: its line in the details, and whether it failed or gave series. */
interface QueryVerdict {
  line: string;
  /** Why it failed; undefined when it answered. */
  error?: SourceError;
  series: number;
}

function verdict(q: SourceQuery, answer: PromiseSettledResult<{ data: PromInstantData }> | undefined): QueryVerdict {
  const title = q.title;
  if (answer?.status === 'fulfilled') {
    try {
      const series = instantSeries(answer.value.data, title);
      const said = isSnapshotQuery(q) ? snapshotDetail(q.metric, series) : plural(series.length, 'series', 'series');
      return { line: `${title}: ${said}`, series: series.length };
    } catch (err) {
      const error = asSourceError(err, title);
      return { line: `${title}: ${error.message}`, error, series: 0 };
    }
  }
  const error = asSourceError(answer?.reason, title);
  return { line: `${title}: failed — ${error.message}`, error, series: 0 };
}

export function createPrometheusCollector(conn: SourceConnection, queries: readonly SourceQuery[]): Collector {
  const client = PrometheusClient.connect(conn);
  const enabled = queries.filter((q) => q.enabled);
  const where = `Prometheus at ${conn.baseUrl}`;

  return {
    async collect(signal, nowMs): Promise<Collection> {
      const parts = [
        ...enabled.map((q) => ({
          what: `query "${q.title}"`,
          run: async (): Promise<Part> => {
            const reply = await client.query(q.expr, { signal });
            const series = instantSeries(reply.data, `query "${q.title}"`);
            if (isSnapshotQuery(q)) return { kind: 'snapshot', metric: q.metric, series };
            return { kind: 'query', samples: toSamples(q.metric, series, nowMs), series: series.length };
          },
        })),
        {
          what: 'firing alerts',
          run: async (): Promise<Part> => ({ kind: 'alerts', alerts: firingFromPrometheus(await client.alerts({ signal })) }),
        },
      ];
      const { values, errors } = await settleParts(parts, where);
      const samples: CollectedSample[] = [];
      const collection: Collection = { samples, partialErrors: errors };
      // Several snapshot queries of one kind (say, one per cluster) fill one panel together.
      const snapshot = new Map<SnapshotMetric, RawSeries[]>();
      let answered = 0;
      let snapshotSeries = 0;
      for (const v of values) {
        if (v?.kind === 'query') {
          answered += 1;
          for (const s of v.samples) samples.push(s);
        } else if (v?.kind === 'snapshot') {
          answered += 1;
          snapshotSeries += v.series.length;
          snapshot.set(v.metric, [...(snapshot.get(v.metric) ?? []), ...v.series]);
        } else if (v?.kind === 'alerts') collection.alerts = v.alerts;
      }
      const gpuSeries = snapshot.get(SNAPSHOT_METRICS.gpus);
      if (gpuSeries) collection.gpus = gpuSnapshot(gpuSeries);
      const queueSeries = snapshot.get(SNAPSHOT_METRICS.queues);
      if (queueSeries) {
        collection.queues = queueSnapshot(queueSeries);
        for (const s of queueSnapshotSamples(collection.queues, nowMs)) samples.push(s);
      }
      // Every query answered, none with a series: Prometheus is up but holds none of what it is polled for.
      if (enabled.length > 0 && answered === enabled.length && samples.length === 0 && snapshotSeries === 0) {
        errors.push(noData(`${where} answered, but none of its ${plural(enabled.length, 'query', 'queries')} returned any series`));
      }
      return collection;
    },

    test(signal) {
      return outcome(where, async (): Promise<TestAnswer> => {
        const ready = await client.ready({ signal });
        if (!ready.ready) {
          const state = ready.stopping ? 'shutting down' : 'not ready yet (still starting up)';
          const message = `Prometheus is ${state}: ${ready.message}`;
          return { summary: message, details: [], failure: new SourceError('http', message, { status: 503 }) };
        }
        const [info, ...answers] = await Promise.allSettled([
          client.buildInfo({ signal }),
          ...enabled.map((q) => client.query(q.expr, { signal })),
        ]);
        const version = info?.status === 'fulfilled' && info.value.version !== '' ? ` ${info.value.version}` : '';
        const verdicts = enabled.map((q, i) => verdict(q, answers[i]));
        const details = verdicts.map((v) => v.line);
        const failed = verdicts.filter((v) => v.error).length;
        const withData = verdicts.filter((v) => v.series > 0).length;
        const summary = `Prometheus${version} — ready`;
        if (enabled.length === 0)
          return { summary, details, warnings: ['No query is enabled: this source will poll nothing but its alerts.'] };
        if (failed === enabled.length) {
          const first = verdicts[0];
          return {
            summary: `${summary}, but all ${plural(enabled.length, 'query', 'queries')} failed`,
            details,
            failure: new SourceError(
              first?.error?.kind ?? 'malformed',
              `Prometheus answered, but every query failed (${first?.line ?? ''})`,
            ),
          };
        }
        if (withData === 0) {
          return {
            summary: `${summary}, but no query returned data`,
            details,
            failure: noData(
              `Prometheus answered, but none of its ${plural(enabled.length, 'query', 'queries')} returned a series: does it scrape the exporters (DCGM, kube-state-metrics, node_exporter, asynq)?`,
            ),
          };
        }
        const warnings =
          failed > 0 ? [`${failed} of ${plural(enabled.length, 'query', 'queries')} failed; the rest answered (see below).`] : [];
        return { summary: `${summary} — ${withData} of ${plural(enabled.length, 'query', 'queries')} returned data`, details, warnings };
      });
    },

    close() {
      client.close();
    },
  };
}
