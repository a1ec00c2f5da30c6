import { describe, expect, it } from 'vitest';
import { METRICS } from '../../shared/domain/telemetry';
import { nsToMs, type LokiEntry, type LokiStream } from '../sources/loki';
import type { Labels } from '../sources/samples';
import { firingFromAlertmanager, firingFromPrometheus } from './alerts';
import { connectionFor } from './collector';
import { splitMetricsUrl } from './exporter-collector';
import { labelKey, shapeSeries, toSamples } from './labels';
import { flattenStreams } from './logs-query';
import { isLogqlMetricQuery } from './loki-collector';
import { resolvedSource } from './lab-sources';

/** The stored labels of each label set, null where shapeSeries drops it. */
function shapeLabels(metric: string, labelSets: readonly Labels[]): (Labels | null)[] {
  const out: (Labels | null)[] = labelSets.map(() => null);
  shapeSeries(
    metric,
    labelSets.map((labels) => ({ labels })),
    (labels, _s, i) => {
      out[i] = labels;
    },
  );
  return out;
}

describe('label normalisation', () => {
  it('GPU series: node from Hostname or hostname, the index as gpu, the model; pod variants dropped', () => {
    const shaped = shapeLabels(METRICS.gpuMemoryShare, [
      { gpu: '0', UUID: 'GPU-a', modelName: 'H100', Hostname: 'n1', pod: 'ocr-1', namespace: 'ml', instance: 'x:9400', job: 'dcgm' },
      { gpu: '1', UUID: 'GPU-b', modelName: 'L4', hostname: 'n2', exported_pod: 'nb', pod: 'dcgm-exporter-x' },
      { UUID: 'GPU-c', instance: 'n3:9400' },
    ]);
    expect(shaped).toEqual([
      { node: 'n1', gpu: '0', model: 'H100' },
      { node: 'n2', gpu: '1', model: 'L4' },
      { node: 'n3:9400', gpu: 'GPU-c' },
    ]);
  });

  it('a GPU exported once per pod becomes one series', () => {
    const a = { gpu: '0', Hostname: 'n1', modelName: 'H100' };
    const samples = toSamples(
      METRICS.gpuMemoryShare,
      [
        { labels: { ...a, pod: 'p1' }, value: 0.5 },
        { labels: { ...a, pod: 'p2' }, value: 0.5 },
      ],
      1,
    );
    expect(samples).toEqual([{ metric: METRICS.gpuMemoryShare, labels: { node: 'n1', gpu: '0', model: 'H100' }, tMs: 1, value: 0.5 }]);
  });

  it('pods prefer exported_ labels; queue depth keeps the five states only', () => {
    expect(
      shapeLabels(METRICS.podRestarts, [
        { exported_pod: 'w', pod: 'ksm', exported_namespace: 'ml', namespace: 'kube', container: 'c', uid: 'u' },
      ]),
    ).toEqual([{ namespace: 'ml', pod: 'w', container: 'c' }]);
    expect(
      shapeLabels(METRICS.queueDepth, [
        { queue: 'echo', state: 'pending', instance: 'a' },
        { queue: 'echo', state: 'completed' },
      ]),
    ).toEqual([{ queue: 'echo', state: 'pending' }, null]);
  });

  it('other metrics drop __name__, and instance/job unless they tell series apart', () => {
    expect(shapeLabels('my.metric', [{ __name__: 'up', instance: 'a', job: 'j', zone: 'z1' }])).toEqual([{ zone: 'z1' }]);
    expect(
      shapeLabels('my.metric', [
        { __name__: 'up', instance: 'a', job: 'j' },
        { __name__: 'up', instance: 'b', job: 'j' },
      ]),
    ).toEqual([
      { instance: 'a', job: 'j' },
      { instance: 'b', job: 'j' },
    ]);
  });

  it('label keys ignore order and quote values', () => {
    expect(labelKey({ b: '2', a: 'x,y="z"' })).toBe('{a="x,y=\\"z\\"",b="2"}');
    expect(labelKey({ a: '1', b: '2' })).toBe(labelKey({ b: '2', a: '1' }));
  });
});

describe('alerts', () => {
  it('Prometheus: firing only, keyed by sorted labels', () => {
    const alerts = firingFromPrometheus([
      {
        labels: { severity: 'page', alertname: 'GPUMemHigh' },
        annotations: { summary: 's' },
        state: 'firing',
        activeAt: '2026-01-01T10:00:00Z',
        value: 1,
      },
      { labels: { alertname: 'Pending' }, annotations: {}, state: 'pending', activeAt: '2026-01-01T10:00:00Z', value: 1 },
    ]);
    expect(alerts).toEqual([
      {
        key: '{alertname="GPUMemHigh",severity="page"}',
        name: 'GPUMemHigh',
        severity: 'page',
        labels: { severity: 'page', alertname: 'GPUMemHigh' },
        summary: 's',
        startsAt: Date.parse('2026-01-01T10:00:00Z'),
      },
    ]);
  });

  it('Alertmanager: active and neither silenced nor inhibited', () => {
    const base = {
      annotations: {},
      startsAt: '2026-01-01T10:00:00.000Z',
      endsAt: '',
      updatedAt: '',
      fingerprint: 'f',
      generatorURL: undefined,
      receivers: [],
      state: 'active',
      silencedBy: [] as string[],
      inhibitedBy: [] as string[],
      mutedBy: [] as string[],
    };
    const got = firingFromAlertmanager([
      { ...base, labels: { alertname: 'A' } },
      { ...base, labels: { alertname: 'B' }, silencedBy: ['s'] },
      { ...base, labels: { alertname: 'C' }, state: 'suppressed', inhibitedBy: ['x'] },
    ]);
    expect(got.map((a) => a.name)).toEqual(['A']);
  });
});

describe('small parsers', () => {
  it('tells LogQL metric queries from log queries', () => {
    expect(isLogqlMetricQuery('sum by (service) (count_over_time({namespace="echo"} |~ "(?i)error" [1m]))')).toBe(true);
    expect(isLogqlMetricQuery('rate({app="x"}[5m])')).toBe(true);
    expect(isLogqlMetricQuery('{namespace="echo"} |~ "(?i)error"')).toBe(false);
    expect(isLogqlMetricQuery('{app="x"} |~ "code=[0-9]+"')).toBe(false);
  });

  it('takes a line level from stream labels, then entry metadata, then the line, and orders by nanoseconds', () => {
    const entry = (tsNs: string, line: string, meta: Partial<LokiEntry> = {}): LokiEntry => ({ tsNs, tsMs: nsToMs(tsNs), line, ...meta });
    const streams: LokiStream[] = [
      { labels: { app: 'a', level: 'WARN' }, entries: [entry('1000000000000000003', 'level=error msg=x')] },
      { labels: { app: 'b', severity: 'crit' }, entries: [entry('1000000000000000001', 'msg=x')] },
      {
        labels: { app: 'c' },
        entries: [
          entry('1000000000000000002', 'level=error', { structuredMetadata: { detected_level: 'debug' } }),
          entry('999999999999999999', 'INFO started'),
          entry('1000000000000000004', 'GET /healthz 200'),
        ],
      },
    ];
    const lines = flattenStreams(streams, 'backward', 4);
    expect(lines.map((l) => [l.tNs, l.level])).toEqual([
      ['1000000000000000004', null],
      ['1000000000000000003', 'warn'],
      ['1000000000000000002', 'debug'],
      ['1000000000000000001', 'error'],
    ]);
    expect(flattenStreams(streams, 'forward', 1).map((l) => [l.line, l.level])).toEqual([['INFO started', 'info']]);
  });

  it('accepts exporter and API URLs as people paste them', () => {
    expect(splitMetricsUrl('http://h:9400/metrics')).toEqual({ baseUrl: 'http://h:9400', metricsPath: '/metrics' });
    expect(splitMetricsUrl('http://lab/dcgm/metrics')).toEqual({ baseUrl: 'http://lab/dcgm', metricsPath: '/metrics' });
    expect(splitMetricsUrl('http://h:9400')).toEqual({ baseUrl: 'http://h:9400', metricsPath: '/metrics' });
    expect(splitMetricsUrl('http://h:9400/')).toEqual({ baseUrl: 'http://h:9400', metricsPath: '/metrics' });
    expect(splitMetricsUrl('http://h:9400/metrics/')).toEqual({ baseUrl: 'http://h:9400', metricsPath: '/metrics' });
    expect(connectionFor(resolvedSource('loki', 'http://lab/loki/api/v1')).baseUrl).toBe('http://lab');
    expect(connectionFor(resolvedSource('asynqmon', 'https://q.example/prefix/api/')).baseUrl).toBe('https://q.example/prefix');
  });
});
