import type { Incident, IncidentTimes } from '../../shared/domain/incident';
import { impactClockStart } from '../../shared/domain/response-metrics';

type StartField = ReturnType<typeof impactClockStart>['from'];

const START_WORD: Readonly<Record<StartField, string>> = {
  impactStartedAt: 'impact start',
  detectedAt: 'detection',
  declaredAt: 'declaration',
};

export interface HeaderClock {
  /** What the figure counts, in words: "since impact start", "impact start → resolved". */
  label: string;
  ms: number;
  /** Still counting (the incident is not resolved). */
  running: boolean;
  from: StartField;
  fromAt: number;
  /** Resolution, once there is one. */
  toAt: number | null;
}

/** The incident's end as the metrics see it: resolution, else closure for an incident closed without one. */
function endOf(t: IncidentTimes): number | null {
  return t.resolvedAt ?? t.closedAt;
}

/**
 * The header's one clock. It counts from the same moment as TTM and TTR (impact start, else detection,
 * else declaration) and stops at resolution, so once resolved it reads exactly the time to resolve:
 * "Duration 0s" can never stand beside "TTR 3h 10m" again.
 */
export function headerClock(incident: Incident, now: number): HeaderClock {
  const found = impactClockStart(incident.times);
  // Detection defaults to the moment of declaring: then "since declaration" is the plainer truth.
  const start =
    found.from === 'detectedAt' && found.at === incident.times.declaredAt ? { at: found.at, from: 'declaredAt' as const } : found;
  const end = endOf(incident.times);
  const word = START_WORD[start.from];
  return end === null
    ? { label: `since ${word}`, ms: Math.max(0, now - start.at), running: true, from: start.from, fromAt: start.at, toAt: null }
    : { label: `${word} → resolved`, ms: Math.max(0, end - start.at), running: false, from: start.from, fromAt: start.at, toAt: end };
}

export function startWord(from: StartField): string {
  return START_WORD[from];
}
