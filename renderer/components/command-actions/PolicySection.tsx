import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { PRIORITY_OF, SEVERITIES, type Severity } from '../../../shared/domain/severity';
import { DEFAULT_POLICY, ESCALATION_LEVELS, type EscalationLevel } from '../../../shared/policy/severity-policy';
import { buildPolicy, policyFormFrom, type PolicyForm } from '../../logic/policy-form';
import { ask, refreshCommandState } from '../../state/command';
import { loadPolicy, usePolicy, usePolicyLoaded } from '../../state/policy';
import '../../styles/command-actions.css';

type RuleField = keyof PolicyForm['rules'][Severity];

const RULE_FIELDS: readonly { field: RuleField; label: string; hint: string }[] = [
  { field: 'responseSlaMin', label: 'Response SLA (min)', hint: 'acknowledge within' },
  { field: 'escalationMin', label: 'Escalation (min)', hint: 'blank: never by time' },
  { field: 'updateCadenceMin', label: 'Update every (min)', hint: 'blank: no schedule' },
  { field: 'channels', label: 'Notification channels', hint: 'comma separated' },
];

/**
 * The severity policy that due items are planned from: per severity, the response SLA, escalation
 * time, notification channels and update cadence, and the escalation matrix by elapsed time.
 * Checked as typed and by main; "Reset" fills in the seeds' values (lecture SEVERITY_CONFIG, Gaudi matrix).
 */
export function PolicySection() {
  const policy = usePolicy();
  const loaded = usePolicyLoaded();
  // Unedited, the form follows the stored policy; once edited, it holds what was typed until saved.
  const [edited, setEdited] = useState<PolicyForm | null>(null);
  const form = edited ?? policyFormFrom(policy);
  const [checked, setChecked] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!loaded) void loadPolicy();
  }, [loaded]);

  const built = useMemo(() => buildPolicy(form), [form]);
  const errors = checked && !built.ok ? built.errors : {};
  const edit = (f: (p: PolicyForm) => PolicyForm): void => {
    setEdited(f(form));
    setNote(null);
  };
  const setRule = (s: Severity, field: RuleField, value: string): void =>
    edit((p) => ({ ...p, rules: { ...p.rules, [s]: { ...p.rules[s], [field]: value } } }));
  const setStep = (i: number, patch: Partial<PolicyForm['matrix'][number]>): void =>
    edit((p) => ({ ...p, matrix: p.matrix.map((st, j) => (j === i ? { ...st, ...patch } : st)) }));

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setChecked(true);
    if (!built.ok || busy) return;
    setBusy(true);
    const r = await ask('policy:set', { rules: built.policy.rules, escalationMatrix: [...built.policy.escalationMatrix] });
    setBusy(false);
    if (r.ok) {
      setEdited(null);
      setChecked(false);
      setNote({ kind: 'ok', text: 'Saved. Open incidents are re-planned with it.' });
      await loadPolicy();
      refreshCommandState();
    } else setNote({ kind: 'error', text: `Pitwall refused to save: ${r.message}` });
  };

  return (
    <section className="panel policy-section" aria-labelledby="policy-h" data-testid="policy-section">
      <h2 id="policy-h">Severity policy</h2>
      <p className="muted">What each severity demands; due items and notifications follow it.</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <table className="policy-table">
          <thead>
            <tr>
              <th>Severity</th>
              {RULE_FIELDS.map((f) => (
                <th key={f.field} title={f.hint}>
                  {f.label}
                  <span className="hint">{f.hint}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SEVERITIES.map((s) => (
              <tr key={s}>
                <th scope="row">
                  {s} · {PRIORITY_OF[s]}
                </th>
                {RULE_FIELDS.map(({ field, label }) => {
                  const err = errors[`${s}.${field}`];
                  return (
                    <td key={field}>
                      <input
                        value={form.rules[s][field]}
                        onChange={(e) => setRule(s, field, e.target.value)}
                        aria-label={`${s} ${label}`}
                        aria-invalid={err ? true : undefined}
                        inputMode={field === 'channels' ? 'text' : 'numeric'}
                        data-testid={`policy-${s}-${field}`}
                      />
                      {err && <span className="field-error">{err}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Escalation matrix (who is engaged from how many minutes after declaration)</h3>
        <table className="policy-table">
          <thead>
            <tr>
              <th>From (min)</th>
              {SEVERITIES.map((s) => (
                <th key={s}>
                  {s} · {PRIORITY_OF[s]}
                </th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {form.matrix.map((step, i) => {
              const err = errors[`matrix.${i}.fromMin`];
              return (
                <tr key={i}>
                  <td>
                    <input
                      value={step.fromMin}
                      onChange={(e) => setStep(i, { fromMin: e.target.value })}
                      aria-label={`Step ${i + 1} starts at minute`}
                      aria-invalid={err ? true : undefined}
                      data-testid={`policy-step-${i}-from`}
                    />
                    {err && <span className="field-error">{err}</span>}
                  </td>
                  {SEVERITIES.map((s) => (
                    <td key={s}>
                      <select
                        value={step.engage[s]}
                        onChange={(e) => setStep(i, { engage: { ...step.engage, [s]: e.target.value as EscalationLevel | '' } })}
                        aria-label={`Step ${i + 1} ${s}`}
                      >
                        <option value="">—</option>
                        {ESCALATION_LEVELS.map((l) => (
                          <option key={l} value={l}>
                            {l}
                          </option>
                        ))}
                      </select>
                    </td>
                  ))}
                  <td>
                    <button
                      type="button"
                      className="btn btn-small btn-quiet"
                      disabled={form.matrix.length <= 1}
                      onClick={() => edit((p) => ({ ...p, matrix: p.matrix.filter((_, j) => j !== i) }))}
                      aria-label={`Remove step ${i + 1}`}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="policy-footer">
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              edit((p) => ({
                ...p,
                matrix: [...p.matrix, { fromMin: '', engage: { SEV1: '', SEV2: '', SEV3: '', SEV4: '' } }],
              }))
            }
          >
            Add step
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              edit(() => policyFormFrom(DEFAULT_POLICY));
              setNote({ kind: 'ok', text: "The seeds' values are filled in; Save to apply them." });
            }}
            data-testid="policy-reset"
          >
            Reset to the seeds’ defaults
          </button>
          <span className="spacer" />
          {errors.form && (
            <span className="form-error" role="alert" data-testid="policy-error">
              {errors.form}
            </span>
          )}
          {checked && !built.ok && !errors.form && (
            <span className="form-error" role="alert" data-testid="policy-error">
              Fix the fields marked in red.
            </span>
          )}
          {note && (
            <span className={note.kind === 'ok' ? 'saved-note' : 'form-error'} role="status" data-testid="policy-note">
              {note.text}
            </span>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="policy-save">
            {busy ? 'Saving…' : 'Save policy'}
          </button>
        </div>
      </form>
    </section>
  );
}
