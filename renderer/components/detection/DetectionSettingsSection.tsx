import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  DEFAULT_DETECTION_SETTINGS,
  detectionSettingsSchema,
  RULE_IDS,
  RULE_TITLES,
  type DetectionSettings,
  type RuleId,
} from '../../../shared/detection/settings';
import type { Severity } from '../../../shared/domain/severity';
import { getDetectionSettings, saveDetectionSettings } from '../../state/detection';
import { AlertMappings } from './AlertMappings';
import { RuleStatusTable } from './RuleStatusTable';
import { applyDraft, draftFrom, GENERAL_FIELDS, RULE_FIELDS, type Draft } from './rule-fields';
import './detection.css';
import { SeverityOptions } from '../SeverityBadge';

/** Detection under Sources: what each rule sees now, its thresholds, and how alerts map to playbooks. */
export function DetectionSettingsSection() {
  const [base, setBase] = useState<DetectionSettings | null>(null);
  const [draft, setDraft] = useState<Draft>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = (s: DetectionSettings): void => {
    setBase(s);
    setDraft(draftFrom(s));
  };
  useEffect(() => {
    let live = true;
    void getDetectionSettings().then((out) => {
      if (!live) return;
      if (out.ok) load(out.value);
      else setLoadError(out.message);
    });
    return () => {
      live = false;
    };
  }, []);

  const candidate = useMemo(() => (base ? applyDraft(base, draft) : null), [base, draft]);
  const parsed = useMemo(() => (candidate ? detectionSettingsSchema.safeParse(candidate) : null), [candidate]);
  const errors: Record<string, string> = {};
  if (checked && parsed && !parsed.success) for (const i of parsed.error.issues) errors[i.path.join('.')] ??= i.message;

  const edit = (key: string, value: string): void => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const change = (next: DetectionSettings): void => {
    setSaved(false);
    setBase(next);
  };
  const setRule = (id: RuleId, patch: Partial<{ enabled: boolean; severity: Severity }>): void => {
    if (base) change({ ...base, rules: { ...base.rules, [id]: { ...base.rules[id], ...patch } } });
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setChecked(true);
    setServerError(null);
    if (busy || !parsed?.success) return;
    setBusy(true);
    const out = await saveDetectionSettings(parsed.data);
    setBusy(false);
    if (out.ok) {
      load(out.value);
      setChecked(false);
      setSaved(true);
    } else setServerError(`Pitwall refused to save: ${out.message}`);
  };

  return (
    <section className="panel detection-settings" aria-labelledby="detection-h" id="detection" data-testid="detection-settings">
      <h2 id="detection-h">Detection — suggested incidents</h2>
      <p className="muted">
        Rules read the stored telemetry after every poll. A rule whose data is missing says so; it is never counted as all clear.
      </p>
      <RuleStatusTable />
      {!base ? (
        <p className={loadError ? 'inline-error' : 'muted'}>{loadError ? `Could not load detection settings: ${loadError}` : 'Loading…'}</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="detection-form">
          <div className="rule-grid">
            {RULE_IDS.map((id) => (
              <fieldset key={id} className="rule-fields" data-testid={`rule-${id}`}>
                <legend>
                  <label className="rule-switch">
                    <input
                      type="checkbox"
                      checked={base.rules[id].enabled}
                      onChange={(e) => setRule(id, { enabled: e.target.checked })}
                      data-testid={`rule-${id}-enabled`}
                    />
                    {RULE_TITLES[id]}
                  </label>
                </legend>
                <label>
                  proposes
                  <select
                    value={base.rules[id].severity}
                    onChange={(e) => setRule(id, { severity: e.target.value as Severity })}
                    data-testid={`rule-${id}-severity`}
                  >
                    <SeverityOptions />
                  </select>
                </label>
                {RULE_FIELDS[id].map((f) => {
                  const key = `rules.${id}.${f.key}`;
                  return (
                    <label key={key}>
                      {f.label}
                      <span className="with-unit">
                        <input
                          inputMode={f.unit === 'codes' ? 'text' : 'decimal'}
                          value={draft[key] ?? ''}
                          onChange={(e) => edit(key, e.target.value)}
                          aria-invalid={errors[key] ? true : undefined}
                          data-testid={`field-${id}-${f.key}`}
                        />
                        <span className="muted">{f.unit === 'percent' ? '%' : f.unit}</span>
                      </span>
                      {f.hint && <span className="hint">{f.hint}</span>}
                      {errors[key] && <span className="field-error">{errors[key]}</span>}
                    </label>
                  );
                })}
              </fieldset>
            ))}
          </div>
          <AlertMappings settings={base} onChange={change} errors={errors} />
          <div className="rule-general">
            {GENERAL_FIELDS.map((f) => (
              <label key={f.key}>
                {f.label}
                <span className="with-unit">
                  <input
                    inputMode="numeric"
                    value={draft[f.key] ?? ''}
                    onChange={(e) => edit(f.key, e.target.value)}
                    aria-invalid={errors[f.key] ? true : undefined}
                    data-testid={`field-${f.key}`}
                  />
                  <span className="muted">{f.unit}</span>
                </span>
                <span className="hint">{f.hint}</span>
                {errors[f.key] && <span className="field-error">{errors[f.key]}</span>}
              </label>
            ))}
          </div>
          <div className="retention-footer">
            {serverError && (
              <p className="form-error" role="alert">
                {serverError}
              </p>
            )}
            {checked && parsed && !parsed.success && (
              <p className="form-error" role="alert" data-testid="detection-form-error">
                Fix the fields marked in red: {Object.keys(errors).join(', ')}.
              </p>
            )}
            {saved && (
              <span className="saved-note" role="status" data-testid="detection-saved">
                Saved; the rules use it from the next evaluation.
              </span>
            )}
            <button
              type="button"
              className="btn btn-quiet"
              onClick={() => {
                setDraft(draftFrom(DEFAULT_DETECTION_SETTINGS));
                change(DEFAULT_DETECTION_SETTINGS);
              }}
              data-testid="detection-reset"
            >
              Reset to defaults
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="detection-save">
              {busy ? 'Saving…' : 'Save detection settings'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
