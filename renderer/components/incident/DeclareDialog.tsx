import { useState, type FormEvent } from 'react';
import { DEFAULT_SERVICES } from '../../../shared/domain/services';
import { SEVERITIES, SEVERITY_MEANING, severityLabel, type Severity } from '../../../shared/domain/severity';
import { buildDeclareInput, EMPTY_DECLARE_FORM, type DeclareForm, type FieldErrors } from '../../logic/declare-form';
import { zoneName } from '../../logic/format';
import { declareIncident } from '../../state/commands';
import { closeDeclare } from '../../state/ui';
import { DialogActions } from '../DialogActions';
import { Modal } from '../Modal';
import { TimeInput } from '../time/TimeInput';

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <span id={id} className="field-error" data-testid={id}>
      {text}
    </span>
  );
}

export function DeclareDialog() {
  const [form, setForm] = useState<DeclareForm>(EMPTY_DECLARE_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof DeclareForm>(key: K, value: DeclareForm[K]): void => setForm((f) => ({ ...f, [key]: value }));
  const toggleService = (s: string): void =>
    setForm((f) => ({ ...f, services: f.services.includes(s) ? f.services.filter((x) => x !== s) : [...f.services, s] }));

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    const built = buildDeclareInput(form, Date.now());
    setErrors(built.ok ? {} : built.errors);
    setServerError(null);
    if (!built.ok) return;
    setBusy(true);
    const outcome = await declareIncident(built.input);
    setBusy(false);
    if (!outcome.ok) setServerError(outcome.message);
  };

  const invalid = (k: keyof FieldErrors) => (errors[k] ? { 'aria-invalid': true, 'aria-describedby': `declare-error-${k}` } : {});

  return (
    <Modal title="Declare an incident" onClose={closeDeclare} testId="declare-dialog">
      <form
        className="declare-form"
        onSubmit={(e) => void submit(e)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            e.currentTarget.requestSubmit();
          }
        }}
        noValidate
      >
        <label>
          Title
          <input
            autoFocus
            value={form.title}
            onChange={(e) => set('title', e.target.value)}
            data-testid="declare-title"
            maxLength={200}
            {...invalid('title')}
          />
          <FieldError id="declare-error-title" text={errors.title} />
        </label>
        <label>
          Summary
          <textarea
            rows={3}
            value={form.summary}
            onChange={(e) => set('summary', e.target.value)}
            data-testid="declare-summary"
            {...invalid('summary')}
          />
          <FieldError id="declare-error-summary" text={errors.summary} />
        </label>
        <label>
          Severity
          <select value={form.severity} onChange={(e) => set('severity', e.target.value as Severity)} data-testid="declare-severity">
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {severityLabel(s)} — {SEVERITY_MEANING[s]}
              </option>
            ))}
          </select>
          <span className={`hint sev-text-${form.severity}`} data-testid="declare-severity-meaning">
            {SEVERITY_MEANING[form.severity]}
          </span>
        </label>
        <fieldset>
          <legend>Affected services</legend>
          <div className="checks">
            {DEFAULT_SERVICES.map((s) => (
              <label key={s} className="check">
                <input
                  type="checkbox"
                  checked={form.services.includes(s)}
                  onChange={() => toggleService(s)}
                  data-testid={`declare-service-${s}`}
                />
                {s}
              </label>
            ))}
          </div>
          <input
            placeholder="Other services, comma-separated"
            value={form.otherServices}
            onChange={(e) => set('otherServices', e.target.value)}
            data-testid="declare-services-other"
            aria-label="Other services"
            {...invalid('services')}
          />
          <FieldError id="declare-error-services" text={errors.services} />
        </fieldset>
        <label>
          Affected tenants / GPU pools
          <input
            placeholder="comma-separated, e.g. acme, pool-a100"
            value={form.tenants}
            onChange={(e) => set('tenants', e.target.value)}
            data-testid="declare-tenants"
            {...invalid('tenants')}
          />
          <FieldError id="declare-error-tenants" text={errors.tenants} />
        </label>
        <div className="two-col">
          <label>
            Impact started ({zoneName()}, optional)
            <TimeInput
              value={form.impactStartedAt}
              onChange={(v) => set('impactStartedAt', v)}
              testId="declare-impact-start"
              {...invalid('impactStartedAt')}
            />
            <FieldError id="declare-error-impactStartedAt" text={errors.impactStartedAt} />
          </label>
          <label>
            Detected ({zoneName()}, optional — default: now)
            <TimeInput
              value={form.detectedAt}
              onChange={(v) => set('detectedAt', v)}
              testId="declare-detected"
              {...invalid('detectedAt')}
            />
            <FieldError id="declare-error-detectedAt" text={errors.detectedAt} />
          </label>
        </div>
        <DialogActions
          error={serverError}
          errorTestId="declare-error"
          onCancel={closeDeclare}
          cancel={
            <>
              Cancel <kbd>Esc</kbd>
            </>
          }
          cancelTestId="declare-cancel"
          confirm={{ label: busy ? 'Declaring…' : 'Declare', tone: 'primary', disabled: busy, testId: 'declare-submit' }}
        />
      </form>
    </Modal>
  );
}
