import type { SourceKind } from '../../../shared/domain/sources';

const pad = (n: number): string => String(n).padStart(2, '0');

function utcDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function utcClock(ms: number): string {
  const d = new Date(ms);
  const s = d.getUTCSeconds();
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${s !== 0 ? `:${pad(s)}` : ''}`;
}

/**
 * "11:02–12:00 UTC" for a range within one UTC day, with the date when it spans two. Timeline
 * summaries are stored text, written once in UTC (the control room's shared clock), as evidence
 * summaries are; the renderer shows the event's own time through its format helpers.
 */
export function utcRange(fromMs: number, toMs: number): string {
  if (utcDay(fromMs) !== utcDay(toMs)) return `${utcDay(fromMs)} ${utcClock(fromMs)} – ${utcDay(toMs)} ${utcClock(toMs)} UTC`;
  return `${utcClock(fromMs)}–${utcClock(toMs)} UTC`;
}

const KIND_WORD: Readonly<Partial<Record<SourceKind, string>>> = { prometheus: 'Prometheus', loki: 'Loki' };

/** "Prometheus 'prod'". */
export function sourceWords(kind: SourceKind, name: string): string {
  return `${KIND_WORD[kind] ?? kind} '${name}'`;
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
