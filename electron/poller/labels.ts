import { METRICS, QUEUE_STATES } from '../../shared/domain/telemetry';
import { gpuModelOf, gpuOf, nodeOf, workloadContainerOf, workloadNamespaceOf, workloadPodOf } from '../sources/gpu-labels';
import type { Labels } from '../sources/samples';
import type { CollectedSample } from './types';

/**
 * Label conventions of METRICS (shared/domain/telemetry.ts), applied to whatever an upstream sent,
 * so a DCGM scrape and a PromQL query land in the same series.
 */

export function gpuLabels(labels: Labels): Labels {
  const out: Labels = { node: nodeOf(labels), gpu: gpuOf(labels) };
  const model = gpuModelOf(labels);
  if (model !== undefined) out['model'] = model;
  return out;
}

// Hoisted: an array literal in a shaper allocates on every sample of every poll.
const QUEUE = ['queue'] as const;
const QUEUE_STATE = ['queue', 'state'] as const;
const MOUNT = ['mountpoint'] as const;
const MOUNT_FSTYPE = ['mountpoint', 'fstype'] as const;
const SERVICE_CODE = ['service', 'code'] as const;
const PROVIDER = ['provider'] as const;

function pick(labels: Labels, names: readonly string[], out: Labels = {}): Labels {
  for (const name of names) {
    const value = labels[name];
    if (value !== undefined && value !== '') out[name] = value;
  }
  return out;
}

function podLabels(labels: Labels): Labels {
  const out: Labels = {};
  const namespace = workloadNamespaceOf(labels);
  const pod = workloadPodOf(labels);
  const container = workloadContainerOf(labels);
  if (namespace !== undefined) out['namespace'] = namespace;
  if (pod !== undefined) out['pod'] = pod;
  if (container !== undefined) out['container'] = container;
  return out;
}

type Shaper = (labels: Labels) => Labels | null;

const QUEUE_STATE_SET: ReadonlySet<string> = new Set(QUEUE_STATES);

/** Known metric keys and the labels that identify their series; anything else is dropped. */
const SHAPERS: Readonly<Record<string, Shaper>> = {
  [METRICS.gpuMemoryShare]: gpuLabels,
  [METRICS.nodeGpuMemoryShare]: (l) => ({ node: nodeOf(l) }),
  // asynq also counts `completed`, which is not depth: METRICS lists the five states a queue can back up in.
  [METRICS.queueDepth]: (l) => (QUEUE_STATE_SET.has(l['state'] ?? '') ? pick(l, QUEUE_STATE) : null),
  [METRICS.queueLatency]: (l) => pick(l, QUEUE),
  [METRICS.queueProcessedToday]: (l) => pick(l, QUEUE),
  [METRICS.queueFailedToday]: (l) => pick(l, QUEUE),
  [METRICS.queuePaused]: (l) => pick(l, QUEUE),
  [METRICS.podRestarts]: podLabels,
  [METRICS.podLastOom]: podLabels,
  [METRICS.fsUsedShare]: (l) => pick(l, MOUNT_FSTYPE, { node: nodeOf(l) }),
  [METRICS.fsDeviceError]: (l) => pick(l, MOUNT, { node: nodeOf(l) }),
  [METRICS.gatewayRequests]: (l) => pick(l, SERVICE_CODE),
  [METRICS.authTokenFailures]: (l) => pick(l, PROVIDER),
  [METRICS.authProviderUp]: (l) => pick(l, PROVIDER),
  [METRICS.logErrorLines]: serviceOf,
  [METRICS.gpuXid]: gpuLabels,
  [METRICS.nodeReady]: (l) => ({ node: nodeOf(l) }),
};

/**
 * Error lines are stored per `service`, whichever stream label the query grouped by (`sum by (app)`,
 * `sum by (service_name)`): one grouping label is the service. Several are kept as they are.
 */
function serviceOf(labels: Labels): Labels {
  const service = labels['service'];
  if (service !== undefined && service !== '') return { service };
  const names = Object.keys(labels).filter((k) => k !== '__name__');
  if (names.length !== 1) return withoutName(labels);
  const value = labels[names[0] as string] ?? '';
  return value === '' ? {} : { service: value };
}

const SCRAPE_LABELS = ['instance', 'job'] as const;

/** Sorted `name="value"` pairs: the identity of a label set, whatever order it arrived in. */
export function labelKey(labels: Labels): string {
  const names = Object.keys(labels).sort();
  let key = '{';
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i] as string;
    key += `${i === 0 ? '' : ','}${name}=${JSON.stringify(labels[name])}`;
  }
  return `${key}}`;
}

/** Identity of a label set for de-duplication within one answer: like labelKey, without quoting (hot path). */
export function seriesKey(labels: Labels): string {
  const names = Object.keys(labels);
  if (names.length > 1) names.sort();
  let key = '';
  for (const name of names) key += `${name}\u0000${labels[name] as string}\u0001`;
  return key;
}

function withoutName(labels: Labels): Labels {
  if (!('__name__' in labels)) return labels;
  const { __name__: _name, ...rest } = labels;
  return rest;
}

function withoutScrape(labels: Labels): Labels {
  const out: Labels = {};
  for (const [k, v] of Object.entries(labels)) if (k !== 'instance' && k !== 'job') out[k] = v;
  return out;
}

export interface RawSeries {
  labels: Labels;
  value: number;
}

/**
 * Hands each stored series of one query's answer to `keep` with its stored labels, in order; dropped
 * series are skipped. Known metrics keep their documented labels and drop duplicates (a GPU shared by
 * two pods is exported once per pod, with the same value); other metrics keep their labels minus
 * `__name__`, and minus `instance`/`job` unless two series differ only there.
 * The one shaping routine of polls (toSamples) and backfill: known metrics, the usual case, take a
 * single pass without intermediate arrays, since this runs for every query of every poll.
 */
export function shapeSeries<T extends { labels: Labels }>(
  metric: string,
  series: readonly T[],
  keep: (labels: Labels, s: T, index: number) => void,
): void {
  const shaper = SHAPERS[metric];
  const generic = shaper ? undefined : genericLabels(series);
  const seen = new Set<string>();
  for (let i = 0; i < series.length; i += 1) {
    const s = series[i] as T;
    const labels = shaper ? shaper(s.labels) : (generic?.[i] as Labels);
    if (labels === null) continue;
    const key = seriesKey(labels);
    if (seen.has(key)) continue;
    seen.add(key);
    keep(labels, s, i);
  }
}

/** Unknown metrics: whether instance/job can go depends on the whole answer, so it is decided first. */
function genericLabels(series: readonly { labels: Labels }[]): Labels[] {
  const named = series.map((s) => withoutName(s.labels));
  if (!named.some((l) => SCRAPE_LABELS.some((n) => n in l))) return named;
  const bare = named.map(withoutScrape);
  return new Set(bare.map(seriesKey)).size === bare.length ? bare : named;
}

/** One query's instant answer as samples of `metric`, all at the poll time. */
export function toSamples(metric: string, series: readonly RawSeries[], tMs: number): CollectedSample[] {
  const out: CollectedSample[] = [];
  shapeSeries(metric, series, (labels, s) => {
    out.push({ metric, labels, tMs, value: s.value });
  });
  return out;
}
