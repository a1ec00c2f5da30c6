import { EditorView, basicSetup } from 'codemirror';
import { useEffect, useRef, useState } from 'react';
import { savePlaybook } from '../../state/playbooks';

interface Props {
  /** The playbook edited, or null for a new one. */
  id: string | null;
  initial: string;
  onClose: (savedId: string | null) => void;
}

/**
 * A playbook edited as YAML in CodeMirror 6 (line numbers, undo, search). Saving sends the text as
 * it is; Pitwall checks all of it and says what is wrong by field and line, and nothing is stored
 * until it is right. The text stays in the editor whatever the answer.
 */
export function PlaybookEditor({ id, initial, onClose }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({ doc: initial, extensions: [basicSetup, EditorView.lineWrapping], parent: host.current });
    view.current = v;
    v.focus();
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor owns its text once created; `initial` is only the starting point.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const goToLine = (line: number): void => {
    const v = view.current;
    if (!v || line < 1 || line > v.state.doc.lines) return;
    const pos = v.state.doc.line(line).from;
    v.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    v.focus();
  };

  const save = async (): Promise<void> => {
    const text = view.current?.state.doc.toString() ?? '';
    setBusy(true);
    const outcome = await savePlaybook({ ...(id ? { id } : {}), text, format: 'yaml' });
    setBusy(false);
    if (outcome.ok) onClose(outcome.value.id);
    else {
      setError(outcome.message);
      const line = /line (\d+)/.exec(outcome.message);
      if (line) goToLine(Number(line[1]));
    }
  };

  return (
    <section className="pb-editor" aria-label={id ? `Edit ${id}` : 'New playbook'} data-testid="playbook-editor">
      <header className="pb-editor-head">
        <h3>{id ? `Editing ${id}` : 'New playbook'}</h3>
        <span className="muted">YAML · saved as a new version · Ctrl+F to search</span>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void save()} data-testid="playbook-save">
          Save
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => onClose(null)}>
          Cancel
        </button>
      </header>
      {error && (
        <p className="form-error" role="alert" data-testid="playbook-editor-error">
          {error}
        </p>
      )}
      <div className="pb-editor-host" ref={host} data-testid="playbook-editor-text" />
    </section>
  );
}
