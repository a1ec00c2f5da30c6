import { useEffect, useState } from 'react';
import type { TemplateId } from '../../../shared/command/templates';
import { loadCommandState, useCommandError, useCommandState } from '../../state/command';
import type { IncidentTabProps } from '../incident/incident-tabs';
import { Timeline } from '../incident/Timeline';
import { CommsPanel } from './CommsPanel';
import { DueList } from './DueList';
import { HandoffSection } from './HandoffSection';
import { MitigationsPanel } from './MitigationsPanel';
import '../../styles/command-actions.css';

/** Where the IC acts: what is due, the message stakeholders wait for, mitigations, handoffs. */
export function CommandActionsTab({ incident, timeline }: IncidentTabProps) {
  const state = useCommandState(incident.id);
  const error = useCommandError(incident.id);
  useEffect(() => {
    void loadCommandState(incident.id);
  }, [incident.id]);
  const suggested = state?.due.find((d) => d.templateId !== null && d.state !== 'done')?.templateId ?? 'initial';
  const [templateId, setTemplateId] = useState<TemplateId | null>(null);

  if (!state) {
    return <p className={error ? 'inline-error' : 'muted'}>{error ?? 'Loading what is due…'}</p>;
  }
  return (
    <div className="command-actions" data-testid="command-actions">
      {error && <p className="inline-error">{error}</p>}
      <div className="ca-column">
        <DueList incident={incident} state={state} onWrite={setTemplateId} />
        <MitigationsPanel incident={incident} state={state} />
        <HandoffSection incident={incident} timeline={timeline} state={state} />
      </div>
      <div className="ca-column">
        <CommsPanel
          key={incident.id}
          incident={incident}
          timeline={timeline}
          state={state}
          templateId={templateId ?? suggested}
          onTemplate={setTemplateId}
        />
        {/* The record of what was done, beside the doing: mitigations and messages land here. */}
        <Timeline incident={incident} events={timeline} />
      </div>
    </div>
  );
}
