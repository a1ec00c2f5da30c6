import type { z } from 'zod';
import type { SourceErrorKind, SourceFailure } from '../../shared/domain/sources';

/** A failed request to an upstream, in words the incident commander can act on. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  readonly kind: SourceErrorKind;
  readonly status: number | undefined;

  constructor(kind: SourceErrorKind, message: string, options?: { status?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.status = options?.status;
  }

  toFailure(): SourceFailure {
    return this.status === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, status: this.status, message: this.message };
  }
}

export function isSourceError(value: unknown): value is SourceError {
  return value instanceof SourceError;
}

const SNIPPET_CHARS = 300;

/** A server's error body, made short and readable: proxies answer with HTML pages, Go servers with a trailing newline. */
export function bodySnippet(text: string): string {
  let t = text;
  if (/^\s*</.test(t)) {
    t = t.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ');
  }
  t = t.replace(/\s+/g, ' ').trim();
  return t.length > SNIPPET_CHARS ? `${t.slice(0, SNIPPET_CHARS - 1)}…` : t;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return '';
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Turns a socket-level failure into a SourceError; `where` names the upstream, e.g. "Prometheus at host:9090". */
export function classifyNetworkError(err: unknown, where: string, host: string): SourceError {
  const code = errorCode(err);
  const detail = errorMessage(err);
  if (code === 'ECONNREFUSED') {
    return new SourceError('refused', `${where} refused the connection — is the service running?`, { cause: err });
  }
  if (code === 'ENOTFOUND' || code.startsWith('EAI_')) {
    return new SourceError('dns', `cannot resolve host "${host}" for ${where}`, { cause: err });
  }
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_OSSL') || code.startsWith('ERR_TLS')) {
    return new SourceError(
      'tls',
      `TLS failure talking to ${where}: ${detail} (trust its CA in the source settings, or opt in to skipping verification for a lab)`,
      { cause: err },
    );
  }
  if (code === 'ETIMEDOUT') {
    return new SourceError('timeout', `${where} did not accept the connection in time`, { cause: err });
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return new SourceError('network', `${where} closed the connection before answering fully`, { cause: err });
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new SourceError('network', `${where} is unreachable from this machine (${code})`, { cause: err });
  }
  return new SourceError('network', `request to ${where} failed: ${detail}`, { cause: err });
}

function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    return `${path === '' ? '(top level)' : path}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return shown.join('; ') + more;
}

/** Parses an untrusted reply; `what` reads like "the Prometheus query reply". */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw shapeError(parsed.error, what);
}

export function shapeError(error: z.ZodError, what: string): SourceError {
  return new SourceError('malformed', `${what} did not have the expected shape: ${describeIssues(error)}`, {
    cause: error,
  });
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const shown = bodySnippet(text);
    return throwMalformed(`${what} is not valid JSON${shown === '' ? ' (empty body)' : `: "${shown}"`}`, err);
  }
}

function throwMalformed(message: string, cause: unknown): never {
  throw new SourceError('malformed', message, { cause });
}
