import { useState } from 'react';
import { queryRowsFromView } from '../../logic/source-form-rows';
import type { SourceForm, SourceFormErrors } from '../../logic/source-form';
import type { Update } from './AuthFieldset';
import { FieldError, invalid } from './fields';
import { defaultQueries } from './source-actions';

// The ids of the Loki defaults (electron/sources/default-queries.ts) that select on the service label.
const LABELLED_DEFAULTS = new Set(['log-error-rate', 'log-auth-failures', 'log-error-lines']);

interface Props {
  form: SourceForm;
  errors: SourceFormErrors;
  update: Update;
  /** The stream labels the last Test found; undefined before a Test. */
  labels: readonly string[] | undefined;
}

/**
 * Which Loki stream label names a service (the default queries and the logs panel select on it).
 * A Test lists the labels this Loki has and offers them (an empty choice is filled with the best
 * one, see withTestedLabel); until then the label is typed, or left empty for Pitwall to pick.
 */
export function ServiceLabelField({ form, errors, update, labels }: Props) {
  const [rewriteError, setRewriteError] = useState<string | null>(null);
  const current = form.serviceLabel.trim();
  const choose = async (label: string): Promise<void> => {
    update((f) => ({ ...f, serviceLabel: label }));
    // Written queries keep their text; the defaults that select on the label follow it.
    if (form.queryMode !== 'custom' || label === '') return;
    const outcome = await defaultQueries('loki', label);
    if (!outcome.ok) {
      setRewriteError(`Could not rewrite the default queries: ${outcome.message}`);
      return;
    }
    setRewriteError(null);
    const fresh = new Map(queryRowsFromView(outcome.value).map((row) => [row.id, row]));
    update((f) => ({
      ...f,
      queries: f.queries.map((row) => {
        const next = fresh.get(row.id);
        return next && LABELLED_DEFAULTS.has(row.id) ? { ...next, key: row.key, enabled: row.enabled } : row;
      }),
    }));
  };

  const missing = labels !== undefined && current !== '' && !labels.includes(current);
  return (
    <fieldset className="form-section" data-testid="source-service-label">
      <legend>Service label</legend>
      <label>
        Stream label that names a service
        {labels && labels.length > 0 ? (
          <select value={current} onChange={(e) => void choose(e.target.value)} className="mono" data-testid="source-field-serviceLabel">
            <option value="">let Pitwall pick</option>
            {missing && <option value={current}>{current} (no stream has it)</option>}
            {labels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        ) : (
          <input
            value={form.serviceLabel}
            onChange={(e) => update((f) => ({ ...f, serviceLabel: e.target.value }))}
            onBlur={(e) => void choose(e.target.value.trim())}
            placeholder="e.g. app, service_name, job — or Test to list them"
            spellCheck={false}
            className="mono"
            data-testid="source-field-serviceLabel"
            {...invalid(errors, 'serviceLabel')}
          />
        )}
        <FieldError errors={errors} field="serviceLabel" />
      </label>
      <p className="hint" data-testid="source-service-label-hint">
        {labels === undefined
          ? 'Test the source to see the labels its streams carry.'
          : labels.length === 0
            ? 'This Loki has no streams in the last 6 hours, so there is no label to choose yet.'
            : `This Loki's streams carry: ${labels.join(', ')}. The default error queries and the logs panel select on the chosen one.`}
      </p>
      {missing && (
        <p className="form-error" role="alert">
          No stream has the label {current}: the default queries would find nothing.
        </p>
      )}
      {rewriteError && (
        <p className="form-error" role="alert">
          {rewriteError}
        </p>
      )}
    </fieldset>
  );
}
