import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { createGunzip, createInflate } from 'node:zlib';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { SourceConnection } from '../../shared/domain/sources';
import { SourceError, bodySnippet, classifyNetworkError } from './source-error';

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

export function formatMiB(bytes: number): string {
  return String(Number((bytes / (1024 * 1024)).toFixed(2)));
}

function buildUrl(base: URL, path: string, query: Record<string, QueryValue> | undefined): URL {
  const url = new URL(base.href);
  url.pathname = base.pathname.replace(/\/+$/, '') + path;
  url.search = '';
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) url.searchParams.append(key, v);
    else url.searchParams.append(key, String(value));
  }
  return url;
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
  let baseOrError: URL | SourceError;
  try {
    const base = parseBase(conn, label);
    where = `${label} at ${base.host}`;
    baseOrError = base;
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
    baseOrError = err instanceof SourceError ? err : new SourceError('config', String(err), { cause: err });
  }
  const headers = authHeaders(conn);
  const defaultCap = conn.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  return {
    where,
    request(req) {
      if (baseOrError instanceof SourceError) return Promise.reject(baseOrError);
      const url = buildUrl(baseOrError, req.path, req.query);
      return send(url, req, {
        where,
        agent,
        headers,
        timeoutMs: conn.timeoutMs,
        cap: req.maxBytes ?? defaultCap,
      });
    },
    close() {
      agent?.destroy();
    },
  };
}

interface SendContext {
  where: string;
  agent: http.Agent | undefined;
  headers: Record<string, string>;
  timeoutMs: number;
  cap: number;
}

function send(url: URL, req: HttpRequest, ctx: SendContext): Promise<HttpResponse> {
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

    const headers: Record<string, string> = {
      ...ctx.headers,
      Accept: req.accept ?? 'application/json, text/plain;q=0.9, */*;q=0.5',
      // Only gzip: servers disagree on whether "deflate" means zlib-wrapped or raw.
      'Accept-Encoding': 'gzip',
      'User-Agent': 'Pitwall',
    };
    if (req.body) {
      headers['Content-Type'] = req.body.contentType;
      headers['Content-Length'] = String(Buffer.byteLength(req.body.text, 'utf8'));
    }
    const mod = url.protocol === 'https:' ? https : http;
    try {
      clientReq = mod.request(url, { method: req.method ?? 'GET', headers, agent: ctx.agent });
    } catch (err) {
      // Node validates header names and values synchronously (e.g. a newline in a custom header).
      fail(new SourceError('config', `cannot send a request to ${ctx.where}: ${String(err)}`, { cause: err }));
      return;
    }
    clientReq.on('error', (err) => fail(classifyNetworkError(err, ctx.where, url.hostname)));
    clientReq.on('response', (res) => {
      readBody(res, ctx).then(
        (text) => {
          if (settled) return;
          cleanup();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
        },
        (err: unknown) => {
          fail(err instanceof SourceError ? err : classifyNetworkError(err, ctx.where, url.hostname));
        },
      );
    });
    clientReq.end(req.body?.text);
  });
}

function tooLarge(ctx: SendContext): SourceError {
  return new SourceError('too-large', `${ctx.where} sent a response larger than ${formatMiB(ctx.cap)} MiB; stopped reading it`);
}

/** Streams the body and gives up as soon as it passes the cap (counted after decompression, against gzip bombs). */
function readBody(res: IncomingMessage, ctx: SendContext): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const encoding = (res.headers['content-encoding'] ?? 'identity').toLowerCase();
    const declared = Number(res.headers['content-length']);
    if (encoding === 'identity' && Number.isFinite(declared) && declared > ctx.cap) {
      reject(tooLarge(ctx));
      return;
    }
    let stream: Readable = res;
    if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate') {
      const decoder = encoding === 'deflate' ? createInflate() : createGunzip();
      decoder.on('error', (err) => {
        reject(new SourceError('malformed', `${ctx.where} sent a body that does not decompress (${encoding})`, { cause: err }));
      });
      stream = res.pipe(decoder);
    } else if (encoding !== 'identity') {
      res.resume();
      reject(new SourceError('malformed', `${ctx.where} sent an unsupported content encoding "${encoding}"`));
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > ctx.cap) {
        chunks.length = 0;
        stream.destroy();
        reject(tooLarge(ctx));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks, total).toString('utf8')));
    res.on('error', (err) => {
      reject(new SourceError('network', `${ctx.where} dropped the connection while sending its answer`, { cause: err }));
    });
  });
}

/** The error a client throws for an unexpected status, carrying the server's own words. */
export function httpStatusError(where: string, status: number, serverMessage: string): SourceError {
  const said = bodySnippet(serverMessage);
  return new SourceError('http', `${where} answered HTTP ${status}${said === '' ? '' : `: ${said}`}`, { status });
}
