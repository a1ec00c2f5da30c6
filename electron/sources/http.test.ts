import { failure } from './expect-failure';
import { execFileSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPortUrl, connection, neverAnswer, send, startFakeUpstream, streamHuge, type FakeUpstream } from './fake-upstream';
import { createHttpClient, type HttpClient } from './http';

let up: FakeUpstream;
const clients: HttpClient[] = [];
function client(extra: Parameters<typeof connection>[1] = {}, base = up.url): HttpClient {
  const c = createHttpClient(connection(base, extra), 'Test');
  clients.push(c);
  return c;
}

beforeAll(async () => {
  up = await startFakeUpstream();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await up.close();
});

describe('requests', () => {
  it('keeps the base path prefix and encodes query parameters, including repeated ones', async () => {
    up.routes.set('GET /prefix/api/x', (_req, res) => send(res, 200, 'ok'));
    const res = await client({}, `${up.url}/prefix/`).request({
      path: '/api/x',
      query: { q: 'sum by (a) (x{b="c d"})', filter: ['a="1"', 'b="2"'], skip: undefined },
    });
    expect(res.text).toBe('ok');
    const seen = up.requests.at(-1);
    expect(seen?.query.get('q')).toBe('sum by (a) (x{b="c d"})');
    expect(seen?.query.getAll('filter')).toEqual(['a="1"', 'b="2"']);
    expect(seen?.query.has('skip')).toBe(false);
  });

  it('sends basic, bearer and custom headers', async () => {
    up.routes.set('GET /h', (_req, res) => send(res, 200, ''));
    await client({ auth: { kind: 'basic', username: 'ic', password: 'p:ss' }, headers: { 'X-Scope-OrgID': 'tenant-a' } }).request({
      path: '/h',
    });
    const basic = up.requests.at(-1);
    expect(Buffer.from(String(basic?.headers.authorization).replace('Basic ', ''), 'base64').toString()).toBe('ic:p:ss');
    expect(basic?.headers['x-scope-orgid']).toBe('tenant-a');
    await client({ auth: { kind: 'bearer', token: 't0k' } }).request({ path: '/h' });
    expect(up.requests.at(-1)?.headers.authorization).toBe('Bearer t0k');
  });

  it('decodes a gzip body', async () => {
    up.routes.set('GET /gz', (_req, res) => {
      const body = gzipSync('{"hello":"world"}');
      res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': String(body.length) });
      res.end(body);
    });
    expect((await client().request({ path: '/gz' })).text).toBe('{"hello":"world"}');
  });

  it('decodes deflate, a large gzip body (inflated off the event loop) and chunked gzip', async () => {
    const big = JSON.stringify(Array.from({ length: 200_000 }, (_, i) => `line ${i} ${(i * 7919) % 104729}`));
    const bigGz = gzipSync(big);
    expect(bigGz.length).toBeGreaterThan(64 * 1024);
    up.routes.set('GET /deflate', (_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'deflate' });
      res.end(deflateSync('deflated'));
    });
    up.routes.set('GET /big', (_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      // In pieces, without a length: the body is gathered before it is inflated.
      for (let i = 0; i < bigGz.length; i += 10_000) res.write(bigGz.subarray(i, i + 10_000));
      res.end();
    });
    expect((await client().request({ path: '/deflate' })).text).toBe('deflated');
    expect((await client({ maxResponseBytes: 8 * 1024 * 1024 }).request({ path: '/big' })).text).toBe(big);
    const err = await failure(client({ maxResponseBytes: 1024 * 1024 }).request({ path: '/big' }));
    expect(err.kind).toBe('too-large');
  });

  it('reports a body that does not decompress', async () => {
    up.routes.set('GET /notgz', (_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end('plain text, not gzip');
    });
    const err = await failure(client().request({ path: '/notgz' }));
    expect(err.kind).toBe('malformed');
    expect(err.message).toMatch(/does not decompress \(gzip\)/);
  });

  it('removes its abort listener from a long-lived caller signal after each request', async () => {
    up.routes.set('GET /ok', (_req, res) => send(res, 200, 'ok'));
    const controller = new AbortController();
    const c = client();
    for (let i = 0; i < 20; i += 1) await c.request({ path: '/ok', signal: controller.signal });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('failures', () => {
  it('reports a refused connection', async () => {
    const err = await failure(client({}, await closedPortUrl()).request({ path: '/' }));
    expect(err.kind).toBe('refused');
    expect(err.message).toMatch(/refused the connection/);
    expect(err.cause).toBeDefined();
  });

  it('reports an unresolvable host', async () => {
    const err = await failure(client({}, 'http://no-such-host.invalid:9090').request({ path: '/' }));
    expect(err.kind).toBe('dns');
  });

  it('ends a request to a server that never answers within the timeout', async () => {
    up.routes.set('GET /hang', neverAnswer);
    const started = Date.now();
    const err = await failure(client({ timeoutMs: 300 }).request({ path: '/hang' }));
    const elapsed = Date.now() - started;
    expect(err.kind).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1500);
  });

  it('cancels through the caller signal, and refuses to start with an aborted one', async () => {
    up.routes.set('GET /hang', neverAnswer);
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    const err = await failure(client({ timeoutMs: 5000 }).request({ path: '/hang', signal: controller.signal }));
    expect(err.kind).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(1000);
    const before = up.requests.length;
    const again = await failure(client().request({ path: '/hang', signal: controller.signal }));
    expect(again.kind).toBe('aborted');
    expect(up.requests.length).toBe(before);
  });

  it('stops reading a 50 MB body at the cap, and the server sees the client hang up', async () => {
    let written = -1;
    const done = new Promise<void>((resolve) => {
      up.routes.set(
        'GET /huge',
        streamHuge(50 * 1024 * 1024, (n) => {
          written = n;
          resolve();
        }),
      );
    });
    const err = await failure(client({ maxResponseBytes: 1024 * 1024, timeoutMs: 20_000 }).request({ path: '/huge' }));
    expect(err.kind).toBe('too-large');
    expect(err.message).toMatch(/larger than 1 MiB/);
    await done;
    // Socket buffers absorb a few MiB; a client that kept reading would have taken all 50.
    expect(written).toBeLessThan(20 * 1024 * 1024);
  });

  it('refuses a body whose declared length is over the cap without waiting for it', async () => {
    up.routes.set('GET /declared', (_req, res) => {
      res.writeHead(200, { 'Content-Length': String(100 * 1024 * 1024) });
      res.write('{');
    });
    const started = Date.now();
    const err = await failure(client({ maxResponseBytes: 1024 * 1024, timeoutMs: 5000 }).request({ path: '/declared' }));
    expect(err.kind).toBe('too-large');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('counts the cap after decompression (gzip bomb)', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    up.routes.set('GET /bomb', (_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': String(bomb.length) });
      res.end(bomb);
    });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const err = await failure(client({ maxResponseBytes: 1024 * 1024 }).request({ path: '/bomb' }));
    expect(err.kind).toBe('too-large');
  });

  it('reports a connection dropped mid-body', async () => {
    up.routes.set('GET /drop', (_req, res) => {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('{"partial":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const err = await failure(client().request({ path: '/drop' }));
    expect(err.kind).toBe('network');
  });

  it('turns unusable settings into config errors instead of throwing synchronously', async () => {
    expect((await failure(client({}, 'not a url').request({ path: '/' }))).kind).toBe('config');
    expect((await failure(client({}, 'ftp://x').request({ path: '/' }))).kind).toBe('config');
    const bad = await failure(client({ headers: { 'X-Bad': 'a\r\nInjected: 1' } }).request({ path: '/' }));
    expect(bad.kind).toBe('config');
  });
});

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasOpenssl)('TLS', () => {
  let dir: string;
  let server: https.Server;
  let url: string;
  let certPem: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pitwall-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=pitwall-test',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    certPem = readFileSync(join(dir, 'cert.pem'), 'utf8');
    server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: certPem }, (_req, res) => send(res, 200, 'secure'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects a self-signed certificate by default, with a hint', async () => {
    const err = await failure(client({}, url).request({ path: '/' }));
    expect(err.kind).toBe('tls');
    expect(err.message).toMatch(/CA/);
  });

  it('trusts a custom CA', async () => {
    expect((await client({ tls: { caPem: certPem } }, url).request({ path: '/' })).text).toBe('secure');
  });

  it('skips verification only when asked', async () => {
    expect((await client({ tls: { insecureSkipVerify: true } }, url).request({ path: '/' })).text).toBe('secure');
  });
});
