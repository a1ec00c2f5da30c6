import type { ActionItem } from '../../../shared/domain/action-items';
import type { Incident, TimelineEvent } from '../../../shared/domain/incident';
import { responseMetrics, type ResponseMetric } from '../../../shared/domain/response-metrics';
import type { SeriesData } from '../../../shared/domain/telemetry';
import { checklistState, dataText, frozenReadings, pinnedLogLine, pinnedMetricValues, type ChecklistItemState } from './evidence-text';
import { gpuImpact, impactWindow, type GpuImpact, type ImpactWindow } from './impact';

/**
 * Everything a postmortem draft states as fact, gathered from what Pitwall stored during the
 * incident. Other domains' records (checklist ticks, comms sent, mitigations) are read from their
 * timeline events, so the draft shows whatever they recorded without depending on their tables.
 */
export interface PostmortemFacts {
  incident: Incident;
  author: string;
  draftedAt: number;
  window: ImpactWindow;
  metrics: ResponseMetric[];
  timeline: { at: number; kind: TimelineEvent['kind']; actor: string; text: string; values: string[] }[];
  gpus: GpuImpact;
  mitigations: { at: number; actor: string; text: string; outcome: string | null }[];
  comms: { at: number; actor: string; text: string; message: string | null }[];
  checklist: { attached: { playbook: string; at: number }[]; items: ChecklistItemState[] };
  pinnedLogs: { eventId: number; at: number; line: string; source: string; comment: string }[];
  pinnedCharts: { eventId: number; at: number; text: string }[];
  actionItems: ActionItem[];
  /** True when events span more than one UTC day: times then carry the date. */
  multiDay: boolean;
}

export interface FactInputs {
  incident: Incident;
  timeline: readonly TimelineEvent[];
  /** Stored `gpu.memory.share` series for the window and a lead-in before it. */
  gpuSeries: readonly SeriesData[];
  actionItems: readonly ActionItem[];
  /** Text stored with events for search, by event id (a comms event's message). */
  eventTexts: ReadonlyMap<number, string>;
  author: string;
  nowMs: number;
}

function labelsText(labels: Record<string, string>): string {
  return ['service', 'app', 'pod', 'node'].flatMap((k) => (labels[k] ? [labels[k]] : [])).join(' ');
}

export function gatherFacts(input: FactInputs): PostmortemFacts {
  const { incident, timeline } = input;
  const window = impactWindow(incident, input.nowMs);
  const days = new Set([window.fromMs, window.toMs, ...timeline.map((e) => e.at)].map((ms) => new Date(ms).toISOString().slice(0, 10)));
  return {
    incident,
    author: input.author,
    draftedAt: input.nowMs,
    window,
    metrics: responseMetrics(incident.times),
    // History backfills are the console's bookkeeping, not something that happened in the incident.
    timeline: timeline
      .filter((e) => e.kind !== 'backfill')
      .map((e) => ({ at: e.at, kind: e.kind, actor: e.actor, text: timelineText(e), values: timelineValues(e) })),
    gpus: gpuImpact(input.gpuSeries, window),
    mitigations: timeline
      .filter((e) => e.kind === 'mitigation')
      .map((e) => ({ at: e.at, actor: e.actor, text: e.summary, outcome: outcomeOf(e) })),
    comms: timeline
      .filter((e) => e.kind === 'comms')
      .map((e) => ({
        at: e.at,
        actor: e.actor,
        text: e.summary,
        message: dataText(e, 'text', 'body', 'message') ?? input.eventTexts.get(e.id) ?? null,
      })),
    checklist: checklistState(timeline),
    pinnedLogs: timeline.flatMap((e) => {
      const line = e.kind === 'pin-log' ? pinnedLogLine(e) : null;
      return line ? [{ eventId: e.id, at: line.tMs, line: line.line, source: labelsText(line.labels), comment: line.comment }] : [];
    }),
    pinnedCharts: timeline.filter((e) => e.kind === 'pin-metric').map((e) => ({ eventId: e.id, at: e.at, text: e.summary })),
    actionItems: [...input.actionItems],
    multiDay: days.size > 1,
  };
}

/** A pinned line's summary repeats a cut copy of the line; the row shows the whole line as a value instead. */
function timelineText(e: TimelineEvent): string {
  const line = e.kind === 'pin-log' ? pinnedLogLine(e) : null;
  return line ? `Pinned log line${line.comment ? ` — ${line.comment}` : ''}` : e.summary;
}

/** Frozen values carried by an event: pinned chart peaks, a pinned line's text, a checked item's evidence. */
function timelineValues(e: TimelineEvent): string[] {
  if (e.kind === 'pin-metric') return pinnedMetricValues(e) ?? [];
  if (e.kind === 'pin-log') {
    const line = pinnedLogLine(e);
    return line ? [line.line] : [];
  }
  // A ticked checklist item carries what its live evidence read at that moment.
  return frozenReadings(e);
}

/** Outcomes as the command domain records them ('ok', 'failed', …), in words where a code was stored. */
const OUTCOME_WORDS: Readonly<Record<string, string>> = { ok: 'succeeded', failed: 'failed', refused: 'refused before anything was sent' };

function outcomeOf(e: TimelineEvent): string | null {
  const text = dataText(e, 'outcome', 'result', 'status', 'error');
  if (text) return OUTCOME_WORDS[text] ?? text;
  if (typeof e.data.ok === 'boolean') return e.data.ok ? 'succeeded' : 'failed';
  return null;
}
