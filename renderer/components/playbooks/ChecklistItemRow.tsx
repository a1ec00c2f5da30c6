import { forwardRef, useState, type KeyboardEvent } from 'react';
import { ROLE_LABEL } from '../../../shared/domain/roles';
import type { ItemState } from '../../../shared/playbooks/checklist';
import type { PlaybookItem } from '../../../shared/playbooks/schema';
import { formatUtc, formatUtcShort, formatUtcTime } from '../../logic/format';
import { EvidenceView, LiveEvidence } from './EvidenceChip';

export type InputMode = 'skip' | 'note' | 'not-applicable';

const STATUS_GLYPH: Record<ItemState['status'], string> = { open: '☐', done: '☑', skipped: '⤼', 'not-applicable': '⊘' };
const PROMPT: Record<InputMode, string> = {
  skip: 'Why is it skipped? (required) — Enter to save, Esc to cancel',
  note: 'Note — Enter to save, Esc to cancel',
  'not-applicable': 'Why does it not apply? (optional) — Enter to save, Esc to cancel',
};

interface Props {
  item: PlaybookItem;
  state: ItemState;
  active: boolean;
  live: boolean;
  now: number;
  /** The person holding the assigned role, if anyone does. */
  holder: string | null;
  input: InputMode | null;
  busy: boolean;
  onFocus: () => void;
  onInput: (text: string | null) => void;
  onAct: (action: 'done' | 'reopen' | 'skip' | 'not-applicable' | 'note' | 'role' | 'copy' | 'yes' | 'no') => void;
}

function ItemInput({ mode, onDone }: { mode: InputMode; onDone: (text: string | null) => void }) {
  const [text, setText] = useState('');
  const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    // The row's keys must not act while typing here.
    e.stopPropagation();
    if (e.key === 'Enter') {
      e.preventDefault();
      onDone(text);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onDone(null);
    }
  };
  return (
    <input
      className="item-input"
      autoFocus
      value={text}
      maxLength={2000}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={onKey}
      placeholder={PROMPT[mode]}
      aria-label={PROMPT[mode]}
      data-testid="item-input"
    />
  );
}

/** One checklist item: its text, kind, evidence (live while open, frozen once set), notes, and its actions. */
export const ChecklistItemRow = forwardRef<HTMLLIElement, Props>(function ChecklistItemRow(
  { item, state, active, live, now, holder, input, busy, onFocus, onInput, onAct },
  ref,
) {
  const ruledOut = state.status === 'open' && state.ruledOutBy !== null;
  const status = ruledOut ? 'ruled-out' : state.status;
  const overdue = state.status === 'open' && state.dueAt !== null && state.dueAt < now;
  return (
    <li
      ref={ref}
      className={`cl-item cl-${status}${active ? ' active' : ''}`}
      tabIndex={active ? 0 : -1}
      onFocus={onFocus}
      data-testid="checklist-item"
      data-item-id={item.id}
      data-status={status}
      aria-label={`${item.text} — ${status}`}
    >
      <span className="cl-glyph" aria-hidden="true">
        {ruledOut ? '⊘' : STATUS_GLYPH[state.status]}
      </span>
      <div className="cl-body">
        <div className="cl-line">
          <span className={`cl-kind cl-kind-${item.kind}`}>{item.kind}</span>
          <span className="cl-text">{item.text}</span>
          {state.role && (
            <span className="cl-role" data-testid="item-role">
              {ROLE_LABEL[state.role]}
              {holder ? ` · ${holder}` : ''}
            </span>
          )}
          {state.dueAt !== null && (
            <span className={`cl-due${overdue ? ' overdue' : ''}`} title={formatUtc(state.dueAt)}>
              due {formatUtcShort(state.dueAt)}
            </span>
          )}
          {item.source && (
            <span className="cl-source" title={item.source.heading ? `${item.source.seed} — ${item.source.heading}` : item.source.seed}>
              {item.source.seed}:{item.source.line}
            </span>
          )}
        </div>
        {item.detail && <p className="cl-detail">{item.detail}</p>}
        {item.command && (
          <div className="cl-command">
            {/* Shown for copying, never run: Pitwall does not execute commands. */}
            <pre data-testid="item-command">{item.command}</pre>
            <button type="button" className="btn btn-small" onClick={() => onAct('copy')} tabIndex={-1}>
              Copy <kbd>C</kbd>
            </button>
          </div>
        )}
        {item.kind === 'decision' && item.yes && item.no && (
          <div className="cl-decision">
            {(['yes', 'no'] as const).map((a) => (
              <button
                key={a}
                type="button"
                className={`btn btn-small${state.answer === a ? ' btn-primary' : ''}`}
                disabled={busy}
                onClick={() => onAct(a)}
                tabIndex={-1}
                data-testid={`answer-${a}`}
              >
                {a === 'yes' ? 'Yes' : 'No'} → {item[a]?.label}
              </button>
            ))}
          </div>
        )}
        {ruledOut && state.ruledOutBy && (
          <p className="cl-why muted">
            Not applicable: “{state.ruledOutBy.text}” was answered {state.ruledOutBy.answer}.
          </p>
        )}
        {state.reason && (
          <p className="cl-why">
            {state.status === 'skipped' ? 'Skipped' : 'Not applicable'}: {state.reason}
          </p>
        )}
        {live && state.status === 'open' && !ruledOut && item.evidence && item.evidence.length > 0 && (
          <div className="cl-evidence">
            {item.evidence.map((q, i) => (
              <LiveEvidence key={i} query={q} />
            ))}
          </div>
        )}
        {state.frozen && state.status !== 'open' && (
          <div className="cl-evidence" title="What the evidence read when this was set">
            {state.frozen.map((r, i) => (
              <EvidenceView key={i} reading={r} frozen />
            ))}
          </div>
        )}
        {state.changed && state.status !== 'open' && (
          <p className="cl-meta muted">
            {state.status === 'done' && state.answer ? `answered ${state.answer}` : state.status.replace('-', ' ')} by{' '}
            {state.changed.author} at {formatUtcTime(state.changed.at)}
          </p>
        )}
        {state.notes.length > 0 && (
          <ul className="cl-notes">
            {state.notes.map((n) => (
              <li key={n.id}>
                <span className="muted">
                  {n.author} {formatUtcTime(n.at)}:
                </span>{' '}
                {n.text}
              </li>
            ))}
          </ul>
        )}
        {input && <ItemInput mode={input} onDone={onInput} />}
        <div className="cl-actions">
          {item.kind !== 'decision' && (
            <button
              type="button"
              className="btn btn-small"
              disabled={busy}
              onClick={() => onAct(state.status === 'done' ? 'reopen' : 'done')}
              tabIndex={-1}
              data-testid="item-done"
            >
              {state.status === 'done' ? 'Reopen' : 'Done'}
            </button>
          )}
          <button type="button" className="btn btn-small btn-quiet" disabled={busy} onClick={() => onAct('skip')} tabIndex={-1}>
            Skip
          </button>
          <button type="button" className="btn btn-small btn-quiet" disabled={busy} onClick={() => onAct('not-applicable')} tabIndex={-1}>
            N/A
          </button>
          <button type="button" className="btn btn-small btn-quiet" disabled={busy} onClick={() => onAct('note')} tabIndex={-1}>
            Note
          </button>
          <button type="button" className="btn btn-small btn-quiet" disabled={busy} onClick={() => onAct('role')} tabIndex={-1}>
            Role
          </button>
          {state.status !== 'open' && item.kind === 'decision' && (
            <button type="button" className="btn btn-small btn-quiet" disabled={busy} onClick={() => onAct('reopen')} tabIndex={-1}>
              Reopen
            </button>
          )}
        </div>
      </div>
    </li>
  );
});
