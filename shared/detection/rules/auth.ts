import { METRICS } from '../../domain/telemetry';
import { answeringWriters, dur, freshSeries, indexFrom, last, newestAt, noData, typicalStep, uniq } from '../series';
import type { DetectionSettings } from '../settings';
import type { DetectionFrame, EvidenceItem, FrameSeries, RuleOutcome } from '../types';

type Settings = DetectionSettings['rules']['auth-outage'];

const TITLE = 'Auth / Keycloak / AD';
/** What a series is about, from whichever label the log query grouped by. */
export function serviceOf(labels: Readonly<Record<string, string>>): string {
  return labels['service'] ?? labels['app'] ?? labels['container'] ?? labels['job'] ?? labels['namespace'] ?? 'all services';
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function baselineOf(s: FrameSeries, fromMs: number, toMs: number): number {
  const values: number[] = [];
  for (let i = indexFrom(s, fromMs); i < s.t.length && (s.t[i] as number) < toMs; i += 1) {
    const v = s.v[i];
    if (v !== null && v !== undefined && Number.isFinite(v)) values.push(v);
  }
  return median(values);
}

/** Index of the first point of the run at or above `threshold` that ends at the newest point. */
function runStart(s: FrameSeries, threshold: number): number {
  let start = s.t.length;
  for (let i = s.t.length - 1; i >= 0; i -= 1) {
    const v = s.v[i];
    if (v === null || v === undefined || v < threshold) break;
    start = i;
  }
  return start;
}

/**
 * Incident playbook, "Auth / Keycloak / AD Issues: users cannot login, token validation failures, UI
 * works but API rejects requests". Fires on a surge of 401 / token-error log lines per minute (the
 * Loki query stored as logs.auth_failures): at least `minPerMin`, and `surgeFactor` times the service's
 * median before the surge began, so a steady trickle of expired tokens stays quiet. The baseline is
 * taken before the run of raised minutes, so an outage does not become its own baseline; a run older
 * than the whole baseline window is the new normal. Loki stores nothing for a minute without a
 * matching line, so no points before the run read as a quiet baseline — a trickle already running
 * when Pitwall first starts can be suggested once (dismiss it, or raise minPerMin).
 */
export function authRule(frame: DetectionFrame, settings: Settings, staleMs: number): RuleOutcome {
  const series = freshSeries(frame.series[METRICS.logAuthFailures] ?? [], frame.now, staleMs);
  if (series.length === 0 && answeringWriters(frame, METRICS.logAuthFailures).length > 0) {
    // Loki answers a count over no matching line with no series at all: that is zero, from a source that answered.
    return {
      status: { rule: 'auth-outage', title: TITLE, state: 'clear', detail: 'No 401 or token-error lines.', dataAt: null },
      findings: [],
    };
  }
  if (series.length === 0) {
    return {
      status: noData(
        frame,
        'auth-outage',
        TITLE,
        [METRICS.logAuthFailures],
        'add a Loki source; its "Auth failure lines" query counts 401 and token errors',
      ),
      findings: [],
    };
  }
  const baseFrom = frame.now - settings.baselineMin * 60_000;
  const surges: { service: string; s: FrameSeries; rate: number; baseline: number; since: number }[] = [];
  let top = { service: '', rate: 0 };
  for (const s of series) {
    const now = last(s);
    if (!now) continue;
    const service = serviceOf(s.labels);
    if (now.v > top.rate) top = { service, rate: now.v };
    if (now.v < settings.minPerMin) continue;
    // The surge began where the minutes rose above what a quiet service shows (the ramp of a [1m] count included).
    const start = runStart(s, Math.max(1, settings.minPerMin / settings.surgeFactor));
    const since = s.t[start] as number;
    if (since <= baseFrom + typicalStep(s)) continue;
    const baseline = baselineOf(s, baseFrom, since);
    if (now.v >= settings.surgeFactor * Math.max(baseline, 1)) surges.push({ service, s, rate: now.v, baseline, since });
  }
  const dataAt = newestAt(series);
  if (surges.length === 0) {
    const detail = top.rate > 0 ? `${top.service}: ${Math.round(top.rate)} auth-failure lines/min.` : 'No 401 or token-error lines.';
    return { status: { rule: 'auth-outage', title: TITLE, state: 'clear', detail, dataAt }, findings: [] };
  }
  const services = uniq(surges.map((x) => x.service));
  // Some minutes before the surge, so the pinned window shows the jump.
  const fromMs = Math.min(...surges.map((x) => x.since)) - 5 * 60_000;
  const evidence: EvidenceItem[] = surges.map((x) => ({
    text:
      `${x.service}: ${Math.round(x.rate)} auth-failure log lines a minute (401 / token errors), raised for ${dur(frame.now - x.since)}; ` +
      `median ${Math.round(x.baseline)}/min before it began`,
    metric: METRICS.logAuthFailures,
    match: { ...x.s.labels },
    fromMs,
    toMs: frame.now,
    values: [
      { label: 'lines per minute', value: x.rate, unit: 'per-min' },
      { label: 'baseline per minute', value: x.baseline, unit: 'per-min' },
    ],
  }));
  return {
    status: { rule: 'auth-outage', title: TITLE, state: 'firing', detail: `${services.join(', ')}: auth failures surging.`, dataAt },
    findings: [
      {
        source: 'auth-outage',
        playbookId: 'auth-outage',
        key: 'auth-outage',
        title: `Auth failures surging: ${services.join(', ')} (${Math.round(surges.reduce((n, x) => n + x.rate, 0))} lines/min)`,
        severity: settings.severity,
        since: Math.min(...surges.map((x) => x.since)),
        affected: { gpus: [], nodes: [], queues: [], services, mounts: [] },
        evidence,
      },
    ],
  };
}
