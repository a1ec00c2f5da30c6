import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type PitwallCore } from '../core/app';
import { tempDir } from '../test-support/temp-dir';
import { startBrowserServer, type BrowserServer } from './browser-server';

const TOKEN = 'test-token-0123456789';
let core: PitwallCore;
let server: BrowserServer;
let cleanup: () => void;
let origin: string;
const cookie = `pitwall_session=${TOKEN}`;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  const staticRoot = join(t.dir, 'static');
  mkdirSync(staticRoot);
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>Pitwall</title>');
  core = createCore({ dataDir: join(t.dir, 'data'), mode: 'browser', version: 'test', operator: 'tester' });
  server = await startBrowserServer({ core, staticRoot, token: TOKEN });
  origin = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await core.close();
  cleanup();
});

function http(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method, path, headers: { Host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const call = (channel: string, input: unknown, headers: Record<string, string> = {}) =>
  http(
    'POST',
    `/api/invoke/${channel}`,
    { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json', ...headers },
    JSON.stringify(input),
  );

describe('browser mode security', () => {
  it('listens on loopback only and prints a URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('exchanges the token for an HttpOnly SameSite=Strict cookie, and refuses a wrong token', async () => {
    const ok = await http('GET', `/?token=${TOKEN}`);
    expect(ok.status).toBe(302);
    expect(String(ok.headers['set-cookie'])).toMatch(/pitwall_session=.+; HttpOnly; SameSite=Strict/);
    expect((await http('GET', '/?token=guess')).status).toBe(403);
  });

  it('serves nothing without the session, with a CSP on what it serves', async () => {
    expect((await http('GET', '/')).status).toBe(401);
    const page = await http('GET', '/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await call('app:get-info', {}, { Cookie: 'pitwall_session=wrong' })).status).toBe(401);
  });

  it('refuses other Host headers (DNS rebinding)', async () => {
    expect((await http('GET', '/', { Cookie: cookie, Host: 'evil.example:80' })).status).toBe(403);
  });

  it('refuses calls from another origin, without an origin, or not sent as JSON', async () => {
    expect((await call('app:get-info', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await http('POST', '/api/invoke/app:get-info', { Cookie: cookie, 'Content-Type': 'application/json' }, '{}')).status).toBe(403);
    expect((await call('app:get-info', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
  });

  it('answers bad input as error values and oversized bodies with 413', async () => {
    const bad = await call('incident:declare', { title: 42 });
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    const notJson = await http(
      'POST',
      '/api/invoke/app:get-info',
      { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' },
      '{nope',
    );
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    // 400 KiB, 2 MiB and 8 MiB: all drained and answered with the 413 and its words, none dropped.
    for (const size of [400_000, 2 * 1024 * 1024, 8 * 1024 * 1024]) {
      const huge = await call('incident:add-note', { id: 1, text: 'x'.repeat(size) });
      expect(huge.status).toBe(413);
      expect(JSON.parse(huge.body)).toEqual({ ok: false, error: { code: 'too-large', message: 'Input is larger than 256 KiB.' } });
    }
    expect((await call('no:such-channel', {})).body).toContain('unknown-channel');
  });

  it('lets fetch read the 413 and its words for a 300 KB body (fetch sends the body before reading, like a page)', async () => {
    // Node's fetch (undici) behaves as Chromium's did: a connection closed before the body was read is a network error.
    const res = await fetch(`http://127.0.0.1:${server.port}/api/invoke/incident:add-note`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 1, text: 'x'.repeat(300_000) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ ok: false, error: { code: 'too-large', message: 'Input is larger than 256 KiB.' } });
  });

  it('pushes events over the WebSocket only to an authenticated same-origin client', async () => {
    const url = `ws://127.0.0.1:${server.port}/api/events`;
    const rejected = new WebSocket(url, { headers: { Cookie: cookie, Origin: 'http://evil.example' } });
    await expect(new Promise((_, reject) => rejected.on('error', reject))).rejects.toThrow(/403/);

    const ws = new WebSocket(url, { headers: { Cookie: cookie, Origin: origin } });
    await new Promise((r) => ws.on('open', r));
    const got = new Promise<unknown>((r) => ws.on('message', (m: Buffer) => r(JSON.parse(m.toString()))));
    const declared = JSON.parse((await call('incident:declare', { title: 'Auth outage', severity: 'SEV1' })).body) as {
      value: { id: number; ref: string };
    };
    expect(await got).toEqual({ event: 'incident:changed', payload: { id: declared.value.id, ref: declared.value.ref } });
    ws.close();
  });
});
