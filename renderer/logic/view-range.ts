import type { Incident } from '../../shared/domain/incident';

/** The time window the command view shows. Presets follow "now" when `follow` is on. */
export const RANGE_PRESETS = ['15m', '1h', '6h', '24h', 'incident', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export interface ViewRange {
  preset: RangePreset;
  /** Only for 'custom' (and a brush zoom, which becomes custom). */
  fromMs: number | null;
  toMs: number | null;
  /** Live follow: the window's end moves with the clock. Off for custom ranges. */
  follow: boolean;
}

export const DEFAULT_RANGE: ViewRange = { preset: '1h', fromMs: null, toMs: null, follow: true };

const PRESET_MS: Record<'15m' | '1h' | '6h' | '24h', number> = {
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '6h': 6 * 60 * 60_000,
  '24h': 24 * 60 * 60_000,
};

/** Lead-in shown before an incident's earliest known moment, so the build-up is visible. */
export const INCIDENT_LEAD_IN_MS = 15 * 60_000;

/** The earliest moment the incident is known to matter: impact start, else detection, else declaration. */
export function incidentStart(incident: Incident): number {
  const t = incident.times;
  return Math.min(t.impactStartedAt ?? Infinity, t.detectedAt ?? Infinity, t.declaredAt);
}

/**
 * Concrete [from, to] for a range. The incident window runs from a lead-in before its start
 * to its resolution (or now while open); without an incident it falls back to the last hour.
 */
export function resolveRange(range: ViewRange, incident: Incident | null, nowMs: number): { fromMs: number; toMs: number } {
  if (range.preset === 'custom' && range.fromMs !== null && range.toMs !== null && range.fromMs < range.toMs) {
    return { fromMs: range.fromMs, toMs: range.toMs };
  }
  if (range.preset === 'incident' && incident) {
    const toMs = incident.times.resolvedAt ?? incident.times.closedAt ?? nowMs;
    return { fromMs: incidentStart(incident) - INCIDENT_LEAD_IN_MS, toMs: Math.max(toMs, incidentStart(incident) + 60_000) };
  }
  const span = range.preset === 'incident' || range.preset === 'custom' ? PRESET_MS['1h'] : PRESET_MS[range.preset];
  return { fromMs: nowMs - span, toMs: nowMs };
}
