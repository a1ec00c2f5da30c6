import { useState } from 'react';
import type { SourceView } from '../../../shared/domain/source-config';
import { Modal } from '../Modal';
import { KIND_INFO } from './kinds';
import { deleteSource } from './source-actions';

/** Deleting is final, so the confirmation names the source and what goes with it. */
export function DeleteSourceDialog({ view, onClose }: { view: SourceView; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    const outcome = await deleteSource(view.id);
    setBusy(false);
    if (outcome.ok) onClose();
    else setError(`Could not delete ${view.name}: ${outcome.message}`);
  };

  return (
    <Modal title={`Delete “${view.name}”?`} onClose={onClose} testId="source-delete-dialog">
      <div className="confirm-body">
        <p>
          Pitwall stops polling the {KIND_INFO[view.kind].label} source <strong>{view.name}</strong> at{' '}
          <span className="mono">{view.baseUrl}</span> and forgets its settings and stored secrets.
        </p>
        {view.demo && <p className="hint">It is a demo source pointing at the embedded lab.</p>}
        {error && (
          <p className="form-error" role="alert" data-testid="source-delete-error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" className="btn" onClick={onClose} autoFocus>
            Keep it <kbd>Esc</kbd>
          </button>
          <button
            type="button"
            className="btn btn-alert"
            onClick={() => void confirm()}
            disabled={busy}
            data-testid="source-delete-confirm"
          >
            {busy ? 'Deleting…' : `Delete ${view.name}`}
          </button>
        </div>
      </div>
    </Modal>
  );
}
