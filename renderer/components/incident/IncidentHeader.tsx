import { useState } from 'react';
import type { Incident } from '../../../shared/domain/incident';
import { SEVERITY_MEANING, type Severity } from '../../../shared/domain/severity';
import { canTransition, STATUSES, type Status } from '../../../shared/domain/status';
import { useNow } from '../../hooks/useNow';
import { formatAgo, formatDuration, formatTime } from '../../logic/format';
import { headerClock } from '../../logic/incident-clock';
import { acknowledge } from '../../state/commands';
import { openIncidentTab } from '../../state/incident-tab';
import { useChangeConfirm } from '../command-actions/ChangeDialog';
import { HEADER_ITEMS } from './header-items';
import { DETAILS_TAB_ID } from './incident-tab-ids';
import { Name } from '../text/UntrustedText';
import { SeverityOptions } from '../SeverityBadge';

/** The one clock, saying what it counts from; declaration beside it when that is not the start. */
function Clock({ incident }: { incident: Incident }) {
  const now = useNow(1000);
  const c = headerClock(incident, now);
  const declared = incident.times.declaredAt;
  const title = c.running
    ? `Counting from ${formatTime(c.fromAt)}, as the time to mitigate and resolve do. Declared ${formatTime(declared)}.`
    : `From ${formatTime(c.fromAt)} to ${formatTime(c.toAt ?? now)}: the time to resolve.`;
  return (
    <div className="header-clock" title={title} data-testid="header-clock" data-from={c.from} data-running={c.running}>
      <span className="label" data-testid="header-clock-label">
        {c.label}
      </span>
      <span className="clock" data-testid="elapsed">
        {formatDuration(c.ms)}
      </span>
      {c.from !== 'declaredAt' && c.running && <span className="clock-note muted">declared {formatAgo(declared, now)}</span>}
      {!c.running && <span className="clock-note muted">time to resolve</span>}
    </div>
  );
}

function Scope({ incident }: { incident: Incident }) {
  if (incident.services.length === 0 && incident.tenants.length === 0) return null;
  return (
    <span className="header-scope" data-testid="header-scope">
      {incident.services.map((s) => (
        <span key={`s-${s}`} className="tag tag-service" title="Affected service">
          <Name text={s} />
        </span>
      ))}
      {incident.tenants.map((t) => (
        <span key={`t-${t}`} className="tag tag-tenant" title="Affected tenant / GPU pool">
          <Name text={t} />
        </span>
      ))}
    </span>
  );
}

/**
 * Severity, status and the clock, at the top of every incident tab, in one row: the title block
 * gives way (it wraps) before the controls do, and other domains' HEADER_ITEMS sit between the
 * clock and the acknowledge button.
 */
// The title's tooltip is a glimpse of the summary, not a second copy of a 19 KB one: Details shows it all.
const SUMMARY_TIP = 300;
const summaryTip = (summary: string): string | undefined =>
  summary === '' ? undefined : summary.length > SUMMARY_TIP ? `${summary.slice(0, SUMMARY_TIP)}… (all of it under Details)` : summary;

export function IncidentHeader({ incident }: { incident: Incident }) {
  const [busy, setBusy] = useState(false);
  const closed = incident.status === 'closed';
  // Severity and status changes go through a confirmation that asks why (and lists what is open when closing).
  const change = useChangeConfirm(incident);
  const run = async (action: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    await action();
    setBusy(false);
  };
  const commander = incident.roles.find((r) => r.role === 'commander')?.person ?? null;

  return (
    <header className={`incident-header sev-edge-${incident.severity}`} data-testid="incident-header">
      <div className="title-block">
        <span className="ref" data-testid="incident-ref">
          {incident.ref}
        </span>
        <h1 data-testid="incident-title" title={summaryTip(incident.summary)}>
          <Name text={incident.title} />
        </h1>
        <Scope incident={incident} />
      </div>
      <div className="controls">
        <label className="control">
          <span className="label">Severity</span>
          <select
            className={`sev-select sev-${incident.severity}`}
            value={incident.severity}
            disabled={busy || closed}
            title={SEVERITY_MEANING[incident.severity]}
            onChange={(e) => change.request({ kind: 'severity', to: e.target.value as Severity })}
            data-testid="severity-select"
          >
            <SeverityOptions />
          </select>
        </label>
        <label className="control">
          <span className="label">Status</span>
          <select
            className={`status-select status-${incident.status}`}
            value={incident.status}
            disabled={busy || closed}
            onChange={(e) => change.request({ kind: 'status', to: e.target.value as Status })}
            data-testid="status-select"
          >
            {STATUSES.filter((s) => s === incident.status || canTransition(incident.status, s)).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <Clock incident={incident} />
        <button
          type="button"
          className={`header-ic${commander ? '' : ' none'}`}
          onClick={() => openIncidentTab(incident.id, DETAILS_TAB_ID)}
          title="Incident commander — roles and handoff are under Details"
          data-testid="header-ic"
        >
          <span className="label">IC</span>
          <span className="ic-name">{commander === null ? 'unassigned' : <Name text={commander} />}</span>
        </button>
        {HEADER_ITEMS.map((Item, i) => (
          <div key={i} className="header-item">
            <Item incident={incident} />
          </div>
        ))}
        {incident.times.acknowledgedAt === null && !closed && (
          <button
            type="button"
            className="btn btn-alert"
            disabled={busy}
            onClick={() => void run(() => acknowledge(incident.id))}
            data-testid="ack-button"
          >
            Acknowledge
          </button>
        )}
      </div>
      {change.dialog}
    </header>
  );
}
