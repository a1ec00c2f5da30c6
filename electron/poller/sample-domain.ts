import { METRICS, metricTitle, type GpuStat, type QueueStat } from '../../shared/domain/telemetry';
import { SourceError } from '../sources/source-error';
import { labelKey } from './labels';
import type { CollectedSample, Collection } from './types';

/**
 * What a stored number may be. An upstream that sends +Inf, 1e999, a share of -5 or a queue depth of
 * 1e15 is wrong, and what it sends is not stored or shown as if it were real: the value is dropped and
 * the source reads degraded, saying which series and why. NaN stays a gap where it can mean something
 * (0/0 on an idle GPU is information, not an error); a count (lines, tasks, restarts) is never NaN, so
 * a NaN count is refused like an impossible one.
 */
export interface Domain {
  min: number;
  max: number;
  /** How the range reads in a message: "0–1", "0–1,000,000,000". */
  range: string;
  /** NaN is refused rather than kept as a gap. */
  refuseNaN?: boolean;
}

/** Why a value does not belong to its metric's domain. */
export type Implausible = 'not a number' | 'not finite' | 'out of range';

/** Float tolerance on shares: used/total computed upstream can land a hair outside 0..1. */
const SHARE_EPSILON = 1e-6;
/** Tasks, restarts, lines: far above any real queue, far below 1e15. */
export const MAX_COUNT = 1e9;
/** MiB of one GPU's framebuffer: today's largest are under 200 GiB (204,800 MiB). */
export const MAX_GPU_MIB = 1e7;
/** Seconds a task may have waited: ten years. */
const MAX_LATENCY_S = 10 * 365 * 86_400;

const share: Domain = { min: -SHARE_EPSILON, max: 1 + SHARE_EPSILON, range: '0–1' };
const count: Domain = { min: 0, max: MAX_COUNT, range: '0–1,000,000,000', refuseNaN: true };
const flag: Domain = { min: 0, max: 1, range: '0–1' };
const latency: Domain = { min: 0, max: MAX_LATENCY_S, range: '0–10 years in seconds' };
/** A user's own metric: any finite number. */
const anyFinite: Domain = { min: -Number.MAX_VALUE, max: Number.MAX_VALUE, range: 'finite numbers' };

export const METRIC_DOMAINS: Readonly<Record<string, Domain>> = {
  [METRICS.gpuMemoryShare]: share,
  [METRICS.nodeGpuMemoryShare]: share,
  [METRICS.fsUsedShare]: share,
  [METRICS.queueDepth]: count,
  [METRICS.queueProcessedToday]: count,
  [METRICS.queueFailedToday]: count,
  [METRICS.queuePaused]: flag,
  [METRICS.queueLatency]: latency,
  [METRICS.podRestarts]: count,
  [METRICS.podLastOom]: flag,
  [METRICS.fsDeviceError]: flag,
  [METRICS.logErrorLines]: count,
  // 401 / token-failure lines per minute: the key the playbooks' evidence reads (detection stores it from Loki).
  'logs.auth_failures': count,
};

export function domainOf(metric: string): Domain {
  return METRIC_DOMAINS[metric] ?? anyFinite;
}

/** Why a value does not belong, or null when it does (NaN does, as a gap, unless its domain refuses it). */
export function implausible(value: number, domain: Domain): Implausible | null {
  if (Number.isNaN(value)) return domain.refuseNaN ? 'not a number' : null;
  if (!Number.isFinite(value)) return 'not finite';
  return value < domain.min || value > domain.max ? 'out of range' : null;
}

/** Shares a hair outside 0..1 are float noise, stored as the bound they meant. */
function clampShare(value: number, domain: Domain): number {
  return domain === share ? Math.min(1, Math.max(0, value)) : value;
}

function shown(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return Math.abs(value) >= 1e9 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(2) : String(value);
}

/** Refusals grouped by what and why, so one poll says "3 GPU memory values out of range" once. */
class Refusals {
  private readonly groups = new Map<string, { what: string; why: string; range: string; count: number; example: string }>();

  add(what: string, why: Implausible, range: string, example: string): void {
    const key = `${what}\u0000${why}`;
    const g = this.groups.get(key);
    if (g) g.count += 1;
    else this.groups.set(key, { what, why, range, count: 1, example });
  }

  errors(sourceName: string): SourceError[] {
    return [...this.groups.values()].map(({ what, why, range, count, example }) => {
      const reason =
        why === 'not finite'
          ? 'not finite (±Inf)'
          : why === 'not a number'
            ? 'not a number (NaN, which a count never is)'
            : `out of range ${range}`;
      return new SourceError(
        'malformed',
        `${count} ${what} value${count === 1 ? '' : 's'} ${reason} from ${sourceName}, not stored (e.g. ${example})`,
      );
    });
  }
}

/** "Queue depth" → "queue depth" mid-sentence; "GPU memory used" keeps its acronym. */
function inSentence(title: string): string {
  return /^[A-Z][a-z]/.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title;
}

function sampleExample(s: CollectedSample): string {
  const labels = labelKey(s.labels).slice(1, -1);
  return `${labels === '' ? '' : `${labels}: `}${shown(s.value)}`;
}

function checkSamples(
  samples: readonly CollectedSample[],
  refusals: Refusals,
  dropped: (s: CollectedSample) => boolean,
): CollectedSample[] {
  const kept: CollectedSample[] = [];
  for (const s of samples) {
    if (dropped(s)) continue;
    const domain = domainOf(s.metric);
    const why = implausible(s.value, domain);
    // Only a share a hair outside 0..1 is copied (clamped); every other sample is kept as it came.
    if (why === null) kept.push(domain === share && (s.value < 0 || s.value > 1) ? { ...s, value: clampShare(s.value, domain) } : s);
    else refusals.add(inSentence(metricTitle(s.metric)), why, domain.range, sampleExample(s));
  }
  return kept;
}

const QUEUE_COUNTS = ['pending', 'active', 'scheduled', 'retry', 'archived', 'processedToday', 'failedToday'] as const;

/** The queue's first field outside its domain, as "active -1", or null. */
function badQueueField(q: QueueStat): { field: string; value: number; why: Implausible; range: string } | null {
  for (const field of QUEUE_COUNTS) {
    const value = q[field];
    // null: the source does not report the daily counters (asynq's Prometheus metrics), not a bad value.
    if (value === null) continue;
    const why = implausible(value, count);
    if (why) return { field, value, why, range: count.range };
  }
  const why = implausible(q.latencyMs / 1000, latency);
  return why ? { field: 'latency', value: q.latencyMs, why, range: latency.range } : null;
}

/** Framebuffer numbers a GPU can have: both within 0..MAX_GPU_MIB, used within total. */
export function plausibleGpuMemory(usedMiB: number, totalMiB: number): boolean {
  return (
    Number.isFinite(usedMiB) && Number.isFinite(totalMiB) && usedMiB >= 0 && totalMiB >= 0 && totalMiB <= MAX_GPU_MIB && usedMiB <= totalMiB
  );
}

/** "Prometheus "prod"", "the exporter "lab"": how a refusal names where the values came from. */
export function sourceLabel(kind: string, name: string): string {
  const kinds: Record<string, string> = {
    prometheus: 'Prometheus',
    asynqmon: 'AsynqMon',
    loki: 'Loki',
    alertmanager: 'Alertmanager',
    'exporter-scrape': 'the exporter',
  };
  return `${kinds[kind] ?? kind} "${name}"`;
}

/** The GPU's first number outside its domain, or null. Used must fit in total. */
function badGpuField(g: GpuStat): { field: string; value: number; why: Implausible; range: string } | null {
  const mib: Domain = { min: 0, max: MAX_GPU_MIB, range: '0–10,000,000 MiB' };
  for (const field of ['usedMiB', 'totalMiB'] as const) {
    const why = implausible(g[field], mib);
    if (why) return { field, value: g[field], why, range: mib.range };
  }
  if (g.usedMiB > g.totalMiB) return { field: 'usedMiB', value: g.usedMiB, why: 'out of range', range: `0–${g.totalMiB} MiB (its total)` };
  if (g.share !== null) {
    const why = implausible(g.share, share);
    if (why) return { field: 'share', value: g.share, why, range: share.range };
  }
  return null;
}

/**
 * The collection with every implausible value taken out, and one error per kind of refusal for the
 * source's health. A queue or GPU with a bad number leaves the snapshot whole (its other numbers came
 * from the same broken answer), and so do the samples built from it.
 */
export function guardCollection(collection: Collection, sourceName: string): { collection: Collection; refused: SourceError[] } {
  const refusals = new Refusals();
  const badQueues = new Set<string>();
  const badGpus = new Set<string>();
  let queues = collection.queues;
  if (queues) {
    queues = queues.filter((q) => {
      const bad = badQueueField(q);
      if (!bad) return true;
      badQueues.add(q.queue);
      refusals.add(`queue ${bad.field}`, bad.why, bad.range, `queue="${q.queue}": ${shown(bad.value)}`);
      return false;
    });
  }
  let gpus = collection.gpus;
  if (gpus) {
    gpus = gpus.filter((g) => {
      const bad = badGpuField(g);
      if (!bad) return true;
      badGpus.add(`${g.node}\u0000${g.gpu}`);
      refusals.add(
        `GPU memory ${bad.field === 'share' ? 'share' : 'MiB'}`,
        bad.why,
        bad.range,
        `node="${g.node}",gpu="${g.gpu}": ${shown(bad.value)}`,
      );
      return false;
    });
  }
  const fromBadSnapshot = (s: CollectedSample): boolean =>
    (badQueues.size > 0 && s.metric.startsWith('queue.') && badQueues.has(s.labels['queue'] ?? '')) ||
    (badGpus.size > 0 && s.metric === METRICS.gpuMemoryShare && badGpus.has(`${s.labels['node'] ?? ''}\u0000${s.labels['gpu'] ?? ''}`));
  const samples = checkSamples(collection.samples, refusals, fromBadSnapshot);
  const out: Collection = { ...collection, samples };
  if (queues) out.queues = queues;
  if (gpus) out.gpus = gpus;
  return { collection: out, refused: refusals.errors(sourceName) };
}

/** Backfilled history through the same domains. */
export function guardSamples(
  samples: readonly CollectedSample[],
  sourceName: string,
): { samples: CollectedSample[]; refused: SourceError[] } {
  const refusals = new Refusals();
  const kept = checkSamples(samples, refusals, () => false);
  return { samples: kept, refused: refusals.errors(sourceName) };
}
