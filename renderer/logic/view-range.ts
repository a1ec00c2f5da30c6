import type { Incident } from '../../shared/domain/incident';

/**
 * The time window the command view shows. The rolling presets end "now" and move with the clock;
 * 'incident' runs over the incident (and moves while it is open); 'custom' is a fixed window.
 */
export const RANGE_PRESETS = ['15m', '1h', '6h', '24h', 'incident', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export type RollingPreset = Exclude<RangePreset, 'incident' | 'custom'>;

export interface ViewRange {
  preset: RangePreset;
  /** Only for 'custom' (and a brush zoom, which becomes custom). */
  fromMs: number | null;
  toMs: number | null;
}

export const DEFAULT_RANGE: ViewRange = { preset: '1h', fromMs: null, toMs: null };

/** How far back each rolling preset reaches; the one table of spans. */
export const PRESET_SPANS: Readonly<Record<RollingPreset, number>> = {
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

/** When the incident stopped moving (resolved, else closed); null while it is open. */
function incidentEnd(incident: Incident): number | null {
  return incident.times.resolvedAt ?? incident.times.closedAt ?? null;
}

/** A custom range's window; null when it is not custom or not a valid window (then it rolls like 1 h). */
function fixedWindow(range: ViewRange): { fromMs: number; toMs: number } | null {
  const { fromMs, toMs } = range;
  return range.preset === 'custom' && fromMs !== null && toMs !== null && fromMs < toMs ? { fromMs, toMs } : null;
}

/**
 * Concrete [from, to] for a range. The incident window runs from a lead-in before its start
 * to its resolution (or now while open); without an incident it falls back to the last hour.
 */
export function resolveRange(range: ViewRange, incident: Incident | null, nowMs: number): { fromMs: number; toMs: number } {
  const fixed = fixedWindow(range);
  if (fixed) return fixed;
  if (range.preset === 'incident' && incident) {
    const start = incidentStart(incident);
    return { fromMs: start - INCIDENT_LEAD_IN_MS, toMs: Math.max(incidentEnd(incident) ?? nowMs, start + 60_000) };
  }
  const span = range.preset === 'incident' || range.preset === 'custom' ? PRESET_SPANS['1h'] : PRESET_SPANS[range.preset];
  return { fromMs: nowMs - span, toMs: nowMs };
}

/** Whether `resolveRange` ends the window at "now", i.e. it moves with the clock and new data lands in it. */
export function isLive(range: ViewRange, incident: Incident | null): boolean {
  if (fixedWindow(range)) return false;
  return !(range.preset === 'incident' && incident && incidentEnd(incident) !== null);
}

/**
 * Everything `resolveRange` reads apart from the clock, as a string: equal keys mean the same
 * window, so a view re-asks its data when this changes and not when an unrelated field of the
 * incident (a note, a role, a pin) does.
 */
export function windowKey(range: ViewRange, incident: Incident | null): string {
  const base = [range.preset, range.fromMs ?? '', range.toMs ?? ''];
  if (range.preset !== 'incident' || !incident) return base.join('|');
  const t = incident.times;
  return [...base, incident.id, t.impactStartedAt ?? '', t.detectedAt ?? '', t.declaredAt, t.resolvedAt ?? '', t.closedAt ?? ''].join('|');
}
