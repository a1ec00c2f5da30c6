import type { SourceTestOutcome } from '../../shared/domain/source-config';
import { SourceError, isSourceError } from '../sources/source-error';
import type { Collection } from './types';

/** One configured source, ready to poll: what the scheduler and "Test" need from every kind. */
export interface Collector {
  /** One poll. Throws a SourceError when nothing answered; partial failures go into `partialErrors`. */
  collect(signal: AbortSignal, nowMs: number): Promise<Collection>;
  /** The server's own answer in words; never throws. */
  test(signal: AbortSignal): Promise<SourceTestOutcome>;
  /** Drops the keep-alive sockets; the collector is unusable afterwards. */
  close(): void;
}

/** Anything thrown while polling, as a SourceError (a bug is reported, not crashed on). */
export function asSourceError(err: unknown, where: string): SourceError {
  if (isSourceError(err)) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new SourceError('malformed', `reading ${where} failed unexpectedly: ${detail}`, { cause: err });
}

/** The same failure with the part of the poll it belongs to named first. */
export function prefixed(err: SourceError, what: string): SourceError {
  return new SourceError(err.kind, `${what}: ${err.message}`, { status: err.status, cause: err });
}

export interface TestAnswer {
  summary: string;
  details: string[];
  /** It answered and gave data, but part of the configuration will not work as it is. */
  warnings?: string[];
  /** Loki: its stream labels, for the form to choose the service label from. */
  labels?: string[];
  /**
   * Set when the server answered but is not usable: not ready yet, every query failed, or none of
   * the data the source exists for (a test passes only when something usable came back).
   */
  failure?: SourceError;
}

/** Times `probe` and turns a throw into `success: false` with the error in words. */
export async function outcome(where: string, probe: () => Promise<TestAnswer>): Promise<SourceTestOutcome> {
  const started = performance.now();
  try {
    const answer = await probe();
    const latencyMs = Math.round(performance.now() - started);
    const base = { summary: answer.summary, details: answer.details, latencyMs, warnings: answer.warnings ?? [] };
    const result: SourceTestOutcome = answer.failure
      ? { ...base, success: false, error: { kind: answer.failure.kind, message: answer.failure.message } }
      : { ...base, success: true, error: null };
    if (answer.labels) result.labels = answer.labels;
    return result;
  } catch (err) {
    const e = asSourceError(err, where);
    return {
      success: false,
      summary: e.message,
      details: [],
      latencyMs: Math.round(performance.now() - started),
      error: { kind: e.kind, message: e.message },
      warnings: [],
    };
  }
}

/** "the AsynqMon at http://x answered, but …": a poll or test that got nothing it exists for. */
export function noData(message: string): SourceError {
  return new SourceError('no-data', message);
}

export interface Settled<T> {
  /** In the order asked, undefined where that part failed. */
  values: (T | undefined)[];
  errors: SourceError[];
}

/**
 * Runs the parts of one poll concurrently. Some failing leaves the source degraded; every part
 * failing means it is down, reported with the first failure (usually they share one cause).
 */
export async function settleParts<T>(parts: readonly { what: string; run: () => Promise<T> }[], where: string): Promise<Settled<T>> {
  const results = await Promise.allSettled(parts.map((p) => p.run()));
  const values: (T | undefined)[] = [];
  const errors: SourceError[] = [];
  const raw: SourceError[] = [];
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') {
      values.push(r.value);
      return;
    }
    values.push(undefined);
    const e = asSourceError(r.reason, where);
    raw.push(e);
    errors.push(parts.length > 1 ? prefixed(e, (parts[i] as { what: string }).what) : e);
  });
  if (parts.length > 0 && raw.length === parts.length) {
    const first = raw[0] as SourceError;
    const same = raw.every((e) => e.message === first.message);
    if (same) throw first;
    throw new SourceError(first.kind, `${first.message} (and ${raw.length - 1} more parts of the poll failed)`, {
      status: first.status,
      cause: first,
    });
  }
  return { values, errors };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
