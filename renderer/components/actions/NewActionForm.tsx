import { useState, type FormEvent } from 'react';
import { createAction } from '../../state/actions';

/** Adds an action item to an incident. A refusal (no title, a due date that is not a date) is shown and the form keeps its fields. */
export function NewActionForm({ incidentId }: { incidentId: number }) {
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [ticket, setTicket] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    const message = await createAction({ incidentId, title, owner, ticket, dueDate: due.trim() === '' ? null : due.trim() });
    setBusy(false);
    setError(message);
    if (message === null) {
      setTitle('');
      setOwner('');
      setTicket('');
      setDue('');
    }
  };

  return (
    <form className="new-action" onSubmit={(e) => void submit(e)} data-testid="new-action">
      <input
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        placeholder="Action"
        aria-label="Action"
        data-testid="new-action-title"
      />
      <input
        value={owner}
        onChange={(e) => setOwner(e.target.value)}
        placeholder="Owner"
        aria-label="Owner"
        data-testid="new-action-owner"
      />
      <input
        value={ticket}
        onChange={(e) => setTicket(e.target.value)}
        placeholder="Ticket"
        aria-label="Ticket"
        data-testid="new-action-ticket"
      />
      <input
        value={due}
        onChange={(e) => setDue(e.target.value)}
        placeholder="YYYY-MM-DD"
        aria-label="Due date (YYYY-MM-DD)"
        data-testid="new-action-due"
      />
      <button type="submit" className="btn" disabled={busy} data-testid="new-action-submit">
        Add
      </button>
      {error && (
        <p className="inline-error" role="alert" data-testid="new-action-error">
          {error}
        </p>
      )}
    </form>
  );
}
