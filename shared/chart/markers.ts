import type { EventKind, IncidentTimes, TimelineEvent } from '../domain/incident';
import type { AlertRecord, SeriesData } from '../domain/telemetry';
import { valueAt } from './chart-data';

export type MarkerKind = 'oom' | 'restart' | 'alert' | 'incident' | 'key';

/** A moment drawn as a vertical line on the chart's time axis. */
export interface ChartMarker {
  t: number;
  kind: MarkerKind;
  /** Short text next to the line. */
  label: string;
  /** One line per thing that happened at this moment (shown on hover). */
  detail: string[];
  /** For incident markers: the timeline event kind (declared, severity, …). */
  event?: EventKind;
  /** For key-time markers: which of the incident's times it marks (impactStartedAt, …). */
  times?: (keyof IncidentTimes)[];
}

/** Timeline events the chart shows: the ones that change what the response is doing. */
const INCIDENT_KINDS: ReadonlySet<EventKind> = new Set<EventKind>(['declared', 'severity', 'status', 'mitigation']);

const podKey = (l: Record<string, string>): string => `${l.namespace ?? ''}/${l.pod ?? ''}/${l.container ?? ''}`;
const podName = (l: Record<string, string>): string =>
  `${l.namespace ? `${l.namespace}/` : ''}${l.pod ?? '?'}${l.container ? ` (${l.container})` : ''}`;

/**
 * Restarts are where `pod.restarts_total` goes up; a restart is an OOM kill when `pod.last_oom`
 * for the same container reads 1 at that moment (within `oomToleranceMs`, since the two series
 * may have been downsampled to different points). A drop is a counter reset, not a restart.
 * Restarts at the same moment become one marker.
 */
export function restartMarkers(restarts: readonly SeriesData[], oom: readonly SeriesData[], oomToleranceMs: number): ChartMarker[] {
  const oomBy = new Map(oom.map((s) => [podKey(s.labels), s.points]));
  const byTime = new Map<number, { oom: string[]; plain: string[] }>();
  for (const s of restarts) {
    let prev: number | null = null;
    for (const [t, v] of s.points) {
      if (v === null) continue;
      if (prev !== null && v > prev) {
        const flags = oomBy.get(podKey(s.labels));
        const killed = flags !== undefined && (valueAt(flags, t + oomToleranceMs, 2 * oomToleranceMs) ?? 0) >= 1;
        const slot = byTime.get(t) ?? { oom: [], plain: [] };
        const count = v - prev > 1 ? ` ×${v - prev}` : '';
        (killed ? slot.oom : slot.plain).push(`${podName(s.labels)}${count}`);
        byTime.set(t, slot);
      }
      prev = v;
    }
  }
  return [...byTime.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, slot]) => {
      const n = slot.oom.length + slot.plain.length;
      const kind: MarkerKind = slot.oom.length > 0 ? 'oom' : 'restart';
      const label =
        slot.oom.length > 0 ? (n === 1 ? 'OOM kill' : `${n} restarts (${slot.oom.length} OOM)`) : n === 1 ? 'restart' : `${n} restarts`;
      return { t, kind, label, detail: [...slot.oom.map((p) => `OOM kill: ${p}`), ...slot.plain.map((p) => `restart: ${p}`)] };
    });
}

/** An alert marker where each alert started firing inside the window; alerts starting together share one. */
export function alertMarkers(alerts: readonly AlertRecord[], fromMs: number, toMs: number): ChartMarker[] {
  const byTime = new Map<number, string[]>();
  for (const a of alerts) {
    if (a.startsAt < fromMs || a.startsAt > toMs) continue;
    const line = `${a.name}${a.severity ? ` (${a.severity})` : ''}${a.summary ? `: ${a.summary}` : ''}`;
    byTime.set(a.startsAt, [...(byTime.get(a.startsAt) ?? []), line]);
  }
  return [...byTime.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, lines]) => ({
      t,
      kind: 'alert',
      label: lines.length === 1 ? (lines[0]?.split(/[ :(]/)[0] ?? 'alert') : `${lines.length} alerts`,
      detail: lines.map((l) => `alert firing: ${l}`),
    }));
}

/** Declared, severity / status changes and mitigations from the incident's own timeline. */
export function incidentMarkers(timeline: readonly TimelineEvent[], fromMs: number, toMs: number): ChartMarker[] {
  return timeline
    .filter((e) => INCIDENT_KINDS.has(e.kind) && e.at >= fromMs && e.at <= toMs)
    .map((e) => ({ t: e.at, kind: 'incident', label: e.summary || e.kind, detail: [e.summary], event: e.kind }));
}

/** The moments MTTD / MTTA / MTTR are measured between, in the order they happen. */
const KEY_TIMES: readonly { field: keyof IncidentTimes; word: string; detail: string }[] = [
  { field: 'impactStartedAt', word: 'impact start', detail: 'Impact started' },
  { field: 'detectedAt', word: 'detected', detail: 'Detected' },
  { field: 'acknowledgedAt', word: 'acknowledged', detail: 'Acknowledged' },
  { field: 'mitigatedAt', word: 'mitigated', detail: 'Mitigated' },
  { field: 'resolvedAt', word: 'resolved', detail: 'Resolved' },
];

/**
 * The incident's key times (impact start, detected, acknowledged, mitigated, resolved) as markers
 * where they fall in the window — the moments the response is measured by, not when someone wrote
 * them down. Times that coincide share one marker ("detected · acknowledged").
 */
export function keyTimeMarkers(times: IncidentTimes, fromMs: number, toMs: number): ChartMarker[] {
  const byTime = new Map<number, ChartMarker>();
  for (const k of KEY_TIMES) {
    const t = times[k.field];
    if (t === null || t < fromMs || t > toMs) continue;
    const m = byTime.get(t);
    if (m) {
      m.label = `${m.label} · ${k.word}`;
      m.detail.push(k.detail);
      m.times?.push(k.field);
    } else byTime.set(t, { t, kind: 'key', label: k.word, detail: [k.detail], times: [k.field] });
  }
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

/**
 * Key-time markers with the incident's event markers: an event written at the very moment of a key
 * time (the status change that set "mitigated", the declaration that set "detected") is folded into
 * that key marker's detail instead of drawing a second line on top of it.
 */
export function withKeyTimes(events: readonly ChartMarker[], keys: readonly ChartMarker[]): ChartMarker[] {
  const byTime = new Map(keys.map((k) => [k.t, { ...k, detail: [...k.detail] }]));
  const out: ChartMarker[] = [];
  for (const e of events) {
    const key = e.kind === 'incident' ? byTime.get(e.t) : undefined;
    if (!key) {
      out.push(e);
      continue;
    }
    key.detail.push(...e.detail);
    if (e.event === 'declared' && !key.label.includes('declared')) key.label = `${key.label} · declared`;
  }
  return [...out, ...byTime.values()].sort((a, b) => a.t - b.t);
}

/**
 * Markers of one kind closer together than `minGapMs` (a few pixels at the current zoom) are
 * merged into the first, so a restart storm reads as one thick marker, not a smear.
 */
export function mergeClose(markers: readonly ChartMarker[], minGapMs: number): ChartMarker[] {
  const out: ChartMarker[] = [];
  const lastOfKind = new Map<MarkerKind, ChartMarker>();
  for (const m of [...markers].sort((a, b) => a.t - b.t)) {
    const last = lastOfKind.get(m.kind);
    if (last && m.t - last.t < minGapMs && m.kind !== 'incident' && m.kind !== 'key') {
      last.detail.push(...m.detail);
      last.label = `${last.detail.length} ${m.kind === 'alert' ? 'alerts' : 'restarts'}${m.kind === 'oom' ? ' (OOM)' : ''}`;
      continue;
    }
    const copy = { ...m, detail: [...m.detail] };
    out.push(copy);
    lastOfKind.set(m.kind, copy);
  }
  return out;
}
