import { useEffect, useMemo, useRef, useState } from 'react';
import { checkTemplate, DEFAULT_TEMPLATES, PLACEHOLDERS, type Placeholder, type TemplateId } from '../../../shared/command/templates';
import { ask, loadCommsSettings, setCommsSettings, useCommsSettings, useCommsSettingsError } from '../../state/command';
import '../../styles/command-actions.css';
import { TemplatePicker } from './TemplatePicker';

/**
 * The comms templates: the seeds' text unless edited here. Placeholders are listed (a click inserts
 * one) and checked as typed; an unknown one stops the save with its line, it never becomes a blank.
 */
export function TemplatesSection() {
  const settings = useCommsSettings();
  const loadError = useCommsSettingsError();
  const [id, setId] = useState<TemplateId>('initial');
  const [body, setBody] = useState<string | null>(null);
  const [statusPage, setStatusPage] = useState<string | null>(null);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (settings === null) void loadCommsSettings();
  }, [settings]);

  const current = settings?.templates.find((t) => t.id === id) ?? null;
  const text = body ?? current?.body ?? '';
  const problems = useMemo(() => checkTemplate(text), [text]);

  const insert = (p: Placeholder): void => {
    const el = area.current;
    const token = `{{${p}}}`;
    const at = el ? el.selectionStart : text.length;
    const end = el ? el.selectionEnd : text.length;
    setBody(text.slice(0, at) + token + text.slice(end));
    setNote(null);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };
  const save = async (kind: 'save' | 'reset'): Promise<void> => {
    setBusy(true);
    const r = kind === 'save' ? await ask('comms:save-template', { id, body: text }) : await ask('comms:reset-template', { id });
    setBusy(false);
    if (r.ok) {
      setCommsSettings(r.value);
      setBody(null);
      setNote({ kind: 'ok', text: kind === 'save' ? 'Template saved.' : 'Back to the seed text.' });
    } else setNote({ kind: 'error', text: r.message });
  };
  const saveStatusPage = async (): Promise<void> => {
    const r = await ask('comms:set-status-page', { url: statusPage ?? '' });
    if (r.ok) {
      setCommsSettings(r.value);
      setStatusPage(null);
      setNote({ kind: 'ok', text: 'Status page saved.' });
    } else setNote({ kind: 'error', text: r.message });
  };

  return (
    <section className="panel templates-section" aria-labelledby="templates-h" data-testid="templates-section">
      <h2 id="templates-h">Comms templates</h2>
      {loadError && <p className="inline-error">{loadError}</p>}
      <div className="templates-grid">
        <div className="templates-edit">
          <TemplatePicker
            value={id}
            onChange={(next) => {
              setId(next);
              setBody(null);
              setNote(null);
            }}
            testId="template-select"
          />
          <p className="muted">From: {DEFAULT_TEMPLATES[id].source}</p>
          <textarea
            ref={area}
            className="comms-draft"
            rows={14}
            value={text}
            onChange={(e) => {
              setBody(e.target.value);
              setNote(null);
            }}
            aria-invalid={problems.length > 0 ? true : undefined}
            data-testid="template-body"
          />
          {problems.length > 0 && (
            <ul className="form-error problems" role="alert" data-testid="template-problems">
              {problems.map((p, i) => (
                <li key={i}>
                  line {p.line}: {p.message.split(';')[0]}
                </li>
              ))}
            </ul>
          )}
          <div className="comms-actions">
            <button
              type="button"
              className="btn btn-small"
              disabled={busy || !current?.edited}
              onClick={() => void save('reset')}
              data-testid="template-reset"
            >
              Reset to the seed text
            </button>
            <span className="spacer" />
            {note && (
              <span className={note.kind === 'ok' ? 'saved-note' : 'form-error'} role="status" data-testid="template-note">
                {note.text}
              </span>
            )}
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy || body === null}
              onClick={() => void save('save')}
              data-testid="template-save"
            >
              Save template
            </button>
          </div>
          <label className="inline-field status-page">
            <span className="label">Status page URL</span>
            <input
              value={statusPage ?? settings?.statusPage ?? ''}
              onChange={(e) => setStatusPage(e.target.value)}
              placeholder="https://status.example.com"
              data-testid="status-page"
            />
            <button type="button" className="btn btn-small" disabled={statusPage === null} onClick={() => void saveStatusPage()}>
              Save
            </button>
          </label>
        </div>
        <div className="placeholder-list">
          <h3>Placeholders</h3>
          <ul data-testid="placeholder-list">
            {(Object.keys(PLACEHOLDERS) as Placeholder[]).map((p) => (
              <li key={p}>
                <button type="button" className="btn btn-small btn-quiet mono" onClick={() => insert(p)} title="Insert at the cursor">
                  {`{{${p}}}`}
                </button>{' '}
                <span className="muted">{PLACEHOLDERS[p]}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
