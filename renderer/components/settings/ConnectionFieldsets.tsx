import { SOURCE_LIMITS } from '../../../shared/domain/source-config';
import type { SourceForm, SourceFormErrors } from '../../logic/source-form';
import type { Update } from './AuthFieldset';
import { FieldError, invalid } from './fields';

interface Props {
  form: SourceForm;
  errors: SourceFormErrors;
  update: Update;
}

export function TlsFieldset({ form, errors, update }: Props) {
  const plainHttp = /^\s*http:/i.test(form.baseUrl);
  return (
    <fieldset className="form-section">
      <legend>TLS</legend>
      {plainHttp && <p className="hint">The base URL is plain http://: these settings apply only to https:// sources.</p>}
      <label>
        Extra CA certificate (PEM, optional)
        <textarea
          rows={3}
          value={form.caPem}
          onChange={(e) => update((f) => ({ ...f, caPem: e.target.value }))}
          placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----'}
          className="mono"
          spellCheck={false}
          data-testid="source-field-caPem"
          {...invalid(errors, 'caPem')}
        />
        <span className="hint">Trusted in addition to the system roots, e.g. for a Prometheus behind a private CA.</span>
        <FieldError errors={errors} field="caPem" />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={form.insecureSkipVerify}
          onChange={(e) => update((f) => ({ ...f, insecureSkipVerify: e.target.checked }))}
          data-testid="source-field-insecureSkipVerify"
        />
        Skip certificate verification
      </label>
      {form.insecureSkipVerify && (
        <p className="warning" role="note" data-testid="source-insecure-warning">
          Anyone on the network path can impersonate this source and read its credentials. Use only for a self-signed lab endpoint; prefer
          adding its CA above.
        </p>
      )}
    </fieldset>
  );
}

const { timeoutMs, intervalMs } = SOURCE_LIMITS;

export function PollingFieldset({ form, errors, update }: Props) {
  return (
    <fieldset className="form-section">
      <legend>Polling</legend>
      <div className="three-col">
        <label>
          Timeout (seconds)
          <input
            type="number"
            inputMode="decimal"
            min={timeoutMs.min / 1000}
            max={timeoutMs.max / 1000}
            step="any"
            value={form.timeoutSec}
            onChange={(e) => update((f) => ({ ...f, timeoutSec: e.target.value }))}
            data-testid="source-field-timeoutMs"
            {...invalid(errors, 'timeoutMs')}
          />
          <span className="hint">Whole request: connect, headers and body.</span>
          <FieldError errors={errors} field="timeoutMs" />
        </label>
        <label>
          Poll every (seconds)
          <input
            type="number"
            inputMode="decimal"
            min={intervalMs.min / 1000}
            max={intervalMs.max / 1000}
            step="any"
            value={form.intervalSec}
            onChange={(e) => update((f) => ({ ...f, intervalSec: e.target.value }))}
            data-testid="source-field-intervalMs"
            {...invalid(errors, 'intervalMs')}
          />
          <span className="hint">How often Pitwall asks this source.</span>
          <FieldError errors={errors} field="intervalMs" />
        </label>
        <label className="check enabled-check">
          <input
            type="checkbox"
            checked={form.enabled}
            onChange={(e) => update((f) => ({ ...f, enabled: e.target.checked }))}
            data-testid="source-field-enabled"
          />
          Enabled (polled)
        </label>
      </div>
    </fieldset>
  );
}
