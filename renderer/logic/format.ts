import { formatDuration } from '../../shared/domain/response-metrics';
import type { TimeDisplay } from '../../shared/domain/preferences';

/**
 * The one way Pitwall writes a time, inputs included: 24-hour, year-month-day, in the zone the
 * operator chose under Settings (UTC, the control room's shared clock, by default; or this
 * machine's local time). A UTC time carries a "Z"; a local one carries none, and the status bar
 * names the zone. Every component formats through here, so switching the setting switches all.
 */

let display: TimeDisplay = 'utc';

/** Set from the saved preference (state/preferences.ts); the app re-renders after a change. */
export function setTimeDisplay(next: TimeDisplay): void {
  display = next;
}

export function timeDisplay(): TimeDisplay {
  return display;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

function parts(ms: number): Parts {
  const t = new Date(ms);
  return display === 'utc'
    ? {
        y: t.getUTCFullYear(),
        mo: t.getUTCMonth() + 1,
        d: t.getUTCDate(),
        h: t.getUTCHours(),
        mi: t.getUTCMinutes(),
        s: t.getUTCSeconds(),
        ms: t.getUTCMilliseconds(),
      }
    : {
        y: t.getFullYear(),
        mo: t.getMonth() + 1,
        d: t.getDate(),
        h: t.getHours(),
        mi: t.getMinutes(),
        s: t.getSeconds(),
        ms: t.getMilliseconds(),
      };
}

const zoneMark = (): string => (display === 'utc' ? 'Z' : '');
const day = (p: Parts): string => `${p.y}-${pad(p.mo)}-${pad(p.d)}`;
const clock = (p: Parts): string => `${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;

/** "2025-11-22 14:05:12Z" in UTC, "2025-11-22 15:05:12" in local time. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const p = parts(ms);
  return `${day(p)} ${clock(p)}${zoneMark()}`;
}

/** "14:05:12Z" / "15:05:12". */
export function formatClock(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return `${clock(parts(ms))}${zoneMark()}`;
}

/** "11-22 14:05Z" / "11-22 15:05" — a time within the next days (due times), without the year and seconds. */
export function formatShort(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const p = parts(ms);
  return `${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}${zoneMark()}`;
}

/** "14:05:12.345Z": log lines sit milliseconds apart. */
export function formatClockMs(ms: number): string {
  if (!Number.isFinite(ms)) return display === 'utc' ? '--:--:--.---Z' : '--:--:--.---';
  const p = parts(ms);
  return `${clock(p)}.${pad(p.ms, 3)}${zoneMark()}`;
}

/** "2025-11-22" / the local date: the day a moment fell on, in the display zone. */
export function formatDay(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return day(parts(ms));
}

/**
 * "2025-11-22" in UTC whatever the display: the name of a UTC calendar day that is not a moment,
 * such as a metrics bucket (weeks and months are counted in UTC days by main).
 */
export function formatUtcDay(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '—';
}

/** Hours and minutes (seconds when asked, the date when asked): chart axis ticks, in the display zone. */
export function formatTick(ms: number, opts: { seconds: boolean; date: boolean }): string {
  const p = parts(ms);
  const hm = `${pad(p.h)}:${pad(p.mi)}${opts.seconds ? `:${pad(p.s)}` : ''}`;
  return opts.date ? `${pad(p.mo)}-${pad(p.d)} ${hm}` : hm;
}

/** The time alone when it falls on the same day as `now` (in the display zone), else with its date. */
export function formatStamp(ms: number, now: number): string {
  const a = parts(ms);
  const b = parts(now);
  const same = a.y === b.y && a.mo === b.mo && a.d === b.d;
  return same ? `${clock(a)}${zoneMark()}` : `${day(a)} ${clock(a)}${zoneMark()}`;
}

/** "UTC+01:00" for this machine at `ms` (offsets change with daylight saving). */
export function localOffset(ms: number): string {
  const off = -new Date(ms).getTimezoneOffset();
  const sign = off < 0 ? '−' : '+';
  const abs = Math.abs(off);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** How the display zone is named beside inputs and in the status bar: "UTC", "local time (UTC+01:00)". */
export function zoneName(ms: number = Date.now()): string {
  return display === 'utc' ? 'UTC' : `local time (${localOffset(ms)})`;
}

/** Kept names: these were UTC-only and local-only before the display setting; both now write the display zone. */
export const formatUtc = formatTime;
export const formatUtcTime = formatClock;
export const formatUtcShort = formatShort;
export const formatLocal = formatStamp;
/** "14:05": chart ticks where seconds are noise (the postmortem's embedded charts), like formatTick. */
export const formatUtcHm = (ms: number): string => formatTick(ms, { seconds: false, date: false });

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

/** A time input's text for an instant: "2025-11-22 14:05:12", in the display zone (named beside the input). */
export function toTimeInput(ms: number): string {
  const p = parts(ms);
  return `${day(p)} ${clock(p)}`;
}

/**
 * Parses what someone typed in a time input, in the display zone: "2025-11-22 14:05", with seconds,
 * a "T" instead of the space, and a trailing "Z" (only in UTC). '' → null; anything else, including
 * a day that does not exist, → NaN so callers can say it is invalid.
 */
export function fromTimeInput(value: string): number | null {
  const v = value.trim();
  if (v === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z?)$/.exec(v);
  if (!m) return Number.NaN;
  if (m[7] === 'Z' && display !== 'utc') return Number.NaN;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (h > 23 || mi > 59 || s > 59) return Number.NaN;
  const date = display === 'utc' ? new Date(Date.UTC(y, mo - 1, d, h, mi, s)) : new Date(y, mo - 1, d, h, mi, s);
  const back = display === 'utc' ? [date.getUTCMonth(), date.getUTCDate()] : [date.getMonth(), date.getDate()];
  if (back[0] !== mo - 1 || back[1] !== d) return Number.NaN;
  return date.getTime();
}

/**
 * Where a calendar day typed as "2025-11-22" starts, in the display zone, `plusDays` later (1: where
 * it ends, which is not always 24 hours on in local time). Not a day that exists → NaN.
 */
export function dayStart(day: string, plusDays = 0): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!m) return Number.NaN;
  const [y, mo, d] = [m[1], m[2], m[3]].map(Number) as [number, number, number];
  const check = display === 'utc' ? new Date(Date.UTC(y, mo - 1, d)) : new Date(y, mo - 1, d);
  const back = display === 'utc' ? [check.getUTCMonth(), check.getUTCDate()] : [check.getMonth(), check.getDate()];
  if (back[0] !== mo - 1 || back[1] !== d) return Number.NaN;
  return display === 'utc' ? Date.UTC(y, mo - 1, d + plusDays) : new Date(y, mo - 1, d + plusDays).getTime();
}

/** Kept names (the inputs were datetime-local, always in local time, before the display setting). */
export const toLocalInput = toTimeInput;
export const fromLocalInput = fromTimeInput;
