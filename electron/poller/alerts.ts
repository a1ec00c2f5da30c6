import type { AmAlert } from '../sources/alertmanager';
import type { PromAlert } from '../sources/prometheus';
import type { Labels } from '../sources/samples';
import { labelKey } from './labels';
import type { FiringAlert } from './types';

function parseTime(text: string): number {
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : 0;
}

function firing(labels: Labels, annotations: Labels, startsAt: string): FiringAlert {
  return {
    key: labelKey(labels),
    name: labels['alertname'] ?? 'unnamed alert',
    severity: labels['severity'] ?? null,
    labels,
    summary: annotations['summary'] ?? annotations['description'] ?? annotations['message'] ?? null,
    startsAt: parseTime(startsAt),
  };
}

/** Pending alerts have not met their `for:` yet; only firing ones are news for the commander. */
export function firingFromPrometheus(alerts: readonly PromAlert[]): FiringAlert[] {
  return alerts.filter((a) => a.state === 'firing').map((a) => firing(a.labels, a.annotations, a.activeAt));
}

/** Silenced and inhibited alerts are someone's decision already; show what still demands attention. */
export function firingFromAlertmanager(alerts: readonly AmAlert[]): FiringAlert[] {
  return alerts
    .filter(
      (a) =>
        (a.state === 'active' || a.state === 'unprocessed') &&
        a.silencedBy.length === 0 &&
        a.inhibitedBy.length === 0 &&
        a.mutedBy.length === 0,
    )
    .map((a) => firing(a.labels, a.annotations, a.startsAt));
}
