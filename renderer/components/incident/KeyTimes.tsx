import { useState, type FormEvent } from 'react';
import { EDITABLE_TIMES, type EditableTime, type Incident, type IncidentTimes } from '../../../shared/domain/incident';
import { formatDuration, responseMetrics } from '../../../shared/domain/response-metrics';
import { useNow } from '../../hooks/useNow';
import { formatAgo, formatTime, fromTimeInput, toTimeInput, zoneName } from '../../logic/format';
import { setTime } from '../../state/commands';
import { TimeInput } from '../time/TimeInput';

const ROWS: readonly { field: keyof IncidentTimes; label: string }[] = [
  { field: 'impactStartedAt', label: 'Impact start' },
  { field: 'detectedAt', label: 'Detected' },
  { field: 'declaredAt', label: 'Declared' },
  { field: 'acknowledgedAt', label: 'Acknowledged' },
  { field: 'mitigatedAt', label: 'Mitigated' },
  { field: 'resolvedAt', label: 'Resolved' },
  { field: 'closedAt', label: 'Closed' },
];

function isEditable(field: keyof IncidentTimes): field is EditableTime {
  return (EDITABLE_TIMES as readonly string[]).includes(field);
}

function TimeEditor({ incident, field, onDone }: { incident: Incident; field: EditableTime; onDone: () => void }) {
  const current = incident.times[field];
  const [value, setValue] = useState(() => toTimeInput(current ?? Date.now()));
  const [error, setError] = useState<string | null>(null);
  const save = async (at: number | null): Promise<void> => {
    const outcome = await setTime({ id: incident.id, field, at });
    if (outcome.ok) onDone();
    else setError(outcome.message);
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const at = fromTimeInput(value);
    if (at === null || Number.isNaN(at)) setError(`Enter a date and time as YYYY-MM-DD HH:MM:SS (${zoneName()}).`);
    else void save(at);
  };
  return (
    <form className="time-editor" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onDone())}>
      <TimeInput autoFocus value={value} onChange={setValue} aria-label={`${field} (${zoneName()})`} testId={`time-input-${field}`} />
      <button type="submit" className="btn btn-small" data-testid={`time-save-${field}`}>
        Save
      </button>
      {current !== null && (
        <button type="button" className="btn btn-small" onClick={() => void save(null)} data-testid={`time-clear-${field}`}>
          Clear
        </button>
      )}
      <button type="button" className="btn btn-small btn-quiet" onClick={onDone}>
        Cancel
      </button>
      {error && <span className="field-error">{error}</span>}
    </form>
  );
}

export function KeyTimes({ incident }: { incident: Incident }) {
  const [editing, setEditing] = useState<EditableTime | null>(null);
  const now = useNow(60_000);
  const closed = incident.status === 'closed';
  return (
    <section className="panel" aria-labelledby="key-times-h" data-testid="key-times">
      <h2 id="key-times-h">Key times</h2>
      <dl className="key-times">
        {ROWS.map(({ field, label }) => {
          const at = incident.times[field];
          return (
            <div key={field} className="key-time" data-testid={`time-${field}`}>
              <dt>{label}</dt>
              <dd>
                {editing === field && isEditable(field) ? (
                  <TimeEditor key={`${incident.id}-${field}`} incident={incident} field={field} onDone={() => setEditing(null)} />
                ) : (
                  <>
                    {at === null ? <span className="muted">—</span> : <TimeStamp at={at} now={now} />}
                    {isEditable(field) && !closed && (
                      <button
                        type="button"
                        className="btn btn-small btn-quiet"
                        onClick={() => setEditing(field)}
                        data-testid={`time-edit-${field}`}
                        aria-label={`Edit ${label}`}
                      >
                        Edit
                      </button>
                    )}
                  </>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
      <Metrics times={incident.times} />
    </section>
  );
}

export function TimeStamp({ at, now }: { at: number; now: number }) {
  return (
    <span className="stamp">
      <time dateTime={new Date(at).toISOString()}>{formatTime(at)}</time>
      <span className="muted">{formatAgo(at, now)}</span>
    </span>
  );
}

/** TTD / TTA / TTM / TTR with their formulas written out: people argue about what "TTR" means, so the page says. */
function Metrics({ times }: { times: IncidentTimes }) {
  return (
    <dl className="metrics" aria-label="Response metrics">
      {responseMetrics(times).map((m) => (
        <div key={m.id} className="metric" data-testid={`metric-${m.id}`}>
          <dt>
            {m.id.toUpperCase()} <span className="metric-label">{m.label}</span>
          </dt>
          <dd>{m.ms === null ? '—' : formatDuration(m.ms)}</dd>
          <dd className="metric-formula" data-testid={`metric-formula-${m.id}`}>
            = {m.formula}
          </dd>
        </div>
      ))}
    </dl>
  );
}
