import { mean, median, quantileSorted } from 'simple-statistics';
import type { IncidentTimes } from '../../../shared/domain/incident';
import type {
  CountBucket,
  MetricExclusion,
  MetricFigure,
  MetricGroup,
  MetricId,
  MetricSample,
  MetricsReport,
  MetricWindow,
} from '../../../shared/domain/incident-metrics';
import { responseMetrics } from '../../../shared/domain/response-metrics';
import { SEVERITIES, type Severity } from '../../../shared/domain/severity';
import type { IncidentType } from '../../store/metrics/incident-types';
import type { MetricIncident } from '../../store/metrics/metrics-reads';

const DAY_MS = 86_400_000;

type Measure = { ok: true; valueMs: number; basis: string } | { ok: false; reason: string };

interface MetricDef {
  short: string;
  label: string;
  formula: string;
  measure: (i: MetricIncident) => Measure;
}

function startOf(t: IncidentTimes): { at: number; name: string } {
  if (t.impactStartedAt !== null) return { at: t.impactStartedAt, name: 'impact start' };
  if (t.detectedAt !== null) return { at: t.detectedAt, name: 'detected' };
  return { at: t.declaredAt, name: 'declared' };
}

function nonNegative(valueMs: number, basis: string, negative: string): Measure {
  return valueMs < 0 ? { ok: false, reason: negative } : { ok: true, valueMs, basis };
}

/**
 * The per-incident durations are the ones every report prints (shared/domain/response-metrics.ts),
 * so a figure here is the median of numbers the user can find on each incident. What a duration
 * needs and is missing makes the incident excluded, with the reason; it is never a zero.
 */
const RESPONSE_DEFS: Readonly<Record<Exclude<MetricId, 'mtbf'>, MetricDef>> = {
  mttd: {
    short: 'MTTD',
    label: 'Time to detect',
    formula: responseMetrics(emptyTimes()).find((m) => m.id === 'ttd')?.formula ?? '',
    measure: (i) => {
      const t = i.times;
      if (t.impactStartedAt === null) return { ok: false, reason: 'no impact start recorded' };
      if (t.detectedAt === null) return { ok: false, reason: 'no detection time recorded' };
      return nonNegative(t.detectedAt - t.impactStartedAt, 'detected − impact start', 'detected before the recorded impact start');
    },
  },
  mtta: {
    short: 'MTTA',
    label: 'Time to acknowledge',
    formula: responseMetrics(emptyTimes()).find((m) => m.id === 'tta')?.formula ?? '',
    measure: (i) => {
      const t = i.times;
      if (t.acknowledgedAt === null) return { ok: false, reason: 'not acknowledged' };
      const from = t.detectedAt ?? t.declaredAt;
      return nonNegative(
        t.acknowledgedAt - from,
        `acknowledged − ${t.detectedAt === null ? 'declared' : 'detected'}`,
        'acknowledged before it was detected',
      );
    },
  },
  mttr: {
    short: 'MTTR',
    label: 'Time to resolve',
    formula: responseMetrics(emptyTimes()).find((m) => m.id === 'ttr')?.formula ?? '',
    measure: (i) => {
      const t = i.times;
      if (t.resolvedAt === null) return { ok: false, reason: 'not resolved yet' };
      const start = startOf(t);
      return nonNegative(t.resolvedAt - start.at, `resolved − ${start.name}`, `resolved before its ${start.name}`);
    },
  },
};

function emptyTimes(): IncidentTimes {
  return { impactStartedAt: 0, detectedAt: 0, declaredAt: 0, acknowledgedAt: 0, mitigatedAt: 0, resolvedAt: 0, closedAt: 0 };
}

export const MTBF_FORMULA = 'start of an incident − start of the one before it (start = impact start, or detected, or declared)';

function figure(
  metric: MetricId,
  def: Pick<MetricDef, 'short' | 'label' | 'formula'>,
  samples: MetricSample[],
  excluded: MetricExclusion[],
): MetricFigure {
  const values = samples.map((s) => s.valueMs).sort((a, b) => a - b);
  const n = values.length;
  return {
    metric,
    short: def.short,
    label: def.label,
    formula: def.formula,
    n,
    medianMs: n ? median(values) : null,
    p90Ms: n ? quantileSorted(values, 0.9) : null,
    meanMs: n ? mean(values) : null,
    samples,
    excluded,
  };
}

function responseFigure(metric: Exclude<MetricId, 'mtbf'>, incidents: readonly MetricIncident[]): MetricFigure {
  const def = RESPONSE_DEFS[metric];
  const samples: MetricSample[] = [];
  const excluded: MetricExclusion[] = [];
  for (const i of incidents) {
    const m = def.measure(i);
    if (m.ok) samples.push({ incidentId: i.id, ref: i.ref, title: i.title, valueMs: m.valueMs, basis: m.basis });
    else excluded.push({ incidentId: i.id, ref: i.ref, title: i.title, reason: m.reason });
  }
  return figure(metric, def, samples, excluded);
}

/** Gaps between consecutive incident starts within the group; the first has nothing before it to measure from. */
function mtbfFigure(incidents: readonly MetricIncident[]): MetricFigure {
  const ordered = [...incidents].sort((a, b) => startOf(a.times).at - startOf(b.times).at || a.id - b.id);
  const samples: MetricSample[] = [];
  const excluded: MetricExclusion[] = [];
  ordered.forEach((i, k) => {
    const prev = ordered[k - 1];
    if (!prev) {
      excluded.push({
        incidentId: i.id,
        ref: i.ref,
        title: i.title,
        reason: 'first incident in the window: no earlier one to measure from',
      });
      return;
    }
    samples.push({
      incidentId: i.id,
      ref: i.ref,
      title: i.title,
      valueMs: startOf(i.times).at - startOf(prev.times).at,
      basis: `since ${prev.ref}`,
    });
  });
  return figure('mtbf', { short: 'MTBF', label: 'Time between failures', formula: MTBF_FORMULA }, samples, excluded);
}

function group(key: string, label: string, incidents: readonly MetricIncident[]): MetricGroup {
  return {
    key,
    label,
    incidents: incidents.length,
    figures: [
      responseFigure('mttd', incidents),
      responseFigure('mtta', incidents),
      responseFigure('mttr', incidents),
      mtbfFigure(incidents),
    ],
  };
}

/** Week buckets start on Monday 00:00 UTC, month buckets on the 1st. */
function bucketStart(ms: number, bucket: 'week' | 'month'): number {
  const d = new Date(ms);
  if (bucket === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return day - ((d.getUTCDay() + 6) % 7) * DAY_MS;
}

function nextBucket(start: number, bucket: 'week' | 'month'): number {
  if (bucket === 'week') return start + 7 * DAY_MS;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

function counts(incidents: readonly MetricIncident[], fromMs: number, toMs: number, bucket: 'week' | 'month'): CountBucket[] {
  const out: CountBucket[] = [];
  for (let start = bucketStart(fromMs, bucket); start <= toMs; start = nextBucket(start, bucket)) {
    const end = nextBucket(start, bucket);
    const inside = incidents.filter((i) => i.times.declaredAt >= start && i.times.declaredAt < end);
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, inside.filter((i) => i.severity === s).length])) as Record<
      Severity,
      number
    >;
    out.push({ startMs: start, endMs: end, total: inside.length, bySeverity });
  }
  return out;
}

/**
 * Metrics over the incidents declared in the last `windowDays` days. `types` names the playbooks
 * (incident types) each incident ran; an incident may have several and counts in each.
 */
export function computeMetrics(
  all: readonly MetricIncident[],
  types: ReadonlyMap<number, readonly IncidentType[]>,
  windowDays: MetricWindow,
  nowMs: number,
): MetricsReport {
  const fromMs = nowMs - windowDays * DAY_MS;
  const incidents = all.filter((i) => i.times.declaredAt >= fromMs && i.times.declaredAt <= nowMs);
  const byType = new Map<string, { label: string; members: MetricIncident[] }>();
  const untyped: MetricIncident[] = [];
  for (const i of incidents) {
    const its = types.get(i.id) ?? [];
    if (its.length === 0) untyped.push(i);
    for (const t of its) {
      const g = byType.get(t.id) ?? { label: t.label, members: [] };
      g.members.push(i);
      byType.set(t.id, g);
    }
  }
  const typeGroups = [...byType.entries()]
    .sort((a, b) => b[1].members.length - a[1].members.length || a[1].label.localeCompare(b[1].label))
    .map(([id, g]) => group(id, g.label, g.members));
  const anyTyped = incidents.some((i) => (types.get(i.id) ?? []).length > 0);
  if (anyTyped && untyped.length) typeGroups.push(group('untyped', 'No playbook attached', untyped));
  const bucket = windowDays > 90 ? 'month' : 'week';
  return {
    windowDays,
    fromMs,
    toMs: nowMs,
    incidents: incidents.length,
    overall: group('all', 'All incidents', incidents),
    bySeverity: SEVERITIES.map((s) =>
      group(
        s,
        s,
        incidents.filter((i) => i.severity === s),
      ),
    ),
    byType: typeGroups,
    typeNote: anyTyped
      ? 'An incident’s type is the playbook it ran (besides the first-response and post-incident checklists); an incident with several counts under each.'
      : 'No incident in this window has a playbook attached, so there is no breakdown by incident type yet.',
    bucket,
    counts: counts(incidents, fromMs, nowMs, bucket),
    method:
      `Incidents declared from ${new Date(fromMs).toISOString().slice(0, 10)} to ${new Date(nowMs).toISOString().slice(0, 10)} (UTC). ` +
      'Median and p90 (linear interpolation between the nearest ranks, as numpy’s default) with the sample size n; the mean beside them. ' +
      'An incident missing a time a metric needs is listed as excluded with the reason, never counted as zero.',
  };
}
