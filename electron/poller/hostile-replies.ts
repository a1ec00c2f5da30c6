/**
 * Test support: hostile replies an upstream can send, each a Route answering every path a poll reads
 * (hostile-replies.test.ts runs every form against every source kind). Not used by the app.
 */
import { gzipSync } from 'node:zlib';
import type { SourceKind } from '../../shared/domain/sources';
import { goError, neverAnswer, send, streamHuge, type Route } from '../sources/fake-upstream';

export interface HostileForm {
  name: string;
  /** Per kind when the hostile answer depends on what that kind speaks (wrong types), else one for all. */
  route: Route | ((kind: SourceKind) => Route);
}

const typed =
  (contentType: string, body: string | Buffer): Route =>
  (_req, res) => {
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(body);
  };

/** Headers promising `declared` bytes, `sent` of them, then the connection is cut. */
const cutAfter =
  (declared: number, sent: string): Route =>
  (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(declared) });
    res.write(sent, () => res.socket?.destroy());
  };

/** Headers at once, then one byte every 100 ms for ever (until the client gives up). */
const slowDrip: Route = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write('{');
  const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 100);
  res.on('close', () => clearInterval(timer));
};

/** JSON nested deeper than any parser's stack: 100,000 arrays (200 KB, under the cap). */
const deepJson = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

/** Bytes that are not UTF-8 and not any format (seeded, so every run sends the same). */
function garbage(n: number): Buffer {
  const b = Buffer.alloc(n);
  let s = 42;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    b[i] = s >>> 24;
  }
  return b;
}

export function hostileForms(wrongTypes: (kind: SourceKind) => Route): HostileForm[] {
  return [
    { name: 'HTTP 500 with a plain-text error', route: (_req, res) => goError(res, 500, 'dial tcp 10.0.0.7:6379: connection refused') },
    { name: 'HTTP 404 page', route: (_req, res) => goError(res, 404, '404 page not found') },
    {
      name: '200 with a proxy error in plain text',
      route: typed('text/plain', 'upstream connect error or disconnect/reset before headers'),
    },
    {
      name: '200 with an HTML login page',
      route: typed('text/html', '<!doctype html><html><body><form action="/login"><script>alert(1)</script></form></body></html>'),
    },
    { name: 'empty 200', route: typed('application/json', '') },
    { name: 'JSON null', route: typed('application/json', 'null') },
    { name: 'malformed JSON', route: typed('application/json', '{"status":"success","data":{"resultType":') },
    { name: 'JSON nested 100,000 deep', route: typed('application/json', deepJson) },
    { name: 'bytes that are no format at all', route: typed('application/json', garbage(4096)) },
    { name: 'wrong types in the right shape', route: wrongTypes },
    {
      name: 'gzip declared, plain text sent',
      route: (_req, res) => send(res, 200, '{"status":"success"}', { 'Content-Encoding': 'gzip', 'Content-Type': 'application/json' }),
    },
    {
      name: 'gzip bomb (64 MiB of zeros in 64 KiB)',
      route: (_req, res) => {
        const bomb = gzipBomb();
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': String(bomb.length) });
        res.end(bomb);
      },
    },
    { name: 'truncated: 1,000 bytes declared, 20 sent, connection cut', route: cutAfter(1000, '{"status":"success",') },
    { name: 'body over the cap, streamed (8 MiB)', route: streamHuge(8 * 1024 * 1024, () => undefined) },
    {
      name: 'body over the cap declared up front (1 GB)',
      route: (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(1e9) });
        res.write('{');
      },
    },
    { name: 'slow drip: a byte every 100 ms', route: slowDrip },
    { name: 'no answer at all', route: neverAnswer },
    {
      name: 'redirect to another host',
      route: (_req, res) => send(res, 302, '', { Location: 'http://169.254.169.254/latest/meta-data/' }),
    },
    { name: 'redirect loop', route: (req, res) => send(res, 301, '', { Location: req.path }) },
    { name: 'connection reset before any answer', route: (_req, res) => res.socket?.destroy() },
    {
      name: 'connection reset after the headers',
      route: (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"status":', () => res.socket?.resetAndDestroy());
      },
    },
  ];
}

let bomb: Buffer | null = null;
/** 64 MiB of zeros, gzipped to about 64 KiB: under the cap on the wire, far over it inflated. */
function gzipBomb(): Buffer {
  bomb ??= gzipSync(Buffer.alloc(64 * 1024 * 1024));
  return bomb;
}
