import type { ChecklistProgress } from '../../../shared/playbooks/checklist';
import { progressText } from '../../../shared/playbooks/checklist';

type Progress = Pick<ChecklistProgress, 'done' | 'skipped' | 'total' | 'open' | 'overdue'>;

/** "7/20 done" with a bar; skipped items are named beside it, never counted as done. */
export function ProgressBar({ progress: p, compact = false }: { progress: Progress; compact?: boolean }) {
  const done = p.total === 0 ? 0 : (p.done / p.total) * 100;
  const skipped = p.total === 0 ? 0 : (p.skipped / p.total) * 100;
  const complete = p.total > 0 && p.open === 0;
  return (
    <span
      className={`cl-progress${compact ? ' compact' : ''}${complete ? ' complete' : ''}`}
      data-testid="checklist-progress"
      data-done={p.done}
      data-total={p.total}
      title={`${p.done} done, ${p.skipped} skipped, ${p.open} open of ${p.total} that apply${p.overdue ? `; ${p.overdue} overdue` : ''}`}
    >
      <span className="bar" aria-hidden="true">
        <span className="fill" style={{ width: `${done}%` }} />
        <span className="fill-skip" style={{ width: `${skipped}%` }} />
      </span>
      <span className="num">{progressText(p)}</span>
      {!compact && p.skipped > 0 && <span className="muted">· {p.skipped} skipped</span>}
      {p.overdue > 0 && <span className="overdue">· {p.overdue} overdue</span>}
    </span>
  );
}
