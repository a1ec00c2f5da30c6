import type { DueItem } from '../../shared/command/due';
import type { Snooze } from '../../shared/command/types';
import { formatDuration } from './format';

export type DueTone = 'ok' | 'warn' | 'breach' | 'done';

const WARN_MS = 2 * 60_000;

/** How a due item reads at `now`: "due in 3m 10s", "overdue by 1m 05s", "done — acknowledged". */
export function dueWhen(item: DueItem, now: number): { text: string; tone: DueTone } {
  if (item.state === 'done') {
    const by = item.answeredBy ?? 'answered';
    const lateMs = item.answeredAt !== null && item.answeredBy !== 'resolved' ? item.answeredAt - item.dueAt : 0;
    return { text: lateMs > 0 ? `${by} ${formatDuration(lateMs)} late` : by, tone: 'done' };
  }
  const ms = item.dueAt - now;
  // Within a second either way is "now": the page's clock and main's may differ by that much.
  if (ms < 1000) return { text: ms > -1000 ? 'due now' : `overdue by ${formatDuration(-ms)}`, tone: item.notify ? 'breach' : 'warn' };
  return { text: `due in ${formatDuration(ms)}`, tone: ms <= WARN_MS ? 'warn' : 'ok' };
}

/** The snooze that holds an item's notification at `now`, if any. */
export function activeSnooze(item: DueItem, snoozes: readonly Snooze[], now: number): Snooze | null {
  const last = snoozes.filter((s) => s.dueKey === item.key).at(-1) ?? null;
  return last !== null && last.until > now ? last : null;
}

export const SNOOZE_CHOICES: readonly { minutes: number; label: string }[] = [
  { minutes: 5, label: '5 min' },
  { minutes: 15, label: '15 min' },
  { minutes: 60, label: '1 h' },
];
