import { useState } from 'react';
import type { CommandState, MitigationRecord } from '../../../shared/command/types';
import type { Incident } from '../../../shared/domain/incident';
import { formatUtc, formatUtcTime } from '../../logic/format';
import { act } from '../../state/command';
import { useSnapshot } from '../../state/telemetry';
import { DialogActions } from '../DialogActions';
import { Modal } from '../Modal';
import { QueueActionDialog, type QueueVerb } from './QueueActionDialog';
import { SilenceDialog } from './SilenceDialog';
import { useMitigation } from './useMitigation';

type Open =
  | { kind: 'queue'; verb: QueueVerb; preset?: { sourceId: number; queue: string } }
  | { kind: 'silence' }
  | { kind: 'expire'; record: MitigationRecord }
  | null;

function ExpireDialog({ incident, record, onClose }: { incident: Incident; record: MitigationRecord; onClose: () => void }) {
  const { busy, error, run } = useMitigation(onClose);
  const confirm = (): Promise<void> =>
    run(() => act(incident.id, 'mitigation:expire-silence', { id: incident.id, mitigationId: record.id }));
  return (
    <Modal title="Expire a silence" onClose={onClose} testId="expire-dialog">
      <div className="confirm-what">
        <p>
          Pitwall will ask Alertmanager “{record.sourceName}” to expire silence <code className="mono">{record.silenceId}</code>. Alerts
          matching <code className="mono">{record.target}</code> notify again at once if they still fire. The expiry is recorded on{' '}
          {incident.ref}’s timeline.
        </p>
      </div>
      <DialogActions
        error={error}
        onCancel={onClose}
        confirm={{ label: 'Expire silence', tone: 'alert', disabled: busy, onClick: () => void confirm(), testId: 'expire-confirm' }}
      />
    </Modal>
  );
}

/** Mitigations from the console: what is in place now (with undo), the buttons to add one, and every attempt with its outcome. */
export function MitigationsPanel({ incident, state }: { incident: Incident; state: CommandState }) {
  const [open, setOpen] = useState<Open>(null);
  const snapshot = useSnapshot();
  const closed = incident.status === 'closed';
  const reported = (r: MitigationRecord): boolean | null => {
    const q = snapshot?.queues;
    if (!q || q.sourceId !== r.sourceId) return null;
    return q.data.find((x) => x.queue === r.target)?.paused ?? null;
  };

  return (
    <section className="panel mitigations-panel" aria-labelledby="mitigations-h" data-testid="mitigations-panel">
      <div className="panel-head">
        <h2 id="mitigations-h">Mitigations</h2>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small"
          disabled={closed}
          onClick={() => setOpen({ kind: 'queue', verb: 'pause' })}
          data-testid="pause-queue-button"
        >
          Pause a queue…
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={closed}
          onClick={() => setOpen({ kind: 'silence' })}
          data-testid="silence-button"
        >
          Silence alerts…
        </button>
      </div>
      <h3>In place</h3>
      {state.open.pausedQueues.length === 0 && state.open.silences.length === 0 ? (
        <p className="muted">Nothing this incident paused or silenced is still in place.</p>
      ) : (
        <ul className="in-place" data-testid="in-place">
          {state.open.pausedQueues.map((r) => {
            const now = reported(r);
            return (
              <li key={r.id} data-testid="paused-queue" data-queue={r.target}>
                <span>
                  Queue <b>“{r.target}”</b> paused on {r.sourceName} since {formatUtcTime(r.at)} by {r.author}
                  {now === false && <span className="warning-inline"> · AsynqMon now reports it running</span>}
                </span>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={closed}
                  onClick={() => setOpen({ kind: 'queue', verb: 'resume', preset: { sourceId: r.sourceId, queue: r.target } })}
                  data-testid="resume-queue-button"
                >
                  Resume…
                </button>
              </li>
            );
          })}
          {state.open.silences.map((r) => (
            <li key={r.id} data-testid="active-silence" data-silence-id={r.silenceId ?? ''}>
              <span>
                Silence <code className="mono">{r.target}</code> on {r.sourceName}
                {r.endsAt !== null ? ` until ${formatUtcTime(r.endsAt)}` : ''}
                {r.expireOnResolve ? ' · expires on resolve' : ''}
              </span>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setOpen({ kind: 'expire', record: r })}
                data-testid="expire-silence-button"
              >
                Expire…
              </button>
            </li>
          ))}
        </ul>
      )}
      {state.mitigations.length > 0 && (
        <>
          <h3>All attempts</h3>
          <ul className="mitigation-log" data-testid="mitigation-log">
            {[...state.mitigations].reverse().map((r) => (
              <li key={r.id} className={`outcome-${r.outcome}`} data-testid="mitigation-record" data-outcome={r.outcome} data-kind={r.kind}>
                <span className="mono">{formatUtc(r.at)}</span>{' '}
                <span className={`badge outcome-${r.outcome}`}>{r.outcome === 'ok' ? 'done' : 'failed'}</span> {r.message}{' '}
                <span className="muted">— {r.author}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {open?.kind === 'queue' && (
        <QueueActionDialog incident={incident} verb={open.verb} preset={open.preset} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'silence' && <SilenceDialog incident={incident} onClose={() => setOpen(null)} />}
      {open?.kind === 'expire' && <ExpireDialog incident={incident} record={open.record} onClose={() => setOpen(null)} />}
    </section>
  );
}
