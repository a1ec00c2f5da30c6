import type { IncidentTimes } from './incident';

/**
 * Response metrics for one incident. Each carries its formula, because every
 * report prints it: people argue about what "MTTR" means, so we say.
 */
export interface ResponseMetric {
  id: 'ttd' | 'tta' | 'ttm' | 'ttr';
  label: string;
  formula: string;
  ms: number | null;
}

function diff(later: number | null, earlier: number | null): number | null {
  if (later === null || earlier === null) return null;
  return later - earlier;
}

/** The moment an incident's duration and TTM/TTR count from: impact start, else detection, else declaration. */
export function impactClockStart(t: IncidentTimes): { at: number; from: 'impactStartedAt' | 'detectedAt' | 'declaredAt' } {
  if (t.impactStartedAt !== null) return { at: t.impactStartedAt, from: 'impactStartedAt' };
  if (t.detectedAt !== null) return { at: t.detectedAt, from: 'detectedAt' };
  return { at: t.declaredAt, from: 'declaredAt' };
}

export function responseMetrics(t: IncidentTimes): ResponseMetric[] {
  const start = impactClockStart(t).at;
  return [
    { id: 'ttd', label: 'Time to detect', formula: 'detected − impact start', ms: diff(t.detectedAt, t.impactStartedAt) },
    {
      id: 'tta',
      label: 'Time to acknowledge',
      formula: 'acknowledged − detected (or declared)',
      ms: diff(t.acknowledgedAt, t.detectedAt ?? t.declaredAt),
    },
    {
      id: 'ttm',
      label: 'Time to mitigate',
      formula: 'mitigated − impact start (or detected, or declared)',
      ms: diff(t.mitigatedAt, start),
    },
    { id: 'ttr', label: 'Time to resolve', formula: 'resolved − impact start (or detected, or declared)', ms: diff(t.resolvedAt, start) },
  ];
}

/** "1h 05m", "4m 12s", "38s" — compact durations for headers and reports. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (d > 0) return `${sign}${d}d ${pad(h)}h`;
  if (h > 0) return `${sign}${h}h ${pad(m)}m`;
  if (m > 0) return `${sign}${m}m ${pad(s)}s`;
  return `${sign}${s}s`;
}
