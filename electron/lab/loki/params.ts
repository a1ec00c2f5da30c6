/** Loki 2.8 request parameter parsing (pkg/loghttp/params.go) with its exact error texts. */
import { parseDurationMs } from './logql.js';

export class ParamError extends Error {}

export const MAX_ENTRIES_LIMIT = 5000;
export const MAX_POINTS = 11_000;
/** limits_config.max_query_length default (721h). */
export const MAX_QUERY_LENGTH_MS = 721 * 3_600_000;
export const MAX_QUERY_SERIES = 500;

/** Returns ms since epoch (sub-ms precision is not needed by the lab's data). */
export function parseTimestamp(value: string | null, fallbackMs: number, name: string): number {
  if (value === null || value === '') return fallbackMs;
  if (value.includes('.')) {
    const f = Number(value);
    if (Number.isFinite(f)) return Math.round(f * 1000);
  }
  if (/^[+-]?\d+$/.test(value)) {
    // <=10 digits: seconds; longer: nanoseconds.
    if (value.replace(/^[+-]/, '').length <= 10) return Number(value) * 1000;
    return Number(BigInt(value) / 1_000_000n);
  }
  const t = Date.parse(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value) && Number.isFinite(t)) return t;
  throw new ParamError(`could not parse '${name}' parameter: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
}

/** Float seconds or a Prometheus duration ("5m"). */
export function parseSecondsOrDuration(value: string, name: string): number {
  if (/^[+-]?\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const ms = parseDurationMs(value);
  if (ms === null) throw new ParamError(`cannot parse ${JSON.stringify(value)} to a valid duration (${name})`);
  return ms;
}

export function parseLimit(value: string | null): number {
  if (value === null || value === '') return 100;
  if (!/^[+-]?\d+$/.test(value)) throw new ParamError(`strconv.Atoi: parsing ${JSON.stringify(value)}: invalid syntax`);
  const n = Number(value);
  if (n <= 0) throw new ParamError('limit must be a positive value');
  return n;
}

export function parseDirection(value: string | null): 'forward' | 'backward' {
  if (value === null || value === '') return 'backward';
  const d = value.toLowerCase();
  if (d === 'forward' || d === 'backward') return d;
  throw new ParamError(`invalid direction '${value}'`);
}

export interface RangeParams {
  startMs: number;
  endMs: number;
  stepMs: number;
}

export function parseRange(params: URLSearchParams, nowMs: number): RangeParams {
  const endMs = parseTimestamp(params.get('end'), nowMs, 'end');
  const sinceRaw = params.get('since');
  const sinceMs = sinceRaw ? parseSecondsOrDuration(sinceRaw, 'since') : 3_600_000;
  const startMs = parseTimestamp(params.get('start'), endMs - sinceMs, 'start');
  if (endMs < startMs) throw new ParamError('end timestamp must not be before or equal to start time');
  const stepRaw = params.get('step');
  const stepMs = stepRaw ? parseSecondsOrDuration(stepRaw, 'step') : Math.max(Math.floor((endMs - startMs) / 250_000), 1) * 1000;
  if (stepMs <= 0) throw new ParamError('zero or negative query resolution step widths are not accepted. Try a positive integer');
  if ((endMs - startMs) / stepMs > MAX_POINTS) {
    throw new ParamError('exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
  }
  if (endMs - startMs > MAX_QUERY_LENGTH_MS) {
    throw new ParamError(
      `the query time range exceeds the limit (query length: ${Math.floor((endMs - startMs) / 3_600_000)}h0m0s, limit: 30d1h)`,
    );
  }
  return { startMs, endMs, stepMs };
}
