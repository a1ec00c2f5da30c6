import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { isTyping } from '../../hooks/useGlobalShortcuts';
import { useNow } from '../../hooks/useNow';
import type { Role } from '../../../shared/domain/roles';
import { PRIORITY_OF } from '../../../shared/domain/severity';
import { type ChecklistView } from '../../../shared/playbooks/checklist';
import type { PlaybookItem } from '../../../shared/playbooks/schema';
import { CHECKLIST_KEY_HINTS, checklistKey, nextRole, type ChecklistKey } from '../../logic/checklist-keys';
import { formatUtc } from '../../logic/format';
import { actOnItem } from '../../state/checklists';
import { ChecklistItemRow, type InputMode } from './ChecklistItemRow';
import { PlaybookNotes } from './PlaybookNotes';
import { ProgressBar } from './ProgressBar';

type RowAction = Parameters<Parameters<typeof ChecklistItemRow>[0]['onAct']>[0];

interface Props {
  checklist: ChecklistView;
  /** Who holds each role on the incident now, to name beside assigned items. */
  holders: Partial<Record<Role, string>>;
  /** False for a closed incident: no live evidence, the frozen values stand. */
  live: boolean;
  onSwitch: (delta: number) => void;
}

const STAGE_LABEL = {
  confirm: 'confirm',
  investigate: 'investigate',
  decide: 'decide',
  mitigate: 'mitigate',
  recover: 'recover',
  'follow-up': 'follow-up',
} as const;

/**
 * One attached playbook as a working list (the tab keys it by checklist id, so another checklist starts fresh at its top). Focus moves between items (roving tabindex); every
 * action is one key on the focused item (logic/checklist-keys.ts) or a button for the mouse.
 */
export function ChecklistPanel({ checklist, live, holders, onSwitch }: Props) {
  const { playbook, items } = checklist;
  const folded = useMemo(() => new Set(checklist.foldedSections), [checklist.foldedSections]);
  const order = useMemo(() => playbook.sections.filter((s) => !folded.has(s.id)).flatMap((s) => s.items), [playbook, folded]);
  const [activeId, setActiveId] = useState<string | null>(order[0]?.id ?? null);
  const [input, setInput] = useState<{ itemId: string; mode: InputMode } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [showFolded, setShowFolded] = useState(false);
  const rows = useRef(new Map<string, HTMLLIElement>());
  // Due times turn overdue as time passes, not only when something changes.
  const now = useNow(30_000);

  // Opening the tab (key 2) or another checklist ([ ]) puts the keys on its first item at once,
  // unless the user is typing somewhere.
  useEffect(() => {
    if (!isTyping(document.activeElement) && activeId) rows.current.get(activeId)?.focus({ preventScroll: true });
    // Once, when this checklist is shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const focusItem = (id: string | undefined): void => {
    if (!id) return;
    setActiveId(id);
    rows.current.get(id)?.focus();
  };

  const act = async (item: PlaybookItem, action: RowAction, text?: string): Promise<void> => {
    setError(null);
    if (action === 'copy') {
      try {
        await navigator.clipboard.writeText(item.command ?? '');
        setCopied(item.id);
        setTimeout(() => setCopied((c) => (c === item.id ? null : c)), 2_000);
      } catch {
        setError('Copying was refused by the browser: select the command and press Ctrl+C.');
      }
      return;
    }
    if ((action === 'skip' || action === 'note' || action === 'not-applicable') && text === undefined) {
      setInput({ itemId: item.id, mode: action });
      return;
    }
    const state = items[item.id];
    setBusy(true);
    const base = { checklistId: checklist.id, itemId: item.id };
    const outcome = await actOnItem(
      action === 'yes' || action === 'no'
        ? { ...base, action: 'answer', answer: action }
        : action === 'role'
          ? { ...base, action: 'assign', role: nextRole(state?.role ?? null) }
          : action === 'skip'
            ? { ...base, action: 'skipped', text }
            : action === 'not-applicable'
              ? { ...base, action: 'not-applicable', ...(text ? { text } : {}) }
              : action === 'note'
                ? { ...base, action: 'note', text }
                : { ...base, action },
    );
    setBusy(false);
    if (!outcome.ok) setError(outcome.message);
    rows.current.get(item.id)?.focus();
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.defaultPrevented || input) return;
    const item = order.find((i) => i.id === activeId) ?? null;
    const state = item ? items[item.id] : undefined;
    const key: ChecklistKey | null = checklistKey(e, item && state ? { kind: item.kind, status: state.status } : null);
    if (!key) return;
    e.preventDefault();
    const at = Math.max(
      0,
      order.findIndex((i) => i.id === activeId),
    );
    if (key.type === 'move') focusItem(order[Math.min(order.length - 1, Math.max(0, at + key.delta))]?.id);
    else if (key.type === 'edge') focusItem((key.to === 'first' ? order[0] : order[order.length - 1])?.id);
    else if (key.type === 'switch') onSwitch(key.delta);
    else if (item && !busy) {
      const map: Record<Exclude<ChecklistKey['type'], 'move' | 'edge' | 'switch' | 'answer'>, RowAction> = {
        done: 'done',
        reopen: 'reopen',
        skip: 'skip',
        'not-applicable': 'not-applicable',
        note: 'note',
        role: 'role',
        copy: 'copy',
      };
      void act(item, key.type === 'answer' ? key.answer : map[key.type]);
    }
  };

  const p = checklist.progress;
  return (
    <section className="checklist" aria-labelledby={`cl-h-${checklist.id}`} data-testid="checklist" data-playbook={playbook.id}>
      <header className="cl-header">
        <div>
          <h3 id={`cl-h-${checklist.id}`}>
            {playbook.title} <span className="muted">v{playbook.version}</span>
          </h3>
          <p className="muted cl-sub">
            {playbook.summary} Attached {formatUtc(checklist.attachedAt)} by {checklist.attachedBy}.
            {checklist.newerVersion !== null &&
              ` The playbook is at v${checklist.newerVersion} now; this incident keeps the version it started with.`}
          </p>
        </div>
        <ProgressBar progress={p} />
      </header>
      <p className="cl-keys muted" aria-label="Keyboard">
        {CHECKLIST_KEY_HINTS.map(([k, what]) => (
          <span key={k}>
            <kbd>{k}</kbd> {what}
          </span>
        ))}
      </p>
      {error && (
        <p className="form-error" role="alert" data-testid="checklist-error">
          {error}
        </p>
      )}
      {copied && (
        <p className="cl-copied" role="status">
          Copied to the clipboard.
        </p>
      )}
      <div className="cl-sections" onKeyDown={onKey}>
        {playbook.sections.map((s) => {
          const isFolded = folded.has(s.id);
          return (
            <section key={s.id} className={`cl-section${isFolded ? ' folded' : ''}`} data-testid="checklist-section" data-section-id={s.id}>
              <h4>
                {s.title} <span className={`cl-stage stage-${s.stage}`}>{STAGE_LABEL[s.stage]}</span>
                {s.severities && <span className="cl-sev">for {s.severities.map((v) => `${v} · ${PRIORITY_OF[v]}`).join(', ')}</span>}
                {s.dueAfterMin !== undefined && <span className="cl-sev">due {dueText(s.dueAfterMin)} after resolution</span>}
                {isFolded && (
                  <button type="button" className="btn btn-small btn-quiet" onClick={() => setShowFolded((v) => !v)}>
                    {showFolded ? 'hide' : `show ${s.items.length} items (not this incident’s severity)`}
                  </button>
                )}
              </h4>
              {s.note && <p className="cl-detail">{s.note}</p>}
              {(!isFolded || showFolded) && (
                <ol className="cl-items">
                  {s.items.map((item) => {
                    const state = items[item.id];
                    if (!state) return null;
                    return (
                      <ChecklistItemRow
                        key={item.id}
                        ref={(el) => {
                          if (el) rows.current.set(item.id, el);
                          else rows.current.delete(item.id);
                        }}
                        item={item}
                        state={state}
                        active={item.id === activeId}
                        live={live}
                        now={now}
                        holder={state.role ? (holders[state.role] ?? null) : null}
                        busy={busy}
                        input={input?.itemId === item.id ? input.mode : null}
                        onFocus={() => setActiveId(item.id)}
                        onInput={(text) => {
                          const mode = input?.mode;
                          setInput(null);
                          if (text === null || !mode) rows.current.get(item.id)?.focus();
                          else void act(item, mode, text.trim());
                        }}
                        onAct={(a) => void act(item, a)}
                      />
                    );
                  })}
                </ol>
              )}
            </section>
          );
        })}
      </div>
      <PlaybookNotes playbook={playbook} />
    </section>
  );
}

function dueText(min: number): string {
  if (min % (7 * 24 * 60) === 0) return `${min / (7 * 24 * 60)} week${min === 7 * 24 * 60 ? '' : 's'}`;
  if (min % (24 * 60) === 0) return `${min / (24 * 60)} day${min === 24 * 60 ? '' : 's'}`;
  if (min % 60 === 0) return `${min / 60} hour${min === 60 ? '' : 's'}`;
  return `${min} min`;
}
