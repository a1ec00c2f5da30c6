import type { SourceHealth } from '../../shared/domain/source-config';
import type { SourceErrorKind } from '../../shared/domain/sources';
import type { SourceError } from '../sources/source-error';

/** Failures in a row after which a source is down rather than degraded. */
export const DOWN_AFTER = 3;
/** Nothing listening (or no such host) twice in a row is not a blip. */
const UNREACHABLE: ReadonlySet<SourceErrorKind> = new Set(['refused', 'dns']);

/** A poll that answered: fully (ok) or in part (degraded, with the first failed part as the error). */
export function afterSuccess(prev: SourceHealth, at: number, latencyMs: number, partialErrors: readonly SourceError[]): SourceHealth {
  const first = partialErrors[0];
  const lastError = first
    ? {
        at,
        kind: first.kind,
        message: partialErrors.length > 1 ? `${first.message} (and ${partialErrors.length - 1} more)` : first.message,
      }
    : prev.lastError;
  return {
    ...prev,
    state: first ? 'degraded' : 'ok',
    lastAttemptAt: at,
    lastSuccessAt: at,
    lastError,
    consecutiveFailures: 0,
    latencyMs,
  };
}

export function afterFailure(prev: SourceHealth, at: number, error: { kind: SourceErrorKind; message: string }): SourceHealth {
  const failures = prev.consecutiveFailures + 1;
  const down =
    failures >= DOWN_AFTER ||
    error.kind === 'config' ||
    (failures >= 2 && UNREACHABLE.has(error.kind) && prev.lastError !== null && UNREACHABLE.has(prev.lastError.kind));
  return {
    ...prev,
    state: down ? 'down' : 'degraded',
    lastAttemptAt: at,
    lastError: { at, kind: error.kind, message: error.message },
    consecutiveFailures: failures,
  };
}

export function sameHealth(a: SourceHealth, b: SourceHealth): boolean {
  return (
    a.state === b.state &&
    a.lastAttemptAt === b.lastAttemptAt &&
    a.lastSuccessAt === b.lastSuccessAt &&
    a.consecutiveFailures === b.consecutiveFailures &&
    a.latencyMs === b.latencyMs &&
    a.nextPollAt === b.nextPollAt &&
    a.lastError?.at === b.lastError?.at &&
    a.lastError?.kind === b.lastError?.kind &&
    a.lastError?.message === b.lastError?.message
  );
}
