import { Suspense, lazy, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { PLAYBOOK_LIMITS } from '../../../shared/playbooks/schema';
import type { PlaybookSummary } from '../../../shared/playbooks/library';
import type { PlaybookFormat } from '../../../shared/playbooks/playbook-file';
import { NEW_PLAYBOOK_TEMPLATE } from '../../logic/playbook-template';
import {
  deletePlaybook,
  duplicatePlaybook,
  exportPlaybook,
  importPlaybook,
  loadLibrary,
  selectPlaybook,
  useLibraryError,
  usePlaybookDetail,
  usePlaybookDetailError,
  usePlaybookList,
  useSelectedPlaybook,
} from '../../state/playbooks';
import { PlaybookView } from './PlaybookView';
import '../../styles/playbooks.css';

// CodeMirror is only needed when someone edits: its own chunk, loaded then, not on every start.
const PlaybookEditor = lazy(() => import('./PlaybookEditor').then((m) => ({ default: m.PlaybookEditor })));

/** Hands a text to the browser as a file download (browser mode and Electron both save it). */
function download(fileName: string, text: string, format: PlaybookFormat): void {
  const url = URL.createObjectURL(new Blob([text], { type: format === 'json' ? 'application/json' : 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** `#/playbooks`: the library — built-ins to read and copy, the user's own to edit, import and export. */
export function PlaybooksPage() {
  const list = usePlaybookList();
  const listError = useLibraryError();
  const selected = useSelectedPlaybook();
  const detail = usePlaybookDetail();
  const detailError = usePlaybookDetailError();
  const [editing, setEditing] = useState<{ id: string | null; text: string } | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pendingImport, setPendingImport] = useState<{ text: string; fileName: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadLibrary();
  }, []);
  useEffect(() => {
    if (selected === null && list[0]) void selectPlaybook(list[0].id);
  }, [selected, list]);

  const say = (text: string, error = false): void => setMessage({ text, error });

  const runImport = async (text: string, fileName: string, replace: boolean): Promise<void> => {
    const outcome = await importPlaybook({ text, fileName, replace });
    if (outcome.ok) {
      setPendingImport(null);
      say(`Imported “${outcome.value.title}” as ${outcome.value.id} v${outcome.value.version}.`);
    } else {
      setPendingImport(outcome.conflict ? { text, fileName } : null);
      say(outcome.message, true);
    }
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > PLAYBOOK_LIMITS.fileBytes) {
      say(
        `${file.name} is ${Math.ceil(file.size / 1024)} KiB; a playbook file may be at most ${PLAYBOOK_LIMITS.fileBytes / 1024} KiB. Nothing was imported.`,
        true,
      );
      return;
    }
    await runImport(await file.text(), file.name, false);
  };

  const onExport = async (format: PlaybookFormat): Promise<void> => {
    if (!detail) return;
    const outcome = await exportPlaybook(detail.playbook.id, format, detail.latest ? undefined : detail.playbook.version);
    if (outcome.ok) {
      download(outcome.value.fileName, outcome.value.text, format);
      say(`Exported ${outcome.value.fileName}.`);
    } else say(outcome.message, true);
  };

  const onEdit = async (): Promise<void> => {
    if (!detail) return;
    const outcome = await exportPlaybook(detail.playbook.id, 'yaml');
    if (outcome.ok) {
      setMessage(null);
      setEditing({ id: detail.playbook.id, text: outcome.value.text });
    } else say(outcome.message, true);
  };

  const onDuplicate = async (): Promise<void> => {
    if (!detail) return;
    const outcome = await duplicatePlaybook(detail.playbook.id);
    if (outcome.ok) say(`Copied to ${outcome.value.id}; edit it to make it yours.`);
    else say(outcome.message, true);
  };

  const onDelete = async (): Promise<void> => {
    if (!detail || !window.confirm(`Delete your playbook “${detail.playbook.title}”? Incidents that used it keep their copy.`)) return;
    const outcome = await deletePlaybook(detail.playbook.id);
    if (outcome.ok) say(`Deleted ${outcome.value.id}.`);
    else say(outcome.message, true);
  };

  const groups: [string, PlaybookSummary[]][] = [
    ['Yours', list.filter((p) => !p.builtin)],
    ['Built-in', list.filter((p) => p.builtin)],
  ];
  return (
    <div className="playbooks-page" data-testid="playbooks-page">
      <nav className="pb-list panel" aria-label="Playbooks">
        <div className="pb-list-actions">
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => {
              setMessage(null);
              setEditing({ id: null, text: NEW_PLAYBOOK_TEMPLATE });
            }}
            data-testid="playbook-new"
          >
            New
          </button>
          <button type="button" className="btn btn-small" onClick={() => fileInput.current?.click()} data-testid="playbook-import">
            Import…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
            className="visually-hidden"
            onChange={(e) => void onFile(e)}
            data-testid="playbook-import-file"
          />
        </div>
        {listError && <p className="inline-error">{listError}</p>}
        {groups.map(([title, items]) =>
          items.length > 0 ? (
            <div key={title}>
              <h2>{title}</h2>
              <ul>
                {items.map((p) => (
                  <li key={p.id}>
                    <button
                      type="button"
                      className={`pb-list-item${p.id === selected ? ' selected' : ''}`}
                      aria-current={p.id === selected ? 'true' : undefined}
                      onClick={() => {
                        setEditing(null);
                        void selectPlaybook(p.id);
                      }}
                      data-testid="playbook-row"
                      data-playbook={p.id}
                    >
                      <span>{p.title}</span>
                      <span className="muted">
                        {p.items} items{p.evidence.length ? ' · live evidence' : ''}
                        {p.builtin ? '' : ` · v${p.version}`}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null,
        )}
      </nav>
      <div className="pb-main panel">
        {message && (
          <p
            className={message.error ? 'form-error' : 'pb-message'}
            role={message.error ? 'alert' : 'status'}
            data-testid="playbook-message"
          >
            {message.text}
            {pendingImport && (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void runImport(pendingImport.text, pendingImport.fileName, true)}
                data-testid="playbook-import-replace"
              >
                Import as its next version
              </button>
            )}
          </p>
        )}
        {editing ? (
          <Suspense fallback={<p className="muted">Opening the editor…</p>}>
            <PlaybookEditor
              key={editing.id ?? 'new'}
              id={editing.id}
              initial={editing.text}
              onClose={(savedId) => {
                setEditing(null);
                if (savedId) say(`Saved ${savedId}.`);
              }}
            />
          </Suspense>
        ) : (
          <>
            {detail && (
              <div className="pb-actions">
                <button type="button" className="btn btn-small" onClick={() => void onDuplicate()} data-testid="playbook-duplicate">
                  Duplicate
                </button>
                {!detail.builtin && detail.latest && (
                  <>
                    <button type="button" className="btn btn-small" onClick={() => void onEdit()} data-testid="playbook-edit">
                      Edit
                    </button>
                    <button type="button" className="btn btn-small btn-quiet" onClick={() => void onDelete()} data-testid="playbook-delete">
                      Delete
                    </button>
                  </>
                )}
                <button type="button" className="btn btn-small" onClick={() => void onExport('yaml')} data-testid="playbook-export-yaml">
                  Export YAML
                </button>
                <button type="button" className="btn btn-small" onClick={() => void onExport('json')} data-testid="playbook-export-json">
                  Export JSON
                </button>
              </div>
            )}
            {detailError && <p className="inline-error">{detailError}</p>}
            {detail && <PlaybookView detail={detail} />}
          </>
        )}
      </div>
    </div>
  );
}
