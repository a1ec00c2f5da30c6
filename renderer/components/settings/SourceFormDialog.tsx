import { useMemo, useRef, useState, type FormEvent } from 'react';
import { SOURCE_KINDS, type SourceKind } from '../../../shared/domain/sources';
import type { SourceView } from '../../../shared/domain/source-config';
import { buildSourceInput, emptySourceForm, formFromView, hasQueries, withTestedLabel, type SourceForm } from '../../logic/source-form';
import { Modal } from '../Modal';
import { AuthFieldset, type Update } from './AuthFieldset';
import { FieldError, invalid } from './fields';
import { HeadersFieldset } from './HeadersFieldset';
import { KIND_INFO } from './kinds';
import { QueriesFieldset } from './QueriesFieldset';
import { ServiceLabelField } from './ServiceLabelField';
import { PollingFieldset, TlsFieldset } from './ConnectionFieldsets';
import { saveSource, testSource, type TestShown } from './source-actions';
import { TestResult } from './TestResult';

/** Add or edit a source. Esc (or Cancel) closes it; a refused save keeps everything typed. */
export function SourceFormDialog({ saved, onClose }: { saved: SourceView | null; onClose: () => void }) {
  const [form, setForm] = useState<SourceForm>(() => (saved ? formFromView(saved) : emptySourceForm()));
  // Errors appear after the first Save or Test, then follow the typing so a fixed field clears at once.
  const [checked, setChecked] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [test, setTest] = useState<TestShown | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const built = useMemo(() => buildSourceInput(form), [form]);
  const errors = checked && !built.ok ? built.errors : {};
  const update: Update = (change) => setForm(change);
  // The first bad field may be scrolled out of view: take the person there once the errors are drawn.
  const showFirstError = (): void =>
    void requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  const set = <K extends keyof SourceForm>(key: K, value: SourceForm[K]): void => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    setChecked(true);
    setServerError(null);
    if (!built.ok) return showFirstError();
    setBusy('save');
    const outcome = await saveSource(built.input);
    setBusy(null);
    if (outcome.ok) onClose();
    else setServerError(outcome.message);
  };

  const runTest = async (): Promise<void> => {
    if (busy) return;
    setChecked(true);
    if (!built.ok) return showFirstError();
    setBusy('test');
    setTest(null);
    const shown = await testSource({ config: built.input });
    setTest(shown);
    setForm((f) => withTestedLabel(f, shown.outcome?.labels));
    setBusy(null);
  };

  const title = saved ? `Edit ${saved.name}` : 'Add a source';
  return (
    <Modal title={title} onClose={onClose} testId="source-form-dialog">
      <form
        className="source-form"
        onSubmit={(e) => void submit(e)}
        noValidate
        data-testid="source-form"
        data-mode={saved ? 'edit' : 'add'}
      >
        <div className="source-form-body">
          <fieldset className="form-section">
            <legend>Source</legend>
            <div className="two-col">
              <label>
                Name
                <input
                  autoFocus
                  value={form.name}
                  onChange={(e) => set('name', e.target.value)}
                  placeholder={`e.g. ${KIND_INFO[form.kind].label} (prod)`}
                  maxLength={120}
                  data-testid="source-field-name"
                  {...invalid(errors, 'name')}
                />
                <FieldError errors={errors} field="name" />
              </label>
              <label>
                Kind
                <select
                  value={form.kind}
                  disabled={saved !== null}
                  onChange={(e) => set('kind', e.target.value as SourceKind)}
                  data-testid="source-field-kind"
                >
                  {SOURCE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {KIND_INFO[k].label}
                    </option>
                  ))}
                </select>
                <span className="hint">{saved ? 'A saved source keeps its kind.' : KIND_INFO[form.kind].reads}</span>
              </label>
            </div>
            <label>
              Base URL
              <input
                value={form.baseUrl}
                onChange={(e) => set('baseUrl', e.target.value)}
                placeholder={KIND_INFO[form.kind].placeholder}
                spellCheck={false}
                className="mono"
                data-testid="source-field-baseUrl"
                {...invalid(errors, 'baseUrl')}
              />
              <FieldError errors={errors} field="baseUrl" />
              {form.demo && <span className="hint">Demo source: its URL follows the embedded lab&apos;s port.</span>}
            </label>
          </fieldset>
          {form.kind === 'loki' && <ServiceLabelField form={form} errors={errors} update={update} labels={test?.outcome?.labels} />}
          <AuthFieldset form={form} errors={errors} update={update} />
          <HeadersFieldset form={form} errors={errors} update={update} />
          <TlsFieldset form={form} errors={errors} update={update} />
          <PollingFieldset form={form} errors={errors} update={update} />
          {hasQueries(form.kind) && <QueriesFieldset form={form} errors={errors} update={update} saved={saved} />}
        </div>
        <div className="source-form-footer">
          {checked && !built.ok && (
            <p className="form-error" role="alert" data-testid="source-form-invalid">
              {errors.form ?? 'Some fields need attention (marked in red). Nothing was saved.'}
            </p>
          )}
          {serverError && (
            <p className="form-error" role="alert" data-testid="source-form-error">
              Pitwall refused to save: {serverError}
            </p>
          )}
          <TestResult shown={test} busy={busy === 'test'} />
          <div className="actions">
            <button type="button" className="btn" onClick={() => void runTest()} disabled={busy !== null} data-testid="source-test">
              {busy === 'test' ? 'Testing…' : 'Test'}
            </button>
            <span className="spacer" />
            <button type="button" className="btn" onClick={onClose} data-testid="source-cancel">
              Cancel <kbd>Esc</kbd>
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy !== null} data-testid="source-save">
              {busy === 'save' ? 'Saving…' : saved ? 'Save changes' : 'Add source'}
            </button>
          </div>
        </div>
      </form>
    </Modal>
  );
}
