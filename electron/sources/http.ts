import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { urlToHttpOptions } from 'node:url';
import type { IncomingHttpHeaders } from 'node:http';
import type { SourceConnection } from '../../shared/domain/sources';
import { readBody } from './http-body';
import { SourceError, bodySnippet, classifyNetworkError } from './source-error';

export { formatMiB } from './http-body';

export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  /** Appended to the base URL's own path, e.g. `/api/v1/query`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: { contentType: string; text: string };
  accept?: string;
  signal?: AbortSignal;
  /** Overrides the connection's cap for this request (e.g. a large exporter page). */
  maxBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface HttpClient {
  /** Names the upstream in messages, e.g. "Prometheus at 10.0.0.5:9090". */
  readonly where: string;
  request(req: HttpRequest): Promise<HttpResponse>;
  /** Drops idle keep-alive sockets; the client is unusable afterwards. */
  close(): void;
}

/** What every request of one client shares, worked out once (a poll makes a dozen requests every few seconds). */
interface Target {
  base: URL;
  /** The base URL as node:http options; `path` is set per request. */
  options: http.RequestOptions;
  basePath: string;
  /** Encoded pathnames by request path: the URL parser's percent-encoding, paid once per distinct path. */
  paths: Map<string, string>;
}

function targetOf(base: URL): Target {
  const o = urlToHttpOptions(base);
  const options: http.RequestOptions = { protocol: o.protocol, hostname: o.hostname, port: o.port };
  if (o.auth !== undefined) options.auth = o.auth;
  return { base, options, basePath: base.pathname.replace(/\/+$/, ''), paths: new Map() };
}

/** The request's path and query, encoded exactly as a URL with these searchParams would be. */
function pathFor(target: Target, path: string, query: Record<string, QueryValue> | undefined): string {
  let pathname = target.paths.get(path);
  if (pathname === undefined) {
    const url = new URL(target.base.href);
    url.pathname = target.basePath + path;
    pathname = url.pathname;
    // Bounded by the code's own paths, plus one per queue name a person opens.
    if (target.paths.size < 256) target.paths.set(path, pathname);
  }
  if (!query) return pathname;
  const params = new URLSearchParams();
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v);
    else params.append(key, String(value));
  }
  const search = params.toString();
  return search === '' ? pathname : `${pathname}?${search}`;
}

function authHeaders(conn: SourceConnection): Record<string, string> {
  const headers: Record<string, string> = { ...(conn.headers ?? {}) };
  if (conn.auth.kind === 'basic') {
    const pair = `${conn.auth.username}:${conn.auth.password}`;
    headers['Authorization'] = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
  } else if (conn.auth.kind === 'bearer') {
    headers['Authorization'] = `Bearer ${conn.auth.token}`;
  }
  return headers;
}

function parseBase(conn: SourceConnection, label: string): URL {
  let base: URL;
  try {
    base = new URL(conn.baseUrl);
  } catch (err) {
    throw new SourceError('config', `${label} base URL "${conn.baseUrl}" is not a valid URL`, { cause: err });
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new SourceError('config', `${label} base URL must start with http:// or https://, not ${base.protocol}`);
  }
  return base;
}

/**
 * One HTTP client per configured source. node:http(s) rather than fetch because Node 20's fetch
 * cannot take a custom CA or skip verification without the undici package; one keep-alive agent
 * per source so a poll cycle does not pay a TCP (and TLS) handshake per request.
 */
export function createHttpClient(conn: SourceConnection, label: string): HttpClient {
  let where = label;
  let agent: http.Agent | undefined;
  let targetOrError: Target | SourceError;
  try {
    const base = parseBase(conn, label);
    where = `${label} at ${base.host}`;
    targetOrError = targetOf(base);
    agent =
      base.protocol === 'https:'
        ? new https.Agent({
            keepAlive: true,
            maxSockets: 8,
            // A private CA is added to the system roots, so a proxy with a public cert still works.
            ca: conn.tls?.caPem ? [...rootCertificates, conn.tls.caPem] : undefined,
            rejectUnauthorized: conn.tls?.insecureSkipVerify !== true,
          })
        : new http.Agent({ keepAlive: true, maxSockets: 8 });
  } catch (err) {
    targetOrError = err instanceof SourceError ? err : new SourceError('config', String(err), { cause: err });
  }
  const headers = new RequestHeaders(authHeaders(conn));
  const defaultCap = conn.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const scrub = scrubberFor(conn);

  return {
    where,
    request(req) {
      if (targetOrError instanceof SourceError) return Promise.reject(targetOrError);
      const target = targetOrError;
      return send(target, pathFor(target, req.path, req.query), req, {
        where,
        agent,
        headers,
        timeoutMs: conn.timeoutMs,
        cap: req.maxBytes ?? defaultCap,
      }).then(scrub);
    },
    close() {
      agent?.destroy();
    },
  };
}

const REDACTED = '[redacted]';

/**
 * Removes the connection's secrets, in every form it sends them (raw, and the Basic pair in base64),
 * from each answer before any client reads it. Very short values are left alone: scrubbing "a" would
 * mangle every body without protecting anything.
 */
function scrubberFor(conn: SourceConnection): (res: HttpResponse) => HttpResponse {
  const values = new Set((conn.redact ?? []).filter((v) => v.length >= 4));
  if (conn.auth.kind === 'basic') values.add(Buffer.from(`${conn.auth.username}:${conn.auth.password}`, 'utf8').toString('base64'));
  const secrets = [...values].sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return (res) => res;
  return (res) => {
    let text = res.text;
    for (const secret of secrets) if (text.includes(secret)) text = text.split(secret).join(REDACTED);
    return text === res.text ? res : { ...res, text };
  };
}

const DEFAULT_ACCEPT = 'application/json, text/plain;q=0.9, */*;q=0.5';

/** Header objects per Accept value, built once: node:http copies them and never writes to them. */
class RequestHeaders {
  private readonly byAccept = new Map<string, Readonly<Record<string, string>>>();

  constructor(private readonly own: Readonly<Record<string, string>>) {}

  for(accept: string): Readonly<Record<string, string>> {
    let headers = this.byAccept.get(accept);
    if (!headers) {
      // Only gzip: servers disagree on whether "deflate" means zlib-wrapped or raw.
      headers = { ...this.own, Accept: accept, 'Accept-Encoding': 'gzip', 'User-Agent': 'Pitwall' };
      if (this.byAccept.size < 16) this.byAccept.set(accept, headers);
    }
    return headers;
  }
}

interface SendContext {
  where: string;
  agent: http.Agent | undefined;
  headers: RequestHeaders;
  timeoutMs: number;
  cap: number;
}

function send(target: Target, path: string, req: HttpRequest, ctx: SendContext): Promise<HttpResponse> {
  const callerSignal = req.signal;
  if (callerSignal?.aborted) {
    return Promise.reject(new SourceError('aborted', `request to ${ctx.where} was cancelled`));
  }
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    let clientReq: http.ClientRequest | undefined;
    // An own timer and listener, both removed on settle, instead of AbortSignal.any/timeout: the
    // poller's signal lives for hours, and Node 20 keeps every AbortSignal.any() derived from it.
    const timer = setTimeout(() => {
      fail(new SourceError('timeout', `${ctx.where} did not answer within ${ctx.timeoutMs / 1000} s`));
    }, ctx.timeoutMs);
    const onAbort = (): void => fail(new SourceError('aborted', `request to ${ctx.where} was cancelled`));
    callerSignal?.addEventListener('abort', onAbort, { once: true });

    function cleanup(): void {
      settled = true;
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onAbort);
    }
    function fail(err: SourceError): void {
      if (settled) return;
      cleanup();
      // Destroying the request also drops the socket, so a server streaming a huge body stops.
      clientReq?.destroy();
      reject(err);
    }

    let headers = ctx.headers.for(req.accept ?? DEFAULT_ACCEPT);
    if (req.body) {
      headers = {
        ...headers,
        'Content-Type': req.body.contentType,
        'Content-Length': String(Buffer.byteLength(req.body.text, 'utf8')),
      };
    }
    const hostname = target.base.hostname;
    const mod = target.base.protocol === 'https:' ? https : http;
    try {
      clientReq = mod.request({ ...target.options, path, method: req.method ?? 'GET', headers, agent: ctx.agent });
    } catch (err) {
      // Node validates header names and values synchronously (e.g. a newline in a custom header).
      fail(new SourceError('config', `cannot send a request to ${ctx.where}: ${String(err)}`, { cause: err }));
      return;
    }
    clientReq.on('error', (err) => fail(classifyNetworkError(err, ctx.where, hostname)));
    clientReq.on('response', (res) => {
      readBody(res, ctx).then(
        (text) => {
          if (settled) return;
          cleanup();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
        },
        (err: unknown) => {
          fail(err instanceof SourceError ? err : classifyNetworkError(err, ctx.where, hostname));
        },
      );
    });
    clientReq.end(req.body?.text);
  });
}

/** The error a client throws for an unexpected status, carrying the server's own words. */
export function httpStatusError(where: string, status: number, serverMessage: string): SourceError {
  const said = bodySnippet(serverMessage);
  return new SourceError('http', `${where} answered HTTP ${status}${said === '' ? '' : `: ${said}`}`, { status });
}
