import { useEffect, useState } from 'react';
import type { DueItem } from '../../../shared/command/due';
import type { CommandState } from '../../../shared/command/types';
import type { TemplateId } from '../../../shared/command/templates';
import type { Incident } from '../../../shared/domain/incident';
import { useNow } from '../../hooks/useNow';
import { activeSnooze, dueWhen, SNOOZE_CHOICES } from '../../logic/due-view';
import { formatUtcTime } from '../../logic/format';
import { act, loadCommandState } from '../../state/command';
import { acknowledge } from '../../state/commands';

function DueRow({
  incident,
  item,
  state,
  now,
  onWrite,
}: {
  incident: Incident;
  item: DueItem;
  state: CommandState;
  now: number;
  onWrite: (id: TemplateId) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const when = dueWhen(item, now);
  // The page's clock decides due or not between reads, so the list turns the moment something falls due.
  const shown = item.state === 'done' ? 'done' : now >= item.dueAt ? 'due' : 'upcoming';
  const snooze = activeSnooze(item, state.snoozes, now);
  const open = item.state !== 'done' && incident.status !== 'closed';
  const run = async (action: () => Promise<{ ok: boolean; message?: string }>): Promise<void> => {
    setBusy(true);
    const outcome = await action();
    setBusy(false);
    setError(outcome.ok ? null : (outcome.message ?? 'failed'));
  };

  return (
    <li className={`due-item tone-${when.tone}`} data-testid="due-item" data-kind={item.kind} data-state={shown} data-key={item.key}>
      <div className="due-head">
        <span className="due-title">{item.title}</span>
        <span className="due-when" data-testid="due-when">
          {when.text}
        </span>
        <span className="due-at muted">{formatUtcTime(item.dueAt)}</span>
      </div>
      <div className="due-detail muted">{item.detail}</div>
      {open && (
        <div className="due-actions">
          {item.kind === 'ack' && incident.times.acknowledgedAt === null && (
            <button
              type="button"
              className="btn btn-small btn-alert"
              disabled={busy}
              onClick={() => void run(() => acknowledge(incident.id))}
            >
              Acknowledge
            </button>
          )}
          {item.templateId !== null && (
            <button
              type="button"
              className="btn btn-small btn-primary"
              onClick={() => item.templateId && onWrite(item.templateId)}
              data-testid="due-write"
            >
              Write it
            </button>
          )}
          {item.kind === 'escalation-step' && item.level !== null && item.notify && (
            <button
              type="button"
              className="btn btn-small"
              disabled={busy}
              onClick={() => void run(() => act(incident.id, 'command:mark-engaged', { id: incident.id, level: item.level ?? 'on-call' }))}
              data-testid="due-engaged"
            >
              Mark {item.level} engaged
            </button>
          )}
          {item.notify && (
            <span className="due-snooze" role="group" aria-label={`Snooze the ${item.title} notification`}>
              {snooze ? (
                <span className="muted" data-testid="due-snoozed">
                  snoozed until {formatUtcTime(snooze.until)}
                </span>
              ) : (
                <span className="muted">snooze</span>
              )}
              {SNOOZE_CHOICES.map((c) => (
                <button
                  key={c.minutes}
                  type="button"
                  className="btn btn-small btn-quiet"
                  disabled={busy}
                  onClick={() =>
                    void run(() => act(incident.id, 'command:snooze', { incidentId: incident.id, dueKey: item.key, minutes: c.minutes }))
                  }
                  data-testid={`due-snooze-${c.minutes}`}
                >
                  {c.label}
                </button>
              ))}
            </span>
          )}
        </div>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </li>
  );
}

/** What falls due on this incident and when, from the severity policy; answered items stay, struck through. */
export function DueList({ incident, state, onWrite }: { incident: Incident; state: CommandState; onWrite: (id: TemplateId) => void }) {
  const now = useNow(1000);
  // Something falling due can bring the next matrix step into view: re-read when it happens.
  const crossed = state.due.filter((d) => d.dueAt <= now).length;
  useEffect(() => {
    void loadCommandState(incident.id);
  }, [crossed, incident.id]);
  const open = state.due.filter((d) => d.state !== 'done');
  const done = state.due.filter((d) => d.state === 'done');
  return (
    <section className="panel due-panel" aria-labelledby="due-h" data-testid="due-list">
      <h2 id="due-h">Due</h2>
      {state.due.length === 0 ? (
        <p className="muted">Nothing is due: the incident is closed.</p>
      ) : (
        <ul className="due-items">
          {[...open, ...done].map((item) => (
            <DueRow key={item.key} incident={incident} item={item} state={state} now={now} onWrite={onWrite} />
          ))}
        </ul>
      )}
    </section>
  );
}
