import { useEffect } from 'react';
import { nextDue } from '../../../shared/command/due';
import type { Incident } from '../../../shared/domain/incident';
import { useNow } from '../../hooks/useNow';
import { dueWhen } from '../../logic/due-view';
import { formatUtcTime } from '../../logic/format';
import { loadCommandState, useCommandState } from '../../state/command';
import { openIncidentTab } from '../../state/incident-tab';
import { ACTIONS_TAB } from '../../state/notices';

/** The incident header's one line on what falls due next; a click opens the due list. */
export function NextDueItem({ incident }: { incident: Incident }) {
  const state = useCommandState(incident.id);
  const now = useNow(1000);
  useEffect(() => {
    void loadCommandState(incident.id);
  }, [incident.id, incident.updatedAt]);
  const item = state ? nextDue(state.due) : null;
  if (!item) return null;
  const when = dueWhen(item, now);
  return (
    <button
      type="button"
      className={`next-due tone-${when.tone}`}
      onClick={() => openIncidentTab(incident.id, ACTIONS_TAB)}
      title={`${item.detail} — due ${formatUtcTime(item.dueAt)}. Open the due list.`}
      data-testid="next-due"
      data-kind={item.kind}
      data-tone={when.tone}
    >
      <span className="label">Next due</span>
      <span className="next-due-main">
        {item.title} · {when.text}
      </span>
    </button>
  );
}
