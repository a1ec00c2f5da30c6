/**
 * Test support: a scriptable upstream on 127.0.0.1, port 0. Not used by the app; kept beside the
 * tests that share it. Each route answers with exactly the bytes and headers a real server sends.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SourceConnection } from '../../shared/domain/sources';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Route = (req: RecordedRequest, res: http.ServerResponse) => void;

export interface FakeUpstream {
  url: string;
  requests: RecordedRequest[];
  /** Routes by `METHOD /path` (no query); replace them freely between tests. */
  routes: Map<string, Route>;
  close(): Promise<void>;
}

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  const routes = new Map<string, Route>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const route = routes.get(`${recorded.method} ${recorded.path}`);
      if (route) route(recorded, res);
      else send(res, 404, '404 page not found\n', { 'Content-Type': 'text/plain; charset=utf-8' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

/** Go's http.Error: plain text, nosniff, message + newline. */
export function goError(res: http.ServerResponse, status: number, message: string): void {
  send(res, status, `${message}\n`, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
}

export function json(res: http.ServerResponse, status: number, value: unknown, contentType = 'application/json'): void {
  send(res, status, JSON.stringify(value), { 'Content-Type': contentType });
}

/** Accepts and never answers; the socket is kept until the server closes. */
export const neverAnswer: Route = () => undefined;

/** Streams `totalBytes` of filler with backpressure and reports how much actually left before the client hung up. */
export function streamHuge(totalBytes: number, onDone: (written: number) => void, contentType = 'application/json'): Route {
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': contentType });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let written = 0;
    let finished = false;
    const done = (): void => {
      if (finished) return;
      finished = true;
      onDone(written);
    };
    res.on('close', done);
    const pump = (): void => {
      while (written < totalBytes && !res.destroyed) {
        written += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (written >= totalBytes) res.end(done);
    };
    res.write('{"status":"success","data":"');
    pump();
  };
}

/** A URL on which nothing listens: bind port 0, note it, close. */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export function connection(baseUrl: string, extra: Partial<SourceConnection> = {}): SourceConnection {
  return { baseUrl, auth: { kind: 'none' }, timeoutMs: 2000, ...extra };
}
