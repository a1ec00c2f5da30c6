import type { MitigationRecord } from './types';
import { formatMatchers } from './silence';
import { utcStamp } from './comms-values';

/**
 * What an incident's mitigations left in place, derived from the records in order: a queue it paused
 * and did not resume, a silence it created that has not been expired and has not run out.
 */
export function stillPaused(records: readonly MitigationRecord[]): MitigationRecord[] {
  const paused = new Map<string, MitigationRecord>();
  for (const r of records) {
    if (r.outcome !== 'ok') continue;
    const key = `${r.sourceId}\u0000${r.target}`;
    if (r.kind === 'queue-pause') paused.set(key, r);
    else if (r.kind === 'queue-resume') paused.delete(key);
  }
  return [...paused.values()];
}

export function activeSilences(records: readonly MitigationRecord[], now: number): MitigationRecord[] {
  const expired = new Set(records.filter((r) => r.kind === 'silence-expire' && r.outcome === 'ok').map((r) => r.relatesTo));
  return records.filter((r) => r.kind === 'silence' && r.outcome === 'ok' && !expired.has(r.id) && (r.endsAt === null || r.endsAt > now));
}

/** One line per mitigation in place, for comms and handoff notes. */
export function mitigationLines(records: readonly MitigationRecord[], now: number): string[] {
  return [
    ...stillPaused(records).map((r) => `Queue "${r.target}" paused on ${r.sourceName} since ${utcStamp(r.at)}`),
    ...activeSilences(records, now).map(
      (r) =>
        `Alerts silenced on ${r.sourceName} (${r.matchers ? formatMatchers(r.matchers) : r.target})${r.endsAt === null ? '' : ` until ${utcStamp(r.endsAt)}`}`,
    ),
  ];
}
