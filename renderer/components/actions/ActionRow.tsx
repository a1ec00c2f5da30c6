import { useState, type KeyboardEvent } from 'react';
import { ACTION_STATUSES, ACTION_STATUS_LABEL, isOverdue, type ActionItem, type ActionStatus } from '../../../shared/domain/action-items';
import { updateAction } from '../../state/actions';
import { selectIncident } from '../../state/detail';

/**
 * One action item as a table row: status changes at once; title, owner, ticket and due date are
 * edited in place and saved on Enter or leaving the field. A refused edit says why and keeps what was typed.
 */
export function ActionRow({ item, now, showIncident }: { item: ActionItem; now: number; showIncident: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const overdue = isOverdue(item, now);
  const save = async (change: Parameters<typeof updateAction>[1]): Promise<boolean> => {
    const message = await updateAction(item, change);
    setError(message);
    return message === null;
  };
  return (
    <>
      <tr className={`action-row${overdue ? ' overdue' : ''} status-${item.status}`} data-testid="action-row" data-overdue={overdue}>
        {showIncident && (
          <td>
            <button type="button" className="link" onClick={() => selectIncident(item.incidentId)} title={item.incidentTitle}>
              {item.incidentRef}
            </button>
          </td>
        )}
        <td className="action-title-cell">
          <EditableText value={item.title} label="Title" onSave={(title) => save({ title })} testId="action-title" multiline />
        </td>
        <td>
          <EditableText value={item.owner} label="Owner" onSave={(owner) => save({ owner })} testId="action-owner" />
        </td>
        <td>
          <EditableText value={item.ticket} label="Ticket" onSave={(ticket) => save({ ticket })} testId="action-ticket" />
        </td>
        <td className="action-due">
          <EditableText
            value={item.dueDate ?? ''}
            label="Due date (YYYY-MM-DD)"
            placeholder="YYYY-MM-DD"
            onSave={(due) => save({ dueDate: due.trim() === '' ? null : due.trim() })}
            testId="action-due"
          />
          {overdue && (
            <span className="overdue-badge" data-testid="overdue-badge">
              overdue
            </span>
          )}
        </td>
        <td>
          <select
            value={item.status}
            aria-label={`Status of ${item.title}`}
            onChange={(e) => void save({ status: e.target.value as ActionStatus })}
            data-testid="action-status"
          >
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ACTION_STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </td>
      </tr>
      {error && (
        <tr className="action-error-row">
          <td colSpan={showIncident ? 6 : 5}>
            <p className="inline-error" role="alert" data-testid="action-error">
              {error}
            </p>
          </td>
        </tr>
      )}
    </>
  );
}

function EditableText(props: {
  value: string;
  label: string;
  placeholder?: string;
  onSave: (v: string) => Promise<boolean>;
  testId: string;
  /** A textarea that grows with its text (titles wrap instead of being cut); Enter still saves. */
  multiline?: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? props.value;
  const commit = async (): Promise<void> => {
    if (draft === null || draft === props.value) {
      setDraft(null);
      return;
    }
    if (await props.onSave(draft)) setDraft(null);
  };
  const common = {
    className: 'cell-input',
    value: shown,
    'aria-label': props.label,
    placeholder: props.placeholder,
    onBlur: () => void commit(),
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        void commit();
      }
      if (e.key === 'Escape') setDraft(null);
    },
    'data-testid': props.testId,
  };
  return props.multiline ? (
    <textarea {...common} rows={1} onChange={(e) => setDraft(e.target.value.replace(/\n/g, ' '))} />
  ) : (
    <input {...common} onChange={(e) => setDraft(e.target.value)} />
  );
}
