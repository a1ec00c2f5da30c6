import { CommandView } from '../command/CommandView';
import { KeyTimes } from '../KeyTimes';
import { RolePanel } from '../RolePanel';
import { Timeline } from '../Timeline';
import { TimersPanel } from '../TimersPanel';
import type { IncidentTabProps } from './incident-tabs';
import { ExpandableText, Name } from '../text/UntrustedText';

/** The live incident at a glance: clocks, scope, the chart with GPUs and queues, logs beside the timeline, key times and roles. */
export function CommandTab({ incident, timeline }: IncidentTabProps) {
  return (
    <>
      <TimersPanel incident={incident} timeline={timeline} />
      {(incident.summary || incident.services.length > 0 || incident.tenants.length > 0) && (
        <section className="scope" aria-label="Scope">
          {incident.summary && (
            <div className="summary" data-testid="incident-summary">
              <ExpandableText text={incident.summary} />
            </div>
          )}
          <p className="tags">
            {incident.services.map((s) => (
              <span key={`s-${s}`} className="tag tag-service">
                <Name text={s} />
              </span>
            ))}
            {incident.tenants.map((t) => (
              <span key={`t-${t}`} className="tag tag-tenant">
                <Name text={t} />
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
    </>
  );
}
