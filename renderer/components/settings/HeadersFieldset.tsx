import { SOURCE_LIMITS } from '../../../shared/domain/source-config';
import { addRow, patchRow, removeRow, type SourceForm, type SourceFormErrors } from '../../logic/source-form';
import type { Update } from './AuthFieldset';
import { FieldError, invalid, STORED_PLACEHOLDER } from './fields';

/** Custom request headers, e.g. Loki's tenant header; a secret one is stored encrypted and never shown. */
export function HeadersFieldset({ form, errors, update }: { form: SourceForm; errors: SourceFormErrors; update: Update }) {
  const hasTenant = form.headers.some((h) => h.name.trim().toLowerCase() === 'x-scope-orgid');
  const addTenant = (): void => update((f) => addRow(f, 'headers', { name: 'X-Scope-OrgID' }));
  return (
    <fieldset className="form-section">
      <legend>Custom headers</legend>
      {form.headers.length === 0 && <p className="hint">None. Multi-tenant Loki and Prometheus (Mimir, Cortex) need X-Scope-OrgID.</p>}
      {form.headers.map((h, i) => (
        <div key={h.key} className="header-row" data-testid="source-header-row">
          <label>
            <span className="visually-hidden">Header {i + 1} name</span>
            <input
              value={h.name}
              placeholder="Header name"
              onChange={(e) => update((f) => patchRow(f, 'headers', h.key, { name: e.target.value }))}
              data-testid="source-header-name"
              {...invalid(errors, `header-${h.key}-name`)}
            />
          </label>
          <label>
            <span className="visually-hidden">Header {i + 1} value</span>
            <input
              type={h.secret ? 'password' : 'text'}
              value={h.value}
              placeholder={h.secret && h.storedName !== null ? STORED_PLACEHOLDER : 'Value'}
              autoComplete={h.secret ? 'new-password' : 'off'}
              onChange={(e) => update((f) => patchRow(f, 'headers', h.key, { value: e.target.value }))}
              data-testid="source-header-value"
              {...invalid(errors, `header-${h.key}-value`)}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={h.secret}
              onChange={(e) => update((f) => patchRow(f, 'headers', h.key, { secret: e.target.checked }))}
              data-testid="source-header-secret"
            />
            secret
          </label>
          <button
            type="button"
            className="btn btn-small btn-quiet"
            onClick={() => update((f) => removeRow(f, 'headers', h.key))}
            aria-label={`Remove header ${h.name || i + 1}`}
          >
            Remove
          </button>
          <FieldError errors={errors} field={`header-${h.key}-name`} />
          <FieldError errors={errors} field={`header-${h.key}-value`} />
        </div>
      ))}
      <FieldError errors={errors} field="headers" />
      <div className="row-buttons">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => update((f) => addRow(f, 'headers'))}
          disabled={form.headers.length >= SOURCE_LIMITS.maxHeaders}
          data-testid="source-header-add"
        >
          Add header
        </button>
        {!hasTenant && (form.kind === 'loki' || form.kind === 'prometheus') && (
          <button type="button" className="btn btn-small btn-quiet" onClick={addTenant}>
            + X-Scope-OrgID (tenant)
          </button>
        )}
      </div>
    </fieldset>
  );
}
