import { useEffect, useMemo, useState } from 'react';
import type { Role } from '../../../shared/domain/roles';
import { sectionApplies } from '../../../shared/playbooks/checklist';
import type { EvidenceQuery } from '../../../shared/playbooks/evidence';
import { loadChecklists, readEvidence, useIncidentChecklists, useReadingsError } from '../../state/checklists';
import { useNow } from '../../hooks/useNow';
import { useTelemetryTick } from '../../state/telemetry';
import type { IncidentTabProps } from '../incident/incident-tabs';
import { AttachPlaybook } from './AttachPlaybook';
import { ChecklistPanel } from './ChecklistPanel';
import { ProgressBar } from './ProgressBar';
import '../../styles/playbooks.css';

/**
 * The incident commander's working list: the playbooks attached to this incident, one shown at a
 * time, with live evidence beside the items that are still open. Evidence is re-read from the
 * stored telemetry whenever a poll stored something (the same tick the charts follow).
 */
export function ChecklistsTab({ incident }: IncidentTabProps) {
  const data = useIncidentChecklists(incident.id);
  const readingsError = useReadingsError();
  const tick = useTelemetryTick();
  // Also every 15 s: a source that went down sends no telemetry update, and its readings must say so.
  const every = useNow(15_000);
  const [shownId, setShownId] = useState<string | null>(null);
  const live = incident.status !== 'closed';

  useEffect(() => {
    void loadChecklists(incident.id);
  }, [incident.id]);

  const checklists = useMemo(() => data?.checklists ?? [], [data]);
  // Items are assigned to roles; who holds each role now is the incident's.
  const holders = useMemo(
    () => Object.fromEntries(incident.roles.map((r) => [r.role, r.person])) as Partial<Record<Role, string>>,
    [incident.roles],
  );
  const shown = checklists.find((c) => c.id === shownId) ?? checklists[0] ?? null;

  // Only what is open and counts needs live values; frozen ones are in the items already.
  const queries = useMemo(() => {
    const out: EvidenceQuery[] = [];
    for (const c of checklists)
      for (const s of c.playbook.sections) {
        if (!sectionApplies(s, incident.severity)) continue;
        for (const item of s.items) if (c.items[item.id]?.status === 'open') out.push(...(item.evidence ?? []));
      }
    return out;
  }, [checklists, incident.severity]);
  const queryKey = JSON.stringify(queries);
  useEffect(() => {
    if (live) void readEvidence(queries);
    // queryKey stands for queries; the tick is when stored telemetry changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryKey, tick, every, live]);

  const switchBy = (delta: number): void => {
    if (checklists.length === 0) return;
    const at = Math.max(
      0,
      checklists.findIndex((c) => c.id === shown?.id),
    );
    const next = checklists[(at + delta + checklists.length) % checklists.length];
    if (next) setShownId(next.id);
  };

  return (
    <div className="checklists-tab" data-testid="checklists-tab">
      <nav className="cl-nav panel" aria-label="Attached playbooks">
        <h2>Checklists</h2>
        {data?.error && <p className="inline-error">{data.error}</p>}
        {!data && <p className="muted">Loading…</p>}
        <ul>
          {checklists.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className={`cl-nav-item${c.id === shown?.id ? ' selected' : ''}`}
                aria-current={c.id === shown?.id ? 'true' : undefined}
                onClick={() => setShownId(c.id)}
                data-testid="checklist-nav"
                data-playbook={c.playbook.id}
              >
                <span className="cl-nav-title">{c.playbook.title}</span>
                <ProgressBar progress={c.progress} compact />
              </button>
            </li>
          ))}
        </ul>
        {incident.status !== 'closed' && (
          <AttachPlaybook incidentId={incident.id} attached={checklists.map((c) => c.playbook.id)} onAttached={(id) => setShownId(id)} />
        )}
        {readingsError && <p className="inline-error">{readingsError}</p>}
      </nav>
      <div className="cl-main panel">
        {shown ? (
          <ChecklistPanel key={shown.id} checklist={shown} live={live} holders={holders} onSwitch={switchBy} />
        ) : (
          data && <p className="muted">No checklist is attached yet. Attach a playbook on the left.</p>
        )}
      </div>
    </div>
  );
}
