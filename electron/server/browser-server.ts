import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { INPUT_TOO_LARGE, MAX_INPUT_BYTES } from '../../shared/contract/limits';
import { fail, type Result } from '../../shared/contract/result';
import type { PitwallCore } from '../core/app';
import { CONTENT_SECURITY_POLICY } from './csp';
import { cookieToken, hostAllowed, newToken, originAllowed, sameToken, sessionCookie } from './security';
import { readStatic } from './static-files';

export interface BrowserServerOptions {
  core: PitwallCore;
  staticRoot: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
}

export interface BrowserServer {
  /** Open this once: it carries the token, sets the session cookie, and redirects to the app. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const INVOKE_PREFIX = '/api/invoke/';
const BASE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function sendResult(res: ServerResponse, status: number, result: Result<unknown>): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(result));
}

/**
 * Over the cap, a body is drained unstored up to this size so the sender can read our 413 (a browser
 * that is still uploading when the socket closes reports a network error, not our answer). Beyond it
 * the connection is dropped; the renderer never gets there, as it refuses such a call before sending.
 */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

function readBody(req: IncomingMessage, cap: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_DRAIN_BYTES) req.destroy();
      else if (size <= cap) chunks.push(c);
    });
    req.on('end', () => resolve(size > cap ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('close', () => resolve(null));
    req.on('error', reject);
  });
}

/**
 * Browser mode: the same core and contract, served to a local browser. Bound to
 * 127.0.0.1 only; every request must carry the per-run session (cookie set from
 * the printed URL's token), name our host (no DNS rebinding), and — for calls
 * and the event socket — come from our own origin (no other site can drive it).
 */
export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const token = opts.token ?? newToken();
  let port = 0;
  const authed = (req: IncomingMessage): boolean => {
    const t = cookieToken(req);
    return t !== null && sameToken(t, token);
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendResult(res, 500, fail('internal', err instanceof Error ? err.message : String(err)));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden host\n');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const offered = url.searchParams.get('token');
    if (req.method === 'GET' && offered !== null) {
      if (!sameToken(offered, token))
        return send(
          res,
          403,
          'text/plain; charset=utf-8',
          'This link is not valid for this Pitwall run. Use the URL it printed at start.\n',
        );
      return send(res, 302, 'text/plain; charset=utf-8', '', { 'Set-Cookie': sessionCookie(token), Location: '/' });
    }
    if (!authed(req)) {
      return send(
        res,
        401,
        'text/plain; charset=utf-8',
        "Not signed in. Open the URL Pitwall printed when it started; it carries this run's session token.\n",
      );
    }
    if (url.pathname.startsWith(INVOKE_PREFIX)) return invoke(req, res, url.pathname.slice(INVOKE_PREFIX.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    const file = (await readStatic(opts.staticRoot, url.pathname)) ?? (await readStatic(opts.staticRoot, '/index.html'));
    if (!file)
      return send(
        res,
        503,
        'text/plain; charset=utf-8',
        `The renderer is not built (no index.html in ${opts.staticRoot}). Run npm run build.\n`,
      );
    return send(res, 200, file.type, file.body);
  }

  async function invoke(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return sendResult(res, 405, fail('bad-input', 'Use POST for calls.'));
    if (!originAllowed(req, port, true)) return sendResult(res, 403, fail('bad-input', 'Calls must come from the Pitwall page itself.'));
    // A JSON content type forces a CORS preflight on any cross-site attempt, which we never answer.
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendResult(res, 415, fail('bad-input', 'Calls must be sent as application/json.'));
    }
    const body = await readBody(req, MAX_INPUT_BYTES + 1024);
    if (body === null) return sendResult(res, 413, fail('too-large', INPUT_TOO_LARGE));
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : (JSON.parse(body) as unknown);
    } catch {
      return sendResult(res, 400, fail('bad-input', 'The request body is not valid JSON.'));
    }
    let name: string;
    try {
      name = decodeURIComponent(channel);
    } catch {
      return sendResult(res, 404, fail('unknown-channel', 'Unknown channel.'));
    }
    const result = await opts.core.dispatch(name, input);
    sendResult(res, 200, result);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== '/api/events' || !hostAllowed(req, port) || !originAllowed(req, port, true) || !authed(req)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const unsubscribe = opts.core.subscribe((m) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
      });
      ws.on('close', unsubscribe);
      ws.on('error', unsubscribe);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
