import { z } from 'zod';
import type { TimelineEvent } from '../../../shared/domain/incident';
import { metricTitle } from '../../../shared/domain/telemetry';

/**
 * What pinned evidence showed, in words, read back from the copy frozen into its timeline event
 * (electron/core/telemetry/evidence-service.ts). Event data is stored JSON from any past version, so it is
 * parsed, not trusted: anything unreadable gives null and the caller falls back to the summary.
 */

const pinnedSeries = z.object({
  metric: z.string(),
  labels: z.record(z.string(), z.string()),
  points: z.array(z.tuple([z.number(), z.number().nullable()])),
});
const pinMetricData = z.object({ metrics: z.array(z.string()), series: z.array(pinnedSeries), comment: z.string().optional() });
const pinLogData = z.object({
  line: z.string(),
  tMs: z.number(),
  labels: z.record(z.string(), z.string()),
  comment: z.string().optional(),
});

export function formatValue(metric: string, v: number): string {
  if (/[._]share$/.test(metric)) return `${Math.round(v * 1000) / 10}%`;
  if (metric.endsWith('_s')) return `${Math.round(v)} s`;
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

function where(labels: Record<string, string>): string {
  const parts = [
    labels.node,
    labels.gpu === undefined ? undefined : `GPU ${labels.gpu}`,
    labels.queue,
    labels.state,
    labels.pod,
    labels.service,
  ];
  return parts.filter((p) => p !== undefined && p !== '').join(' ');
}

/** "GPU memory used: peak 98.2% (gpu-node-2 GPU 3), last 97.5%" per pinned metric. */
export function pinnedMetricValues(event: TimelineEvent): string[] | null {
  const parsed = pinMetricData.safeParse(event.data);
  if (!parsed.success) return null;
  return parsed.data.metrics.flatMap((metric) => {
    let peak: { v: number; labels: Record<string, string> } | null = null;
    let lastAt = -Infinity;
    let last: number | null = null;
    for (const s of parsed.data.series.filter((x) => x.metric === metric)) {
      for (const [t, v] of s.points) {
        if (v === null) continue;
        if (!peak || v > peak.v) peak = { v, labels: s.labels };
        if (t >= lastAt) {
          lastAt = t;
          last = v;
        }
      }
    }
    if (!peak) return [`${metricTitle(metric)}: no values in the pinned window`];
    const at = where(peak.labels);
    return [
      `${metricTitle(metric)}: peak ${formatValue(metric, peak.v)}${at ? ` (${at})` : ''}${last === null ? '' : `, last ${formatValue(metric, last)}`}`,
    ];
  });
}

export interface PinnedLine {
  tMs: number;
  line: string;
  labels: Record<string, string>;
  comment: string;
}

export function pinnedLogLine(event: TimelineEvent): PinnedLine | null {
  const parsed = pinLogData.safeParse(event.data);
  return parsed.success ? { ...parsed.data, comment: parsed.data.comment ?? '' } : null;
}

/** A string field of an event's data, if it has one (comms text, a mitigation's outcome…). */
export function dataText(event: TimelineEvent, ...keys: string[]): string | null {
  for (const key of keys) {
    const v = event.data[key];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return null;
}

/** The one-line texts of evidence readings frozen into a checklist event (`data.evidence[].text`). */
export function frozenReadings(event: TimelineEvent): string[] {
  const readings = event.data.evidence;
  if (!Array.isArray(readings)) return [];
  return readings.flatMap((r: unknown) =>
    typeof r === 'object' && r !== null && typeof (r as { text?: unknown }).text === 'string' ? [(r as { text: string }).text] : [],
  );
}

export interface ChecklistItemState {
  playbook: string;
  item: string;
  /** done, skipped, not applicable, answered yes / no. */
  status: string;
  note: string | null;
  at: number;
  actor: string;
  readings: string[];
}

/**
 * Where each checklist item stands, folded from the checklist domain's timeline events (the last
 * status-setting action on an item wins; "reopen" clears it). Items nobody acted on are not in the
 * events and so not listed; the draft says so.
 */
export function checklistState(timeline: readonly TimelineEvent[]): {
  attached: { playbook: string; at: number }[];
  items: ChecklistItemState[];
} {
  const attached: { playbook: string; at: number }[] = [];
  const items = new Map<string, ChecklistItemState>();
  for (const e of timeline) {
    if (e.kind !== 'checklist') continue;
    const playbook = dataText(e, 'playbookTitle', 'playbookId') ?? 'Checklist';
    const action = dataText(e, 'action');
    if (action === 'attach') {
      attached.push({ playbook, at: e.at });
      continue;
    }
    const key = `${dataText(e, 'checklistId') ?? ''}/${dataText(e, 'itemId') ?? e.id}`;
    if (action === 'reopen') {
      items.delete(key);
      continue;
    }
    if (action !== 'done' && action !== 'skipped' && action !== 'not-applicable' && action !== 'answer') continue;
    const answer = dataText(e, 'answer');
    items.set(key, {
      playbook,
      item: dataText(e, 'itemText') ?? e.summary,
      status: action === 'answer' ? `answered ${answer ?? '?'}` : action === 'not-applicable' ? 'not applicable' : action,
      note: dataText(e, 'text'),
      at: e.at,
      actor: e.actor,
      readings: frozenReadings(e),
    });
  }
  return { attached, items: [...items.values()] };
}
