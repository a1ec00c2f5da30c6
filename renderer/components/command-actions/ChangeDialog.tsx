import { useEffect, useState, type ReactNode } from 'react';
import { NO_FACTS, planDue } from '../../../shared/command/due';
import type { Incident } from '../../../shared/domain/incident';
import { severityLabel, SEVERITY_MEANING, type Severity } from '../../../shared/domain/severity';
import type { Status } from '../../../shared/domain/status';
import { useNow } from '../../hooks/useNow';
import { formatUtcTime } from '../../logic/format';
import { loadCommandState, useCommandState } from '../../state/command';
import { setSeverity, setStatus } from '../../state/commands';
import { usePolicy } from '../../state/policy';
import { DialogActions } from '../DialogActions';
import { Modal } from '../Modal';

export type Change = { kind: 'severity'; to: Severity } | { kind: 'status'; to: Status };

/** What is still open when closing: unexpired silences, paused queues, an unsent resolution notice. */
function StillOpen({ incident }: { incident: Incident }) {
  const state = useCommandState(incident.id);
  useEffect(() => {
    void loadCommandState(incident.id);
  }, [incident.id]);
  if (!state) return <p className="muted">Checking what is still open…</p>;
  const { silences, pausedQueues, resolutionNoticeUnsent } = state.open;
  const lines = [
    ...silences.map(
      (s) => `Silence on ${s.sourceName} is still active${s.endsAt !== null ? ` until ${formatUtcTime(s.endsAt)}` : ''}: ${s.target}`,
    ),
    ...pausedQueues.map((q) => `Queue “${q.target}” on ${q.sourceName} is still paused (since ${formatUtcTime(q.at)})`),
    ...(resolutionNoticeUnsent ? ['The resolution notice has not been marked sent'] : []),
  ];
  if (lines.length === 0) return <p data-testid="close-nothing-open">Nothing this incident started is still open.</p>;
  return (
    <div className="warning" data-testid="close-still-open">
      <p>Still open — closing does not undo these:</p>
      <ul>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </div>
  );
}

/** What a severity change re-plans: the response and escalation deadlines under the new severity. */
function Replan({ incident, to }: { incident: Incident; to: Severity }) {
  const policy = usePolicy();
  const now = useNow(1000);
  const items = planDue({ ...incident, severity: to }, policy, NO_FACTS, now);
  const shown = items.filter((i) => i.notify && i.kind !== 'update' && i.state !== 'done');
  const rule = policy.rules[to];
  return (
    <div className="confirm-what">
      <p>{SEVERITY_MEANING[to]}.</p>
      <p>
        Response SLA {rule.responseSlaMin} min · escalation {rule.escalationMin === null ? 'none by time' : `${rule.escalationMin} min`} ·
        updates {rule.updateCadenceMin === null ? 'not scheduled' : `every ${rule.updateCadenceMin} min`} · audience{' '}
        {rule.notificationChannels.join(', ') || 'none'}.
      </p>
      {shown.length > 0 && <p>Due after the change: {shown.map((i) => `${i.title} ${formatUtcTime(i.dueAt)}`).join(' · ')}</p>}
    </div>
  );
}

function ChangeDialog({ incident, change, onClose }: { incident: Incident; change: Change; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const closing = change.kind === 'status' && change.to === 'closed';
  const title =
    change.kind === 'severity'
      ? `Severity ${severityLabel(incident.severity)} → ${severityLabel(change.to)}`
      : closing
        ? `Close ${incident.ref}?`
        : `Status ${incident.status} → ${change.to}`;
  let body: ReactNode = null;
  if (change.kind === 'severity') body = <Replan incident={incident} to={change.to} />;
  else if (closing || change.to === 'resolved') body = <StillOpen incident={incident} />;

  const confirm = async (): Promise<void> => {
    setBusy(true);
    const r =
      change.kind === 'severity'
        ? await setSeverity({ id: incident.id, severity: change.to, reason: reason.trim() })
        : await setStatus({ id: incident.id, status: change.to, reason: reason.trim() });
    setBusy(false);
    if (r.ok) {
      void loadCommandState(incident.id);
      onClose();
    } else setError(r.message);
  };

  return (
    <Modal title={title} onClose={onClose} testId="change-dialog">
      <div className="mitigation-form">
        {body}
        {closing && <p className="muted">A closed incident is a record: only notes can be added afterwards.</p>}
        <label>
          Reason (optional, recorded on the timeline)
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} autoFocus data-testid="change-reason" />
        </label>
        <DialogActions
          error={error}
          onCancel={onClose}
          confirm={{
            label: closing ? 'Close incident' : 'Change',
            tone: closing ? 'alert' : 'primary',
            disabled: busy,
            onClick: () => void confirm(),
            testId: 'change-confirm',
          }}
        />
      </div>
    </Modal>
  );
}

/**
 * For the incident header: a severity or status pick opens a confirmation that asks for an optional
 * reason (and, when closing, lists what is still open) instead of changing at once.
 */
export function useChangeConfirm(incident: Incident): { request: (change: Change) => void; dialog: ReactNode } {
  const [change, setChange] = useState<Change | null>(null);
  return {
    request: setChange,
    dialog: change ? (
      <ChangeDialog key={`${change.kind}-${change.to}`} incident={incident} change={change} onClose={() => setChange(null)} />
    ) : null,
  };
}
