import { useEffect } from 'react';
import { isTyping } from '../../hooks/useGlobalShortcuts';
import { openIncidentTab } from '../../state/incident-tab';
import { INCIDENT_TABS } from './incident-tabs';

/** The tab strip under the incident header; each tab's digit opens it from anywhere outside a text field. */
export function IncidentTabBar({ incidentId, current }: { incidentId: number; current: string }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const tab = INCIDENT_TABS.find((t) => t.key === e.key);
      if (!tab) return;
      e.preventDefault();
      openIncidentTab(incidentId, tab.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [incidentId]);

  return (
    <nav className="incident-tabs" role="tablist" aria-label="Incident views">
      {INCIDENT_TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={t.id === current}
          className={`incident-tab${t.id === current ? ' active' : ''}`}
          onClick={() => openIncidentTab(incidentId, t.id)}
          data-testid={`incident-tab-${t.id}`}
        >
          {t.label} <kbd>{t.key}</kbd>
        </button>
      ))}
    </nav>
  );
}
