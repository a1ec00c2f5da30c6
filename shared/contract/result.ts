/** Every call across the process boundary returns one of these; errors are values, never throws. */
export const ERROR_CODES = [
  'bad-input',
  'unknown-channel',
  'not-found',
  'invalid-transition',
  'conflict',
  'too-large',
  'storage',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string): { ok: false; error: AppError } {
  return { ok: false, error: { code, message } };
}

/** Thrown inside main-process code to end a call with a specific code; turned into a value at the boundary. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppFailure';
  }
}
