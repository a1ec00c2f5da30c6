import { useDetail, useDetailError, useSelectedId } from '../state/detail';
import { CommandView } from './command/CommandView';
import { IncidentHeader } from './IncidentHeader';
import { KeyTimes } from './KeyTimes';
import { RolePanel } from './RolePanel';
import { Timeline } from './Timeline';
import { TimersPanel } from './TimersPanel';

export function IncidentView() {
  const selected = useSelectedId();
  const detail = useDetail();
  const error = useDetailError();

  if (selected === null) {
    return (
      <div className="no-incident-view">
        <p className="no-incident-hint" data-testid="no-incident">
          Select an incident, or press <kbd>N</kbd> to declare one.
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
  return (
    <article className="incident-view" data-testid="incident-view" data-incident-id={incident.id}>
      <IncidentHeader incident={incident} />
      <TimersPanel incident={incident} timeline={timeline} />
      {(incident.summary || incident.services.length > 0 || incident.tenants.length > 0) && (
        <section className="scope" aria-label="Scope">
          {incident.summary && (
            <p className="summary" data-testid="incident-summary">
              {incident.summary}
            </p>
          )}
          <p className="tags">
            {incident.services.map((s) => (
              <span key={`s-${s}`} className="tag tag-service">
                {s}
              </span>
            ))}
            {incident.tenants.map((t) => (
              <span key={`t-${t}`} className="tag tag-tenant">
                {t}
              </span>
            ))}
          </p>
        </section>
      )}
      <CommandView incident={incident} timeline={timeline} logsAside={<Timeline incident={incident} events={timeline} />} />
      <div className="view-grid">
        <KeyTimes incident={incident} />
        <RolePanel incident={incident} />
      </div>
    </article>
  );
}
