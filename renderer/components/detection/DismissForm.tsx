import { useState, type FormEvent } from 'react';
import type { Suggestion } from '../../../shared/detection/types';
import { formatDuration } from '../../logic/format';
import { dismissSuggestion } from '../../state/detection';
import { DISMISS_CHOICES_MIN } from './suggestion-text';

/** Dismissing needs a reason (it is on record), and says for how long the condition stays quiet. */
export function DismissForm({ suggestion, defaultMin, onDone }: { suggestion: Suggestion; defaultMin: number; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [forMin, setForMin] = useState<number>(defaultMin);
  const choices = [...new Set([...DISMISS_CHOICES_MIN, defaultMin])].sort((a, b) => a - b);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    if (reason.trim() === '') {
      setError('Say why it is dismissed: the reason is kept with the suggestion.');
      return;
    }
    setBusy(true);
    const out = await dismissSuggestion({ id: suggestion.id, reason: reason.trim(), forMin });
    setBusy(false);
    if (out.ok) onDone();
    else setError(out.message);
  };

  return (
    <form className="dismiss-form" onSubmit={(e) => void submit(e)} noValidate data-testid="dismiss-form">
      <label className="dismiss-reason">
        Why is this not an incident?
        <input
          autoFocus
          value={reason}
          maxLength={2_000}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={error ? true : undefined}
          placeholder="e.g. planned load test on gpu-node-01"
          data-testid="dismiss-reason"
        />
      </label>
      <label>
        Not suggested again for
        <select value={forMin} onChange={(e) => setForMin(Number(e.target.value))} data-testid="dismiss-for">
          {choices.map((m) => (
            <option key={m} value={m}>
              {formatDuration(m * 60_000)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="dismiss-confirm">
        Dismiss
      </button>
      <button type="button" className="btn btn-quiet" onClick={onDone}>
        Cancel
      </button>
      {error && (
        <span className="field-error" role="alert" data-testid="dismiss-error">
          {error}
        </span>
      )}
    </form>
  );
}
