import { formatDuration } from '../../../shared/domain/response-metrics';
import type { SourceView } from '../../../shared/domain/source-config';
import type { SourceKind } from '../../../shared/domain/sources';
import { METRICS, metricTitle, type SeriesData, type TelemetrySnapshot } from '../../../shared/domain/telemetry';
import { evidenceWindowMin, type EvidenceQuery, type EvidenceReading, type EvidenceUnit } from '../../../shared/playbooks/evidence';
import { formatEvidenceValue, formatTrendDelta } from '../../../shared/playbooks/evidence-format';
import type { TelemetryService } from '../telemetry-service';
import { countRestarts, cumulative, nonNullPoints, thin, valued, type Valued } from './evidence-math';

export interface EvidenceReaderDeps {
  telemetry: Pick<TelemetryService, 'getSeries' | 'getSnapshot'>;
  /** Sources with their health, as the Sources page shows them. */
  sources: () => SourceView[];
  now: () => number;
}

/** Enough points per series for exact counts over a day's window at 5 s polls, downsampled beyond. */
const MAX_POINTS = 2_000;
const SPARK_POINTS = 40;
/** Like the console's data-age rule (renderer/logic/data-age.ts): three missed polls make data stale. */
const MIN_STALE_MS = 5_000;
const LOOK_BACK_MS = 24 * 3_600_000;
/** Two points closer than this are one moment, not a trend ("+4 in 0s" says nothing). */
const MIN_TREND_MS = 5_000;

interface Found {
  value: number;
  unit: EvidenceUnit;
  subject: string | null;
  /** The words after the value: "pending", "in 15m", "mounts failing stat". */
  noun: string;
  trend: EvidenceReading['trend'];
  points: [number, number][];
  dataAt: number;
  sourceIds: number[];
  others: string[];
}

type Outcome = Found | { none: string; metrics: string[] };

interface Env {
  now: number;
  sources: Map<number, SourceView>;
  snapshot: () => TelemetrySnapshot;
}

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
        return this.gauge(
          this.series(METRICS.queueDepth, q, env, pick({ state: 'pending', queue: q.queue })),
          'tasks',
          'pending',
          (l) => l.queue ?? '?',
          [METRICS.queueDepth],
        );
      case 'queue-latency':
        return this.gauge(
          this.series(METRICS.queueLatency, q, env, pick({ queue: q.queue })),
          'seconds',
          'oldest pending',
          (l) => l.queue ?? '?',
          [METRICS.queueLatency],
        );
      case 'gpu-memory':
        return this.gauge(
          this.series(METRICS.gpuMemoryShare, q, env, pick({ node: q.node, gpu: q.gpu })),
          'share',
          'used',
          (l) => `${l.node ?? '?'} GPU ${l.gpu ?? '?'}`,
          [METRICS.gpuMemoryShare],
        );
      case 'fs-saturation':
        return this.gauge(
          this.series(METRICS.fsUsedShare, q, env, pick({ node: q.node, mountpoint: q.mountpoint })),
          'share',
          'used',
          (l) => `${l.node ?? '?'}:${l.mountpoint ?? '?'}`,
          [METRICS.fsUsedShare],
        );
      case 'queue-failed': {
        const series = this.series(METRICS.queueFailedToday, q, env, pick({ queue: q.queue }));
        const per = series.map((s) => ({ s, inc: countRestarts([s], null, 0) }));
        return this.counted(
          series,
          per.map((x) => ({ name: x.s.labels.queue ?? '?', count: x.inc.total })),
          per.flatMap((x) => x.inc.events),
          'count',
          'failed',
          q,
          env,
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
        return this.counted(restarts, counts.byPod, counts.events, 'count', q.kind === 'oom-kills' ? 'OOM kills' : 'restarts', q, env, [
          METRICS.podRestarts,
        ]);
      }
      case 'fs-device-errors': {
        const series = this.series(METRICS.fsDeviceError, q, env, pick({ node: q.node, mountpoint: q.mountpoint }));
        const vals = valued(series);
        if (vals.length === 0) return { none: '', metrics: [METRICS.fsDeviceError] };
        const failing = vals
          .filter((v) => v.last[1] >= 1)
          .map((v) => `${v.series.labels.node ?? '?'}:${v.series.labels.mountpoint ?? '?'}`);
        return {
          value: failing.length,
          unit: 'count',
          subject: failing[0] ?? null,
          noun: failing.length === 1 ? 'mount failing stat' : 'mounts failing stat',
          trend: null,
          points: [],
          dataAt: Math.max(...vals.map((v) => v.last[0])),
          sourceIds: unique(vals.map((v) => v.series.sourceId)),
          others: failing.slice(1, 4),
        };
      }
      case 'error-lines': {
        const all = this.series(METRICS.logErrorLines, q, env, {});
        const series = q.service === undefined ? all : all.filter((s) => s.labels.service === q.service || s.labels.app === q.service);
        const vals = valued(series);
        if (vals.length === 0) return { none: '', metrics: [METRICS.logErrorLines] };
        const name = (v: Valued): string => v.series.labels.service ?? v.series.labels.app ?? v.series.labels.job ?? 'all';
        const sorted = [...vals].sort((a, b) => b.last[1] - a.last[1]);
        const top = sorted[0];
        const total = vals.reduce((n, v) => n + v.last[1], 0);
        return {
          value: total,
          unit: 'lines-per-min',
          subject: vals.length === 1 && top ? name(top) : null,
          noun: 'error lines',
          trend: vals.length === 1 && top ? trendOf(top) : null,
          points: top ? thin(nonNullPoints(top.series.points), SPARK_POINTS) : [],
          dataAt: Math.max(...vals.map((v) => v.last[0])),
          sourceIds: unique(vals.map((v) => v.series.sourceId)),
          others: sorted
            .filter((v) => v.last[1] > 0)
            .slice(0, 3)
            .map((v) => `${name(v)} ${formatEvidenceValue(v.last[1], 'lines-per-min')}`),
        };
      }
      case 'firing-alerts':
        return this.alerts(q, env);
    }
  }

  /** The subject with the highest current value, its trend over the window, and the runners-up. */
  private gauge(
    series: SeriesData[],
    unit: EvidenceUnit,
    noun: string,
    subjectOf: (l: Record<string, string>) => string,
    metrics: string[],
  ): Outcome {
    const vals = valued(series).sort((a, b) => b.last[1] - a.last[1] || a.series.id - b.series.id);
    const top = vals[0];
    if (!top) return { none: '', metrics };
    return {
      value: top.last[1],
      unit,
      subject: subjectOf(top.series.labels),
      noun,
      trend: trendOf(top),
      points: thin(nonNullPoints(top.series.points), SPARK_POINTS),
      dataAt: Math.max(...vals.map((v) => v.last[0])),
      sourceIds: unique(vals.map((v) => v.series.sourceId)),
      others: vals.slice(1, 4).map((v) => `${subjectOf(v.series.labels)} ${formatEvidenceValue(v.last[1], unit)}`),
    };
  }

  private counted(
    series: SeriesData[],
    byName: { name: string; count: number }[],
    events: [number, number][],
    unit: EvidenceUnit,
    noun: string,
    q: EvidenceQuery,
    env: Env,
    metrics: string[],
  ): Outcome {
    const vals = valued(series);
    if (vals.length === 0) return { none: '', metrics };
    const ranked = byName.filter((b) => b.count > 0).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    const total = ranked.reduce((n, b) => n + b.count, 0);
    const fromMs = env.now - evidenceWindowMin(q) * 60_000;
    // Counted over what is stored: when that is less than the window, say so rather than claim the whole window.
    const firstAt = Math.min(...vals.map((v) => v.first[0]));
    const covered = env.now - firstAt;
    const over = covered >= 0.9 * (env.now - fromMs) ? `in ${evidenceWindowMin(q)}m` : `in the ${formatDuration(covered)} stored`;
    return {
      value: total,
      unit,
      subject: null,
      noun: `${noun} ${over}`,
      trend: null,
      points: thin(
        cumulative(
          [...events].sort((a, b) => a[0] - b[0]),
          fromMs,
          env.now,
        ),
        SPARK_POINTS,
      ),
      dataAt: Math.max(...vals.map((v) => v.last[0])),
      sourceIds: unique(vals.map((v) => v.series.sourceId)),
      others: ranked.slice(0, 3).map((b) => `${b.name} ×${b.count}`),
    };
  }

  private alerts(q: EvidenceQuery, env: Env): Outcome {
    const snap = env.snapshot().alerts;
    if (!snap) return { none: 'no Prometheus or Alertmanager source has reported alerts yet', metrics: ['alerts'] };
    const firing = snap.data.filter(
      (a) =>
        a.resolvedAt === null &&
        (q.alert === undefined || a.name === q.alert) &&
        (q.playbook === undefined || a.labels.playbook === q.playbook),
    );
    const names = unique(firing.map((a) => a.name));
    return {
      value: firing.length,
      unit: 'alerts',
      subject: null,
      noun: firing.length === 1 ? 'alert firing' : 'alerts firing',
      trend: null,
      points: [],
      dataAt: snap.at,
      sourceIds: [snap.sourceId],
      others: names.slice(0, 4),
    };
  }

  /** Why there is nothing to show: what was looked for, when it was last stored, which sources that could provide it are down. */
  private whyNothing(metrics: string[], env: Env, none: string): string {
    const kinds = new Set(metrics.flatMap((m) => PROVIDERS[m]?.kinds ?? []));
    const down = [...env.sources.values()].filter((s) => kinds.has(s.kind) && isDown(s));
    const downNote = down.length ? `; ${down.map(downText).join('; ')}` : '';
    if (none !== '') return `${none}${downNote}`;
    const what = metrics.map(metricTitle).join(', ');
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

function trendOf(v: Valued): EvidenceReading['trend'] {
  return v.last[0] - v.first[0] < MIN_TREND_MS ? null : { from: v.first[1], to: v.last[1], fromAt: v.first[0], toAt: v.last[0] };
}

function unitOf(q: EvidenceQuery): EvidenceUnit {
  if (q.kind === 'queue-pending') return 'tasks';
  if (q.kind === 'queue-latency') return 'seconds';
  if (q.kind === 'gpu-memory' || q.kind === 'fs-saturation') return 'share';
  if (q.kind === 'error-lines') return 'lines-per-min';
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

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
