import { useState, type FormEvent } from 'react';
import { RESPONSE_CLOCK_STARTS, type ResponseClockStart } from '../../../shared/policy/severity-policy';
import type { TimeDisplay } from '../../../shared/domain/preferences';
import { useNow } from '../../hooks/useNow';
import { formatTime, localOffset } from '../../logic/format';
import { setResponseClockFrom, usePolicy } from '../../state/policy';
import { savePreferences, usePreferences } from '../../state/preferences';

const SOURCE_TEXT = {
  saved: 'saved on this workstation',
  environment: 'from PITWALL_OPERATOR (not saved yet)',
  'os-user': 'the operating-system account (not saved yet)',
} as const;

const CLOCK_TEXT: Readonly<Record<ResponseClockStart, string>> = {
  detected: 'detection (an incident declared an hour after its alert has used an hour of its response time)',
  declared: 'declaration (the clocks start when the incident is opened in Pitwall)',
};

function OperatorForm() {
  const prefs = usePreferences();
  const [name, setName] = useState(prefs?.savedOperator ?? prefs?.operator ?? '');
  const [note, setNote] = useState<{ error: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const outcome = await savePreferences({ operator: name });
    setNote(
      outcome.ok
        ? { error: false, text: `Saved: new events are attributed to ${outcome.value.operator}.` }
        : { error: true, text: outcome.message },
    );
  };
  return (
    <form className="pref-row" onSubmit={(e) => void submit(e)}>
      <label htmlFor="pref-operator">Operator name</label>
      <div className="pref-field">
        <input id="pref-operator" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} data-testid="pref-operator" />
        <button type="submit" className="btn btn-small btn-primary" data-testid="pref-operator-save">
          Save
        </button>
        {prefs && (
          <span className="muted" data-testid="pref-operator-now">
            Now: {prefs.operator} — {SOURCE_TEXT[prefs.operatorSource]}
          </span>
        )}
        {note && (
          <span className={note.error ? 'field-error' : 'muted'} role={note.error ? 'alert' : undefined} data-testid="pref-operator-note">
            {note.text}
          </span>
        )}
      </div>
    </form>
  );
}

/** Who is at this console, how times are written, and what the response clocks count from. */
export function PreferencesSection() {
  const prefs = usePreferences();
  const policy = usePolicy();
  const [error, setError] = useState<string | null>(null);
  const now = useNow(1_000);
  const setDisplay = async (timeDisplay: TimeDisplay): Promise<void> => {
    const outcome = await savePreferences({ timeDisplay });
    setError(outcome.ok ? null : outcome.message);
  };
  const setClock = async (from: ResponseClockStart): Promise<void> => {
    const outcome = await setResponseClockFrom(from);
    setError(outcome.ok ? null : outcome.message);
  };
  return (
    <section className="panel pref-section" aria-labelledby="prefs-h" data-testid="preferences-section">
      <h2 id="prefs-h">Operator and time</h2>
      {/* Keyed on the first load only: the field starts from the saved name, then is the person's to edit. */}
      <OperatorForm key={prefs ? 'loaded' : 'loading'} />
      <fieldset className="pref-row">
        <legend>Write times in</legend>
        <div className="pref-field">
          {(['utc', 'local'] as const).map((d) => (
            <label key={d} className="check">
              <input
                type="radio"
                name="time-display"
                checked={(prefs?.timeDisplay ?? 'utc') === d}
                onChange={() => void setDisplay(d)}
                data-testid={`pref-time-${d}`}
              />
              {d === 'utc' ? 'UTC (the control room’s shared clock)' : `this machine’s local time (${localOffset(now)})`}
            </label>
          ))}
          <span className="muted">Displays and inputs alike, 24-hour: now is {formatTime(now)}.</span>
        </div>
      </fieldset>
      <fieldset className="pref-row">
        <legend>Response SLA and escalation count from</legend>
        <div className="pref-field">
          {RESPONSE_CLOCK_STARTS.map((c) => (
            <label key={c} className="check">
              <input
                type="radio"
                name="clock-from"
                checked={policy.responseClockFrom === c}
                onChange={() => void setClock(c)}
                data-testid={`pref-clock-${c}`}
              />
              {CLOCK_TEXT[c]}
            </label>
          ))}
        </div>
      </fieldset>
      {error && (
        <p className="inline-error" role="alert" data-testid="preferences-error">
          {error}
        </p>
      )}
    </section>
  );
}
