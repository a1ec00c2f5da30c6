import { formatDuration } from '../../shared/domain/response-metrics';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** "2025-11-22 14:05:12Z" — the control room's shared clock. */
export function formatUtc(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

/** "11-22 14:05Z" — a time within the next days (due times), without the year and seconds. */
export function formatUtcShort(ms: number): string {
  return `${formatUtc(ms).slice(5, 16)}Z`;
}

/** "14:05:12Z" */
export function formatUtcTime(ms: number): string {
  return formatUtc(ms).slice(11);
}

/** "14:05" (UTC), for chart ticks where seconds are noise. */
export function formatUtcHm(ms: number): string {
  return formatUtc(ms).slice(11, 16);
}

/** "2025-11-22" (UTC): calendar days, such as action items' due dates and metric buckets. */
export function formatUtcDay(ms: number): string {
  return formatUtc(ms).slice(0, 10);
}

/** "15:05:12" local, with the date in front when it is not the same local day as `now`. */
export function formatLocal(ms: number, now: number): string {
  const d = new Date(ms);
  const n = new Date(now);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const sameDay = d.getFullYear() === n.getFullYear() && d.getMonth() === n.getMonth() && d.getDate() === n.getDate();
  return sameDay ? time : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

export { formatDuration };

/**
 * Ages are written with `formatDuration` everywhere, so a chip, its tooltip and a table cell never
 * disagree on how old the same thing is.
 */

/** "4s ago", "12m 00s ago", "3d 04h ago"; a time in the future counts as now. */
export function formatAgo(ms: number, now: number): string {
  return `${formatDuration(Math.max(0, now - ms))} ago`;
}

/** "12m ago", "3h ago", "2d ago" — coarse, for list rows: the leading unit of `formatAgo`. */
export function formatAge(ms: number, now: number): string {
  return `${formatDuration(Math.max(0, now - ms)).split(' ')[0] ?? '0s'} ago`;
}

/** Splits a comma (or newline) separated list, trimming blanks and duplicates. */
export function splitList(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,\n]/)) {
    const v = part.trim();
    if (v !== '' && !out.includes(v)) out.push(v);
  }
  return out;
}

/** `<input type="datetime-local">` value for an instant, in the browser's time zone, to the second. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Parses a datetime-local value (local time); '' → null, garbage → NaN so callers can say it is invalid. */
export function fromLocalInput(value: string): number | null {
  const v = value.trim();
  if (v === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(v);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  if (date.getMonth() !== mo - 1 || date.getDate() !== d) return Number.NaN;
  return date.getTime();
}
