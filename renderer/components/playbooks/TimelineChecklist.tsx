import type { TimelineEvent } from '../../../shared/domain/incident';
import { EVIDENCE_KINDS, EVIDENCE_TITLES, type EvidenceReading } from '../../../shared/playbooks/evidence';
import { formatDataAge } from '../../logic/data-age';

/** The readings frozen into a checklist event, if its data holds any in the shape we write. */
export function frozenReadings(data: Record<string, unknown>): EvidenceReading[] {
  const list = data.evidence;
  if (!Array.isArray(list)) return [];
  return list.filter((r): r is EvidenceReading => {
    if (typeof r !== 'object' || r === null) return false;
    const x = r as Partial<EvidenceReading>;
    return (
      typeof x.text === 'string' &&
      typeof x.at === 'number' &&
      typeof x.query === 'object' &&
      x.query !== null &&
      (EVIDENCE_KINDS as readonly string[]).includes(x.query.kind)
    );
  });
}

/** Under a checklist event on the timeline: what the evidence read at the moment the item was set. */
export function TimelineChecklist({ event }: { event: TimelineEvent }) {
  if (event.kind !== 'checklist') return null;
  const readings = frozenReadings(event.data);
  if (readings.length === 0) return null;
  return (
    <ul className="evidence evidence-checklist" data-testid="timeline-checklist-evidence">
      {readings.map((r, i) => (
        <li key={i} data-state={r.state} className={`ev-frozen-line ev-${r.state}`}>
          <span className="muted">{EVIDENCE_TITLES[r.query.kind]}:</span> {r.text}
          {r.dataAt !== null && <span className="muted"> · data {formatDataAge(r.dataAt, r.at)} when ticked</span>}
        </li>
      ))}
    </ul>
  );
}
