import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceInput, type SourceInput } from '../../../shared/contract/source-schemas';
import type { z } from 'zod';
import { NodeSecretBox, SECRET_KEY_FILE } from '../../platform/node-secret-box';
import { openStore, type OpenedStore } from '../../store/database';
import { tempDir } from '../../test-support/temp-dir';
import { SourceService } from './source-service';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

function setup(dataDir?: string): { svc: SourceService; store: OpenedStore; dir: string; changed: number[] } {
  let dir = dataDir;
  if (!dir) {
    const t = tempDir();
    cleanups.push(t.cleanup);
    dir = t.dir;
  }
  const store = openStore(dir);
  cleanups.push(() => store.close());
  const changed: number[] = [];
  const svc = new SourceService({ db: store.db, secrets: NodeSecretBox.open(dir), now: () => 1_000, onChanged: (id) => changed.push(id) });
  return { svc, store, dir, changed };
}

const input = (i: z.input<typeof sourceInput>): SourceInput => sourceInput.parse(i);
const PASSWORD = 'correct-horse-battery-staple-42';

describe('SourceService', () => {
  it('saves a basic-auth source, never shows its secret, and resolves it decrypted', () => {
    const { svc, store, changed } = setup();
    const view = svc.save(
      input({
        name: 'Prod Prometheus',
        kind: 'prometheus',
        baseUrl: 'https://prom.example:9090/prefix',
        auth: { kind: 'basic', username: 'ic', password: PASSWORD },
        headers: [
          { name: 'X-Scope-OrgID', value: 'tenant-a' },
          { name: 'X-Api-Key', value: 'api-key-secret-value', secret: true },
        ],
        tls: { caPem: '-----BEGIN CERTIFICATE-----', insecureSkipVerify: false },
      }),
    );
    expect(changed).toEqual([view.id]);
    expect(view.auth).toEqual({ kind: 'basic', username: 'ic', passwordSet: true });
    expect(view.headers).toEqual([
      { name: 'X-Scope-OrgID', value: 'tenant-a', secret: false },
      { name: 'X-Api-Key', value: null, secret: true },
    ]);
    expect(view.health.state).toBe('unknown');
    expect(JSON.stringify(svc.list())).not.toContain(PASSWORD);
    expect(JSON.stringify(svc.list())).not.toContain('api-key-secret-value');

    const resolved = svc.resolve(view.id);
    expect(resolved.connection).toEqual({
      baseUrl: 'https://prom.example:9090/prefix',
      auth: { kind: 'basic', username: 'ic', password: PASSWORD },
      headers: { 'X-Scope-OrgID': 'tenant-a', 'X-Api-Key': 'api-key-secret-value' },
      tls: { caPem: '-----BEGIN CERTIFICATE-----', insecureSkipVerify: false },
      timeoutMs: 10_000,
      // Only the secret header and the password are scrubbed from answers, not the tenant id.
      redact: ['api-key-secret-value', PASSWORD],
    });
    expect(svc.resolveAll().map((r) => r.id)).toEqual([view.id]);

    // Nothing in the database files holds the secret in plain text.
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const dir = join(store.path, '..');
    for (const f of readdirSync(dir).filter((n) => n.startsWith('pitwall.db'))) {
      const bytes = readFileSync(join(dir, f));
      expect(bytes.includes(Buffer.from(PASSWORD)), f).toBe(false);
      expect(bytes.includes(Buffer.from('api-key-secret-value')), f).toBe(false);
    }
  });

  it('keeps an omitted secret on update, drops it when the auth kind or header goes away', () => {
    const { svc } = setup();
    const base = { name: 'Loki', kind: 'loki' as const, baseUrl: 'http://loki:3100' };
    const { id } = svc.save(
      input({ ...base, auth: { kind: 'bearer', token: 'tok-1' }, headers: [{ name: 'X-Key', value: 'k1', secret: true }] }),
    );
    svc.save(input({ ...base, id, auth: { kind: 'bearer' }, headers: [{ name: 'x-key', secret: true }] }));
    expect(svc.resolve(id).connection.auth).toEqual({ kind: 'bearer', token: 'tok-1' });
    expect(svc.resolve(id).connection.headers).toEqual({ 'x-key': 'k1' });

    // Switching to basic does not reuse the bearer token as a password.
    expect(() => svc.save(input({ ...base, id, auth: { kind: 'basic', username: 'u' } }))).toThrow(
      expect.objectContaining({ code: 'bad-input' }),
    );
    svc.save(input({ ...base, id, auth: { kind: 'none' }, headers: [] }));
    expect(svc.resolve(id).connection).toMatchObject({ auth: { kind: 'none' }, headers: {} });
    // Back to bearer: the old token is gone, so one must be given.
    expect(() => svc.save(input({ ...base, id, auth: { kind: 'bearer' } }))).toThrow(/needs a token/);
    // A re-added secret header without a value is refused too.
    expect(() => svc.save(input({ ...base, id, headers: [{ name: 'X-Key', secret: true }] }))).toThrow(/needs a value/);
  });

  it('refuses a new basic source without a password, duplicate names and unknown ids', () => {
    const { svc } = setup();
    expect(() => svc.save(input({ name: 'A', kind: 'prometheus', baseUrl: 'http://a', auth: { kind: 'basic', username: 'u' } }))).toThrow(
      expect.objectContaining({ code: 'bad-input' }),
    );
    svc.save(input({ name: 'A', kind: 'prometheus', baseUrl: 'http://a' }));
    expect(() => svc.save(input({ name: 'a', kind: 'loki', baseUrl: 'http://b' }))).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => svc.save(input({ id: 99, name: 'B', kind: 'loki', baseUrl: 'http://b' }))).toThrow(
      expect.objectContaining({ code: 'not-found' }),
    );
    expect(() => svc.delete(99)).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('gives each kind its default metric queries on create and keeps edited ones', () => {
    const { svc } = setup();
    const prom = svc.save(input({ name: 'P', kind: 'prometheus', baseUrl: 'http://p' }));
    expect(prom.queries.map((q) => q.metric)).toEqual([
      'gpu.memory.share',
      'node.gpu.memory.share',
      'queue.depth',
      'snapshot.gpus',
      'snapshot.queues',
      'pod.restarts_total',
      'pod.last_oom',
      'fs.used_share',
      'fs.device_error',
      'gateway.requests_total',
      'auth.token_failures_total',
      'auth.provider_up',
      'gpu.xid',
      'node.ready',
    ]);
    expect(prom.queries.every((q) => q.enabled && q.expr.length > 0)).toBe(true);
    expect(svc.save(input({ name: 'L', kind: 'loki', baseUrl: 'http://l' })).queries.map((q) => q.id)).toEqual([
      'log-error-rate',
      'log-auth-failures',
    ]);
    expect(svc.save(input({ name: 'Q', kind: 'asynqmon', baseUrl: 'http://q' })).queries).toEqual([]);

    const custom = [{ id: 'mine', metric: 'my.metric', title: 'Mine', expr: 'up', enabled: false }];
    const edited = svc.save(input({ id: prom.id, name: 'P', kind: 'prometheus', baseUrl: 'http://p', queries: custom }));
    expect(edited.queries).toEqual(custom);
    // Omitted on update: the stored ones stay.
    expect(svc.save(input({ id: prom.id, name: 'P2', kind: 'prometheus', baseUrl: 'http://p' })).queries).toEqual(custom);
  });

  it("keeps a Loki source's service label and builds its default queries on it", () => {
    const { svc } = setup();
    const loki = svc.save(input({ name: 'L', kind: 'loki', baseUrl: 'http://l', serviceLabel: 'service_name' }));
    expect(loki.serviceLabel).toBe('service_name');
    expect(loki.queries[0]?.expr).toMatch(/^sum by \(service_name\) \(count_over_time\(\{service_name=~"\.\+"\}/);
    expect(svc.resolve(loki.id).serviceLabel).toBe('service_name');
    // Omitted on update keeps it; null clears it; other kinds never have one.
    expect(svc.save(input({ id: loki.id, name: 'L', kind: 'loki', baseUrl: 'http://l' })).serviceLabel).toBe('service_name');
    expect(svc.save(input({ id: loki.id, name: 'L', kind: 'loki', baseUrl: 'http://l', serviceLabel: null })).serviceLabel).toBeNull();
    expect(svc.save(input({ name: 'P', kind: 'prometheus', baseUrl: 'http://p', serviceLabel: 'app' })).serviceLabel).toBeNull();
    expect(() => input({ name: 'X', kind: 'loki', baseUrl: 'http://x', serviceLabel: 'a"}' })).toThrow();
  });

  it('deletes a source and reports it', () => {
    const { svc, changed } = setup();
    const { id } = svc.save(input({ name: 'A', kind: 'alertmanager', baseUrl: 'http://am' }));
    expect(svc.delete(id)).toEqual({ id });
    expect(svc.list()).toEqual([]);
    expect(changed).toEqual([id, id]);
  });

  it('says clearly when stored secrets cannot be decrypted, and a re-entered secret fixes it', () => {
    const { svc, dir, store } = setup();
    const { id } = svc.save(input({ name: 'A', kind: 'prometheus', baseUrl: 'http://a', auth: { kind: 'bearer', token: 't' } }));
    writeFileSync(join(dir, SECRET_KEY_FILE), Buffer.alloc(32, 3), { mode: 0o600 });
    const fresh = new SourceService({ db: store.db, secrets: NodeSecretBox.open(dir) });
    expect(() => fresh.resolve(id)).toThrow(/stored secrets of source "A" cannot be read.*key file was replaced/);
    const errors: number[] = [];
    expect(fresh.resolveAll((sid) => errors.push(sid))).toEqual([]);
    expect(errors).toEqual([id]);
    fresh.save(input({ id, name: 'A', kind: 'prometheus', baseUrl: 'http://a', auth: { kind: 'bearer', token: 'new' } }));
    expect(fresh.resolve(id).connection.auth).toEqual({ kind: 'bearer', token: 'new' });
  });
});

describe('demo profile', () => {
  it('creates the lab sources once, follows the lab port, and respects their deletion', () => {
    const { svc } = setup();
    expect(svc.wantsDemoLab()).toBe(true);
    const demo = svc.ensureDemoSources('http://127.0.0.1:41000/');
    expect(demo.map((s) => [s.name, s.kind, s.baseUrl, s.demo, s.intervalMs])).toEqual([
      ['Lab GPU exporter', 'exporter-scrape', 'http://127.0.0.1:41000/', true, 5_000],
      ['Lab AsynqMon', 'asynqmon', 'http://127.0.0.1:41000', true, 5_000],
      ['Lab Loki', 'loki', 'http://127.0.0.1:41000', true, 5_000],
    ]);
    expect(demo[2]?.queries.map((q) => q.metric)).toEqual(['logs.error_lines', 'logs.auth_failures']);

    const moved = svc.ensureDemoSources('http://127.0.0.1:42000');
    expect(moved.map((s) => s.baseUrl)).toEqual(['http://127.0.0.1:42000/', 'http://127.0.0.1:42000', 'http://127.0.0.1:42000']);
    expect(svc.list()).toHaveLength(3);

    // A demo source the user re-points is theirs: it no longer follows the lab.
    const loki = moved[2];
    if (!loki) throw new Error('no loki');
    svc.save(input({ id: loki.id, name: loki.name, kind: 'loki', baseUrl: 'http://my-loki:3100' }));
    svc.ensureDemoSources('http://127.0.0.1:43000');
    expect(svc.get(loki.id)).toMatchObject({ demo: false, baseUrl: 'http://my-loki:3100' });

    expect(svc.wantsDemoLab()).toBe(true);
    for (const s of svc.list()) svc.delete(s.id);
    // Every demo source gone: the lab is no longer started for this data directory.
    expect(svc.wantsDemoLab()).toBe(false);
    expect(svc.ensureDemoSources('http://127.0.0.1:44000')).toEqual([]);
    expect(svc.list()).toEqual([]);
  });

  it('does not add the demo profile beside sources the user already has', () => {
    const { svc } = setup();
    svc.save(input({ name: 'Mine', kind: 'prometheus', baseUrl: 'http://p' }));
    expect(svc.ensureDemoSources('http://127.0.0.1:41000')).toEqual([]);
    expect(svc.list().map((s) => s.name)).toEqual(['Mine']);
    expect(svc.wantsDemoLab()).toBe(false);
  });
});
