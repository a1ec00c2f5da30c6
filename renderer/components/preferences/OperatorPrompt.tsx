import { useState, type FormEvent } from 'react';
import { dismissOperatorPrompt, savePreferences, usePreferences } from '../../state/preferences';
import { Modal } from '../Modal';

/**
 * First run: who is at this console. Every timeline event and record carries this name, so it is
 * asked once rather than left as the OS account (often "root" on a shared box). Changeable in Settings.
 */
export function OperatorPrompt() {
  const prefs = usePreferences();
  const [name, setName] = useState(prefs?.operator ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const outcome = await savePreferences({ operator: name });
    setBusy(false);
    if (!outcome.ok) setError(outcome.message);
  };
  return (
    <Modal title="Who is at this console?" onClose={dismissOperatorPrompt} testId="operator-prompt">
      <form className="declare-form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="muted">
          Every timeline event, note and record you make carries this name. Use the name your team knows you by; you can change it later in
          Settings.
        </p>
        <label>
          Your name
          <input
            autoFocus
            value={name}
            maxLength={120}
            onChange={(e) => setName(e.target.value)}
            data-testid="operator-name"
            aria-invalid={error !== null}
            aria-describedby={error ? 'operator-error' : undefined}
          />
        </label>
        {error && (
          <p className="form-error" id="operator-error" role="alert" data-testid="operator-error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" className="btn" onClick={dismissOperatorPrompt} data-testid="operator-later">
            Ask me later
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="operator-save">
            Save name
          </button>
        </div>
      </form>
    </Modal>
  );
}
