import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  buildRetentionInput,
  RETENTION_FIELDS,
  retentionFormFrom,
  retentionLimits,
  type RetentionField,
  type RetentionForm,
} from '../../logic/retention-form';
import type { RetentionSettings } from '../../../shared/domain/telemetry';
import type { Outcome } from '../../state/commands';
import { getRetention, setRetention } from './source-actions';

/** How much telemetry is kept. Incident windows are always kept in full; this governs everything else. */
export function RetentionSection() {
  const [form, setForm] = useState<RetentionForm | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const apply = useCallback((outcome: Outcome<RetentionSettings>): void => {
    if (outcome.ok) {
      setForm(retentionFormFrom(outcome.value));
      setLoadError(null);
    } else setLoadError(outcome.message);
  }, []);
  const reload = (): void => void getRetention().then(apply);
  useEffect(() => {
    let live = true;
    void getRetention().then((outcome) => live && apply(outcome));
    return () => {
      live = false;
    };
  }, [apply]);

  const built = useMemo(() => (form ? buildRetentionInput(form) : null), [form]);
  const errors = checked && built && !built.ok ? built.errors : {};

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy || !built) return;
    setChecked(true);
    setServerError(null);
    setSavedNote(null);
    if (!built.ok) return;
    setBusy(true);
    const outcome = await setRetention(built.input);
    setBusy(false);
    if (outcome.ok) {
      setForm(retentionFormFrom(outcome.value));
      setSavedNote('Saved.');
    } else setServerError(`Pitwall refused to save: ${outcome.message}`);
  };

  const set = (field: RetentionField, value: string): void => {
    setSavedNote(null);
    setForm((f) => (f ? { ...f, [field]: value } : f));
  };

  return (
    <section className="panel retention" aria-labelledby="retention-h">
      <h2 id="retention-h">Retention</h2>
      {form === null ? (
        <p className={loadError ? 'inline-error' : 'muted'} data-testid="retention-load">
          {loadError ? `Could not load retention settings: ${loadError} ` : 'Loading retention settings…'}
          {loadError && (
            <button type="button" className="btn btn-small" onClick={reload}>
              Retry
            </button>
          )}
        </p>
      ) : (
        <form className="retention-form" onSubmit={(e) => void submit(e)} noValidate data-testid="retention-form">
          <div className="retention-grid">
            {RETENTION_FIELDS.map(({ field, label, unit, hint }) => {
              const { min, max } = retentionLimits(field);
              const error = errors[field];
              return (
                <label key={field}>
                  {label}
                  <span className="with-unit">
                    <input
                      type="number"
                      min={min}
                      max={max}
                      step={1}
                      value={form[field]}
                      onChange={(e) => set(field, e.target.value)}
                      data-testid={`retention-field-${field}`}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `retention-error-${field}` : undefined}
                    />
                    <span className="muted">{unit}</span>
                  </span>
                  <span className="hint">{hint}</span>
                  {error && (
                    <span id={`retention-error-${field}`} className="field-error" data-testid={`retention-error-${field}`}>
                      {error}
                    </span>
                  )}
                </label>
              );
            })}
          </div>
          <div className="retention-footer">
            {serverError && (
              <p className="form-error" role="alert" data-testid="retention-server-error">
                {serverError}
              </p>
            )}
            {savedNote && (
              <span className="saved-note" role="status" data-testid="retention-saved">
                {savedNote}
              </span>
            )}
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="retention-save">
              {busy ? 'Saving…' : 'Save retention'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
