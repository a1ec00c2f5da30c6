import { formatDuration } from '../../shared/domain/response-metrics';

/*
 * Times in reports are UTC, and say so: a report is read in other time zones than it was written in.
 * (The console's own display helpers live in renderer/logic/format.ts; main cannot import them.)
 */

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2025-11-22 14:05:12 UTC" */
export function utc(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** "14:05:12" */
export function utcTime(ms: number): string {
  return utc(ms).slice(11, 19);
}

/** "14:05" for axis ticks; with the date when the window spans days. */
export function tickLabel(ms: number, spanMs: number): string {
  const d = new Date(ms);
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return spanMs > 36 * 3_600_000 ? `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${hm}` : hm;
}

/** Time of day, with the date in front when it differs from `day` (the incident's first day). */
export function eventTime(ms: number, day: number): string {
  const a = utc(ms);
  return a.slice(0, 10) === utc(day).slice(0, 10) ? a.slice(11, 19) : a.slice(0, 19);
}

export { formatDuration };

/** "99.1 %" */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
