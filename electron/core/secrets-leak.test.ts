import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { channels, type Channel } from '../../shared/contract/channels';
import { startFakeUpstream, type FakeUpstream } from '../sources/fake-upstream';
import { pdfToolsMissing } from '../test-support/pdf-tools';
import { tempDir } from '../test-support/temp-dir';
import { createCore, type PitwallCore } from './app';

/**
 * A secret planted in every secret field of every source kind must never come back out: not in any
 * channel's answer, not in an error message built from an upstream reply that echoes it, not in the
 * log, not in plain text anywhere in the data directory.
 */
const PLANTED = 'PLANTED-s3cr3t-8f1c2d';

const pdfMissing = pdfToolsMissing();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const t = tempDir('pitwall-secrets-');
let upstream: FakeUpstream;
let core: PitwallCore;
const logged: string[] = [];

beforeAll(async () => {
  upstream = await startFakeUpstream();
  // A hostile upstream that echoes the request's credentials back in every error body.
  for (const path of [
    '/-/ready',
    '/api/v1/query',
    '/api/v1/status/buildinfo',
    '/api/v1/alerts',
    '/api/queues',
    '/loki/api/v1/query_range',
    '/ready',
    '/api/v2/alerts',
    '/api/v2/status',
    '/metrics',
  ]) {
    upstream.routes.set(`GET ${path}`, (req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`denied: ${req.headers.authorization ?? ''} ${String(req.headers['x-api-key'] ?? '')}\n`);
    });
  }
  for (const stream of ['log', 'error', 'warn', 'info'] as const) {
    vi.spyOn(console, stream).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  }
  core = createCore({ dataDir: join(t.dir, 'data'), mode: 'browser', version: 'test', operator: 'tester', poll: false });
});

afterEach(() => undefined);

afterAll(async () => {
  await core.close();
  await upstream.close();
  vi.restoreAllMocks();
  t.cleanup();
});

describe('secrets stay secret', () => {
  it('never appear in any answer, error, log line or file, even when the upstream echoes them', async () => {
    const answers: unknown[] = [];
    const ask = async (channel: Channel, input: unknown): Promise<void> => {
      answers.push(await core.dispatch(channel, input));
    };
    mkdirSync(join(t.dir, 'data', 'exports'), { recursive: true });
    const kinds = ['prometheus', 'asynqmon', 'loki', 'alertmanager', 'exporter-scrape'] as const;
    for (const [i, kind] of kinds.entries()) {
      const auth = i % 2 === 0 ? { kind: 'basic', username: 'ops', password: PLANTED } : { kind: 'bearer', token: PLANTED };
      const config = {
        name: `src-${kind}`,
        kind,
        baseUrl: upstream.url,
        auth,
        headers: [{ name: 'X-Api-Key', value: PLANTED, secret: true }],
      };
      await ask('source:save', config);
      await ask('source:test', { config });
    }
    const list = (await core.dispatch('source:list', {})) as { ok: true; value: { id: number }[] };
    expect(list.value).toHaveLength(kinds.length);
    for (const { id } of list.value) {
      await ask('source:test', { id });
      await ask('source:poll-now', { id });
    }
    // Every channel that can be called without arguments (the reads), after all that.
    for (const channel of Object.keys(channels) as Channel[]) {
      if (channels[channel].input.safeParse({}).success) await ask(channel, {});
    }
    // Exports carry the incident, its timeline and the sources' names: never their secrets.
    const declared = (await core.dispatch('incident:declare', { title: 'leak check', severity: 'SEV2' })) as {
      ok: true;
      value: { id: number };
    };
    await ask('incident:add-note', { id: declared.value.id, text: 'sources were polled' });
    const formats: ['markdown' | 'bundle' | 'pdf', string][] = [
      ['markdown', 'r.md'],
      ['bundle', 'r.json'],
    ];
    // The PDF's text streams are compressed: it is read back as text (pdftotext) where a Chromium prints it.
    if (pdfMissing) console.warn(`secrets test: the PDF report is not checked (${pdfMissing})`);
    else formats.push(['pdf', 'r.pdf']);
    for (const [format, file] of formats) {
      await core.reports.exportTo(declared.value.id, format, join(t.dir, 'data', 'exports', file));
    }
    if (!pdfMissing) {
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(t.dir, 'data', 'exports', 'r.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('leak check');
      expect(text).not.toContain(PLANTED);
    }
    // The upstream really did receive the secret: the checks below are not vacuous.
    expect(upstream.requests.some((r) => JSON.stringify(r.headers).includes(PLANTED))).toBe(true);

    expect(JSON.stringify(answers)).not.toContain(PLANTED);
    expect(logged.join('\n')).not.toContain(PLANTED);
    await core.close();
    const files = filesUnder(join(t.dir, 'data'));
    expect(files.filter((f) => f.includes('exports'))).toHaveLength(formats.length);
    for (const file of files) {
      expect({ file, leaked: readFileSync(file).includes(PLANTED) }).toEqual({ file, leaked: false });
    }
  }, 60_000);
});
