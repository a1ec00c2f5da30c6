import { useState } from 'react';
import type { Incident } from '../../shared/domain/incident';
import { SEVERITIES, SEVERITY_MEANING, severityLabel, type Severity } from '../../shared/domain/severity';
import { canTransition, STATUSES, type Status } from '../../shared/domain/status';
import { useNow } from '../hooks/useNow';
import { formatDuration, formatUtc } from '../logic/format';
import { acknowledge } from '../state/commands';
import { useChangeConfirm } from './command-actions/ChangeDialog';
import { HEADER_ITEMS } from './incident/header-items';
import { Name } from './text/UntrustedText';

function Elapsed({ incident }: { incident: Incident }) {
  const now = useNow(1000);
  const t = incident.times;
  const end = incident.status === 'resolved' || incident.status === 'closed' ? (t.resolvedAt ?? t.closedAt ?? now) : now;
  return (
    <div className="elapsed" title={`Since declaration at ${formatUtc(t.declaredAt)}`}>
      <span className="label">{end === now ? 'Elapsed' : 'Duration'}</span>
      <span className="clock" data-testid="elapsed">
        {formatDuration(Math.max(0, end - t.declaredAt))}
      </span>
    </div>
  );
}

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

  return (
    <header className={`incident-header sev-edge-${incident.severity}`} data-testid="incident-header">
      <div className="title-block">
        <span className="ref" data-testid="incident-ref">
          {incident.ref}
        </span>
        <h1 data-testid="incident-title">
          <Name text={incident.title} />
        </h1>
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
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {severityLabel(s)}
              </option>
            ))}
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
        <Elapsed incident={incident} />
        {HEADER_ITEMS.map((Item, i) => (
          <Item key={i} incident={incident} />
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
