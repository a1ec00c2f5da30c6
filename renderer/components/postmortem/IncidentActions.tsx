import { useEffect } from 'react';
import { useNow } from '../../hooks/useNow';
import { loadIncidentActions, useIncidentActions } from '../../state/actions';
import { ActionItemsTable } from '../actions/ActionItemsTable';
import { NewActionForm } from '../actions/NewActionForm';

/** This incident's action items, editable in place, and a form to add one. Copy them into the text with "Redraft" or by hand. */
export function IncidentActions({ incidentId }: { incidentId: number }) {
  const items = useIncidentActions(incidentId);
  const now = useNow(60_000);
  useEffect(() => {
    void loadIncidentActions(incidentId);
  }, [incidentId]);
  return (
    <div className="incident-actions" data-testid="incident-actions">
      {items.length > 0 ? <ActionItemsTable items={items} now={now} showIncident={false} /> : <p className="muted">No action items yet.</p>}
      <NewActionForm incidentId={incidentId} />
    </div>
  );
}
