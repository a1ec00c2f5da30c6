import type { Incident, IncidentSummary } from '../../../shared/domain/incident';
import { sumProgress } from '../../../shared/playbooks/checklist';
import { useChecklistProgress } from '../../state/checklists';
import { openIncidentTab } from '../../state/incident-tab';
import { ProgressBar } from './ProgressBar';

/** Checklist progress in the incident header, per attached playbook (summed beyond three); a click (or 2) opens them. */
export function ChecklistHeaderItem({ incident }: { incident: Incident }) {
  const progress = useChecklistProgress(incident.id);
  if (!progress || progress.length === 0) return null;
  const shown = progress.length <= 3 ? progress : null;
  return (
    <button
      type="button"
      className="control cl-header-item"
      onClick={() => openIncidentTab(incident.id, 'checklists')}
      title={progress.map((p) => `${p.title}: ${p.done}/${p.total}${p.skipped ? `, ${p.skipped} skipped` : ''}`).join('\n')}
      data-testid="header-checklists"
    >
      <span className="label">Checklists</span>
      {shown ? (
        shown.map((p) => (
          <span key={p.checklistId} className="cl-header-row" data-testid="header-checklist" data-playbook={p.playbookId}>
            <span className="cl-header-title">{p.title}</span>
            <ProgressBar progress={p} compact />
          </span>
        ))
      ) : (
        <ProgressBar progress={sumProgress(progress)} compact />
      )}
    </button>
  );
}

/** The same, small, in an incident list row. */
export function ChecklistListItem({ incident }: { incident: IncidentSummary }) {
  const progress = useChecklistProgress(incident.id);
  if (!progress || progress.length === 0) return null;
  const sum = sumProgress(progress);
  return (
    <span
      className={`cl-list-chip${sum.open === 0 ? ' complete' : ''}${sum.overdue > 0 ? ' overdue' : ''}`}
      title={progress.map((p) => `${p.title}: ${p.done}/${p.total}`).join('\n')}
      data-testid="row-checklists"
      data-done={sum.done}
      data-total={sum.total}
    >
      ☑ {sum.done}/{sum.total}
    </span>
  );
}
