import { useState } from 'react';
import { SOURCE_LIMITS, type SourceView } from '../../../shared/domain/source-config';
import { addRow, formFromView, patchRow, removeRow, type SourceForm, type SourceFormErrors } from '../../logic/source-form';
import { queryRowsFromView } from '../../logic/source-form-rows';
import type { Update } from './AuthFieldset';
import { FieldError, invalid } from './fields';
import { KIND_INFO } from './kinds';
import { defaultQueries } from './source-actions';

interface Props {
  form: SourceForm;
  errors: SourceFormErrors;
  update: Update;
  /** The source as saved, when editing: what "Revert" goes back to. */
  saved: SourceView | null;
}

/**
 * The queries a Prometheus or Loki source polls. The kind's defaults live in main: a new source
 * offers "use the defaults" (queries omitted, main fills them in); a saved one can be reverted to
 * what is stored, or reset to the defaults, which main sends into the form to review before saving.
 */
export function QueriesFieldset({ form, errors, update, saved }: Props) {
  const [resetError, setResetError] = useState<string | null>(null);
  const resetToDefaults = async (): Promise<void> => {
    const outcome = await defaultQueries(form.kind, form.kind === 'loki' ? form.serviceLabel.trim() : undefined);
    if (!outcome.ok) {
      setResetError(`Could not load the default queries: ${outcome.message}`);
      return;
    }
    setResetError(null);
    update((f) => ({ ...f, queries: queryRowsFromView(outcome.value) }));
  };
  const kind = KIND_INFO[form.kind].label;
  const language = form.kind === 'loki' ? 'LogQL' : 'PromQL';
  return (
    <fieldset className="form-section" data-testid="source-queries">
      <legend>Queries</legend>
      {form.queryMode === 'defaults' ? (
        <div className="defaults-note">
          <p className="hint" data-testid="source-queries-defaults">
            Pitwall&apos;s default {kind} queries will be polled. You can edit them after saving.
          </p>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => update((f) => addRow(f, 'queries'))}
            data-testid="source-query-custom"
          >
            Write my own queries instead
          </button>
        </div>
      ) : (
        <>
          {form.queries.length === 0 && <p className="hint">No queries: this source is polled for nothing but its health.</p>}
          {form.queries.map((q, i) => (
            <div key={q.key} className={`query-row${q.enabled ? '' : ' off'}`} data-testid="source-query-row" data-query-id={q.id}>
              <div className="query-head">
                <label className="grow">
                  Title
                  <input
                    value={q.title}
                    onChange={(e) => update((f) => patchRow(f, 'queries', q.key, { title: e.target.value }))}
                    data-testid="source-query-title"
                    {...invalid(errors, `query-${q.key}-title`)}
                  />
                </label>
                <label>
                  Stored as metric
                  <input
                    value={q.metric}
                    placeholder="e.g. gpu.memory.share"
                    className="mono"
                    onChange={(e) => update((f) => patchRow(f, 'queries', q.key, { metric: e.target.value }))}
                    data-testid="source-query-metric"
                    {...invalid(errors, `query-${q.key}-metric`)}
                  />
                </label>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={q.enabled}
                    onChange={(e) => update((f) => patchRow(f, 'queries', q.key, { enabled: e.target.checked }))}
                    data-testid="source-query-enabled"
                  />
                  polled
                </label>
                <button
                  type="button"
                  className="btn btn-small btn-quiet"
                  onClick={() => update((f) => removeRow(f, 'queries', q.key))}
                  aria-label={`Remove query ${q.title || i + 1}`}
                  data-testid="source-query-remove"
                >
                  Remove
                </button>
              </div>
              <label>
                {language}
                <textarea
                  rows={2}
                  value={q.expr}
                  className="mono"
                  spellCheck={false}
                  onChange={(e) => update((f) => patchRow(f, 'queries', q.key, { expr: e.target.value }))}
                  data-testid="source-query-expr"
                  {...invalid(errors, `query-${q.key}-expr`)}
                />
              </label>
              <FieldError errors={errors} field={`query-${q.key}-title`} />
              <FieldError errors={errors} field={`query-${q.key}-metric`} />
              <FieldError errors={errors} field={`query-${q.key}-expr`} />
            </div>
          ))}
          <FieldError errors={errors} field="queries" />
          <div className="row-buttons">
            <button
              type="button"
              className="btn btn-small"
              onClick={() => update((f) => addRow(f, 'queries'))}
              disabled={form.queries.length >= SOURCE_LIMITS.maxQueries}
              data-testid="source-query-add"
            >
              Add query
            </button>
            {saved === null ? (
              <button
                type="button"
                className="btn btn-small btn-quiet"
                onClick={() => update((f) => ({ ...f, queryMode: 'defaults' }))}
                data-testid="source-query-defaults"
              >
                Use the defaults instead
              </button>
            ) : (
              <>
                <button
                  type="button"
                  className="btn btn-small btn-quiet"
                  onClick={() => update((f) => ({ ...f, queries: formFromView(saved).queries }))}
                  data-testid="source-query-revert"
                >
                  Revert to saved queries
                </button>
                <button
                  type="button"
                  className="btn btn-small btn-quiet"
                  onClick={() => void resetToDefaults()}
                  data-testid="source-query-reset"
                >
                  Reset to Pitwall&apos;s defaults
                </button>
              </>
            )}
          </div>
          {resetError !== null && (
            <p className="inline-error" role="alert" data-testid="source-query-reset-error">
              {resetError}
            </p>
          )}
          {saved !== null && <p className="hint">A reset or revert changes only this form: nothing is stored until you save.</p>}
        </>
      )}
    </fieldset>
  );
}
