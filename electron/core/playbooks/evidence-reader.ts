import { formatDuration } from '../../../shared/domain/response-metrics';
import type { SourceView } from '../../../shared/domain/source-config';
import type { SourceKind } from '../../../shared/domain/sources';
import { METRICS, metricTitle, type SeriesData, type TelemetrySnapshot } from '../../../shared/domain/telemetry';
import { evidenceWindowMin, type EvidenceQuery, type EvidenceReading, type EvidenceUnit } from '../../../shared/playbooks/evidence';
import { formatEvidenceValue, formatTrendDelta } from '../../../shared/playbooks/evidence-format';
import type { TelemetryService } from '../telemetry/telemetry-service';
import { counted, deviceErrors, errorLines, firingAlerts, gauge, type Outcome } from './evidence-kinds';
import { countRestarts, valued } from './evidence-math';

export interface EvidenceReaderDeps {
  telemetry: Pick<TelemetryService, 'getSeries' | 'getSnapshot'>;
  /** Sources with their health, as the Sources page shows them. */
  sources: () => SourceView[];
  now: () => number;
}

/** Enough points per series for exact counts over a day's window at 5 s polls, downsampled beyond. */
const MAX_POINTS = 2_000;
/** Like the console's data-age rule (renderer/logic/data-age.ts): three missed polls make data stale. */
const MIN_STALE_MS = 5_000;
const LOOK_BACK_MS = 24 * 3_600_000;

interface Env {
  now: number;
  sources: Map<number, SourceView>;
  snapshot: () => TelemetrySnapshot;
}

/**
 * 401 and token-validation failure lines per minute, stored from Loki under this key by the
 * detection domain (its METRICS.logAuthFailures, on its way to main); until a source stores it,
 * the evidence says so.
 */
const AUTH_FAILURES = 'logs.auth_failures';
const TITLES: Readonly<Record<string, string>> = { [AUTH_FAILURES]: '401 / token failure lines' };
const titleOf = (metric: string): string => (metricTitle(metric) === metric ? (TITLES[metric] ?? metric) : metricTitle(metric));

const SCRAPED: SourceKind[] = ['prometheus', 'exporter-scrape'];
/** Which kinds of source can store a metric: to name the relevant ones that are down, and to say what to add when none has. */
const PROVIDERS: Readonly<Record<string, { kinds: SourceKind[]; text: string }>> = {
  [METRICS.queueDepth]: { kinds: ['asynqmon', ...SCRAPED], text: 'AsynqMon, Prometheus or an exporter scrape' },
  [METRICS.queueLatency]: { kinds: ['asynqmon'], text: 'AsynqMon' },
  [METRICS.queueFailedToday]: { kinds: ['asynqmon'], text: 'AsynqMon' },
  [METRICS.gpuMemoryShare]: { kinds: SCRAPED, text: 'Prometheus (DCGM) or a GPU exporter scrape' },
  [METRICS.podRestarts]: { kinds: SCRAPED, text: 'Prometheus (kube-state-metrics) or an exporter scrape' },
  [METRICS.fsUsedShare]: { kinds: SCRAPED, text: 'Prometheus (node_exporter) or an exporter scrape' },
  [METRICS.fsDeviceError]: { kinds: SCRAPED, text: 'Prometheus (node_exporter) or an exporter scrape' },
  [METRICS.logErrorLines]: { kinds: ['loki'], text: 'Loki' },
  [AUTH_FAILURES]: { kinds: ['loki'], text: 'a Loki query counting 401 and token-validation failure lines' },
  alerts: { kinds: ['prometheus', 'alertmanager'], text: 'Prometheus or Alertmanager' },
};

/**
 * Answers evidence queries from the STORED telemetry (TelemetryService, the reads the command view
 * makes), never from an upstream. A reading says how old its data is; when the sources behind it
 * are down, or nothing was stored, it says "no data" with the reason — never a reassuring zero.
 */
export class EvidenceReader {
  constructor(private readonly deps: EvidenceReaderDeps) {}

  read(queries: readonly EvidenceQuery[]): EvidenceReading[] {
    const now = this.deps.now();
    let snapshot: TelemetrySnapshot | null = null;
    const env: Env = {
      now,
      sources: new Map(this.deps.sources().map((s) => [s.id, s])),
      snapshot: () => (snapshot ??= this.deps.telemetry.getSnapshot()),
    };
    return queries.map((q) => this.one(q, env));
  }

  private one(q: EvidenceQuery, env: Env): EvidenceReading {
    const base = { query: q, at: env.now };
    const outcome = this.compute(q, env);
    if ('none' in outcome) {
      const reason = this.whyNothing(outcome.metrics, env, outcome.none);
      return {
        ...base,
        state: 'no-data',
        unit: unitOf(q),
        value: null,
        subject: null,
        text: `no data — ${reason}`,
        trend: null,
        points: [],
        dataAt: null,
        reason,
        others: [],
      };
    }
    const shown = `${formatEvidenceValue(outcome.value, outcome.unit)} ${outcome.noun}`.trim();
    const delta = formatTrendDelta(outcome);
    // The change over the stretch actually stored, not the window asked for: seconds of data are not "in 15m".
    const span = outcome.trend ? formatDuration(outcome.trend.toAt - outcome.trend.fromAt) : '';
    const headline = `${outcome.subject ? `${outcome.subject}: ` : ''}${shown}${delta ? ` (${delta} in ${span})` : ''}`;
    const down = outcome.sourceIds.map((id) => env.sources.get(id)).filter((s): s is SourceView => s !== undefined && isDown(s));
    if (outcome.sourceIds.length > 0 && down.length === outcome.sourceIds.length) {
      const reason = down.map(downText).join('; ');
      return {
        ...base,
        state: 'no-data',
        unit: outcome.unit,
        value: null,
        subject: outcome.subject,
        text: `no data — ${reason}; last stored: ${headline}`,
        trend: null,
        points: outcome.points,
        dataAt: outcome.dataAt,
        reason,
        others: outcome.others,
      };
    }
    const staleAfter = Math.max(MIN_STALE_MS, 3 * Math.max(...outcome.sourceIds.map((id) => env.sources.get(id)?.intervalMs ?? 20_000), 0));
    const stale = env.now - outcome.dataAt > staleAfter;
    return {
      ...base,
      state: stale ? 'stale' : 'ok',
      unit: outcome.unit,
      value: outcome.value,
      subject: outcome.subject,
      text: headline,
      trend: outcome.trend,
      points: outcome.points,
      dataAt: outcome.dataAt,
      reason: stale ? 'the newest stored data is older than three polls' : null,
      others: outcome.others,
    };
  }

  private series(metric: string, q: EvidenceQuery, env: Env, match: Record<string, string>, fromMs?: number): SeriesData[] {
    const from = fromMs ?? env.now - evidenceWindowMin(q) * 60_000;
    return this.deps.telemetry.getSeries({ metric, fromMs: from, toMs: env.now, maxPoints: MAX_POINTS, match }).series;
  }

  private compute(q: EvidenceQuery, env: Env): Outcome {
    switch (q.kind) {
      case 'queue-pending':
        return gauge(
          this.series(METRICS.queueDepth, q, env, pick({ state: 'pending', queue: q.queue })),
          'tasks',
          'pending',
          (l) => l.queue ?? '?',
          [METRICS.queueDepth],
        );
      case 'queue-latency':
        return gauge(
          this.series(METRICS.queueLatency, q, env, pick({ queue: q.queue })),
          'seconds',
          'oldest pending',
          (l) => l.queue ?? '?',
          [METRICS.queueLatency],
        );
      case 'gpu-memory':
        return gauge(
          this.series(METRICS.gpuMemoryShare, q, env, pick({ node: q.node, gpu: q.gpu })),
          'share',
          'used',
          (l) => `${l.node ?? '?'} GPU ${l.gpu ?? '?'}`,
          [METRICS.gpuMemoryShare],
        );
      case 'fs-saturation':
        return gauge(
          this.series(METRICS.fsUsedShare, q, env, pick({ node: q.node, mountpoint: q.mountpoint })),
          'share',
          'used',
          (l) => `${l.node ?? '?'}:${l.mountpoint ?? '?'}`,
          [METRICS.fsUsedShare],
        );
      case 'queue-failed': {
        const series = this.series(METRICS.queueFailedToday, q, env, pick({ queue: q.queue }));
        const per = series.map((s) => ({ s, inc: countRestarts([s], null, 0) }));
        return counted(
          series,
          per.map((x) => ({ name: x.s.labels.queue ?? '?', count: x.inc.total })),
          per.flatMap((x) => x.inc.events),
          'count',
          'failed',
          evidenceWindowMin(q),
          env.now,
          [METRICS.queueFailedToday],
        );
      }
      case 'restarts':
      case 'oom-kills': {
        const match = pick({ namespace: q.namespace, pod: q.pod });
        const restarts = this.series(METRICS.podRestarts, q, env, match);
        const flags = q.kind === 'oom-kills' ? this.series(METRICS.podLastOom, q, env, match) : null;
        // The flag may be read a poll later than the counter moved.
        const counts = countRestarts(restarts, flags, 60_000);
        return counted(
          restarts,
          counts.byPod,
          counts.events,
          'count',
          q.kind === 'oom-kills' ? 'OOM kills' : 'restarts',
          evidenceWindowMin(q),
          env.now,
          [METRICS.podRestarts],
        );
      }
      case 'fs-device-errors':
        return deviceErrors(this.series(METRICS.fsDeviceError, q, env, pick({ node: q.node, mountpoint: q.mountpoint })));
      case 'error-lines':
        return errorLines(this.series(METRICS.logErrorLines, q, env, {}), q.service, METRICS.logErrorLines, 'error lines');
      case 'auth-failures':
        return errorLines(this.series(AUTH_FAILURES, q, env, {}), q.service, AUTH_FAILURES, '401 / token failures');
      case 'firing-alerts':
        return firingAlerts(env.snapshot(), q);
    }
  }

  /** Why there is nothing to show: what was looked for, when it was last stored, which sources that could provide it are down. */
  private whyNothing(metrics: string[], env: Env, none: string): string {
    const kinds = new Set(metrics.flatMap((m) => PROVIDERS[m]?.kinds ?? []));
    const down = [...env.sources.values()].filter((s) => kinds.has(s.kind) && isDown(s));
    const downNote = down.length ? `; ${down.map(downText).join('; ')}` : '';
    if (none !== '') return `${none}${downNote}`;
    const what = metrics.map(titleOf).join(', ');
    const older = metrics.flatMap((m) =>
      valued(this.deps.telemetry.getSeries({ metric: m, fromMs: env.now - LOOK_BACK_MS, toMs: env.now, maxPoints: 10, match: {} }).series),
    );
    if (older.length > 0) {
      const newest = Math.max(...older.map((v) => v.last[0]));
      return `no ${what} stored in the window (the newest is ${formatDuration(env.now - newest)} old)${downNote}`;
    }
    const up = [...env.sources.values()].filter((s) => kinds.has(s.kind) && !isDown(s));
    if (up.length > 0) {
      const names = up.map((s) => s.name).join(', ');
      return `no ${what} stored yet: ${names} ${up.length === 1 ? 'has' : 'have'} not returned any so far (a first poll, or queries that match nothing)${downNote}`;
    }
    const provider = PROVIDERS[metrics[0] ?? '']?.text ?? 'a source';
    return down.length
      ? `no ${what} stored yet${downNote}`
      : `no source has stored ${what} yet (${provider} provides it; add one under Sources)`;
  }
}

function unitOf(q: EvidenceQuery): EvidenceUnit {
  if (q.kind === 'queue-pending') return 'tasks';
  if (q.kind === 'queue-latency') return 'seconds';
  if (q.kind === 'gpu-memory' || q.kind === 'fs-saturation') return 'share';
  if (q.kind === 'error-lines' || q.kind === 'auth-failures') return 'lines-per-min';
  if (q.kind === 'firing-alerts') return 'alerts';
  return 'count';
}

function isDown(s: SourceView): boolean {
  return !s.enabled || s.health.state === 'down';
}

function downText(s: SourceView): string {
  if (!s.enabled) return `${s.name} is switched off`;
  return `${s.name} is down${s.health.lastError ? ` (${s.health.lastError.message})` : ''}`;
}

function pick(labels: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (v !== undefined) out[k] = v;
  return out;
}
