import { useDetail, useDetailError, useSelectedId } from '../../state/detail';
import { useIncidentTab } from '../../state/incident-tab';
import { CommandView } from '../command/CommandView';
import { IncidentHeader } from './IncidentHeader';
import { INCIDENT_TABS } from './incident-tabs';
import { IncidentTabBar } from './IncidentTabBar';
import { TimersPanel } from './TimersPanel';

/**
 * The main area: the platform view without a selected incident, else the incident — its header and
 * response clocks above the tab bar, the open tab filling the rest of the screen.
 */
export function IncidentView() {
  const selected = useSelectedId();
  const detail = useDetail();
  const error = useDetailError();
  const tabId = useIncidentTab(selected ?? 0);

  if (selected === null) {
    return (
      <div className="no-incident-view" data-testid="platform-view">
        <p className="no-incident-hint" data-testid="no-incident">
          The platform, live. Select an incident on the left, or press <kbd>N</kbd> to declare one.
        </p>
        <CommandView incident={null} />
      </div>
    );
  }
  if (detail === null) {
    return (
      <div className="placeholder">{error ? <p className="inline-error">{error}</p> : <p className="muted">Loading incident…</p>}</div>
    );
  }
  const { incident, timeline } = detail;
  const tab = INCIDENT_TABS.find((t) => t.id === tabId) ?? INCIDENT_TABS[0];
  return (
    <article className="incident-view" data-testid="incident-view" data-incident-id={incident.id} data-tab={tab?.id}>
      <IncidentHeader incident={incident} />
      <TimersPanel incident={incident} timeline={timeline} />
      <IncidentTabBar incidentId={incident.id} current={tab?.id ?? 'command'} />
      <div className="incident-tab-panel" role="tabpanel">
        {tab && <tab.Panel incident={incident} timeline={timeline} />}
      </div>
    </article>
  );
}
