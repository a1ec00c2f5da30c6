import { ERROR_CODES, type AppError, type ErrorCode, type Result } from '../../shared/contract/result';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === 'string' && (ERROR_CODES as readonly string[]).includes(v);
}

/**
 * Reads a Result from whatever came back across the bridge. Anything that is not
 * a well-formed Result is itself reported as an error value, never trusted.
 */
export function toResult(raw: unknown): Result<unknown> {
  if (isRecord(raw) && raw.ok === true && 'value' in raw) return { ok: true, value: raw.value };
  if (isRecord(raw) && raw.ok === false && isRecord(raw.error)) {
    const { code, message } = raw.error;
    const error: AppError = {
      code: isErrorCode(code) ? code : 'internal',
      message: typeof message === 'string' && message !== '' ? message : 'Pitwall reported an error without a message.',
    };
    return { ok: false, error };
  }
  return { ok: false, error: { code: 'internal', message: 'Pitwall sent a reply the console could not read.' } };
}

export function unavailable(message: string): { ok: false; error: AppError } {
  return { ok: false, error: { code: 'unavailable', message } };
}
