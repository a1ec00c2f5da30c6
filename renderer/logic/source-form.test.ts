import { describe, expect, it } from 'vitest';
import { SOURCE_LIMITS, type SourceView } from '../../shared/domain/source-config';
import {
  addRow,
  buildSourceInput,
  emptySourceForm,
  formFromView,
  inputFromView,
  patchRow,
  removeRow,
  withTestedLabel,
  type SourceForm,
} from './source-form';

const VIEW: SourceView = {
  id: 7,
  name: 'Loki (prod)',
  kind: 'loki',
  baseUrl: 'https://logs.example.net/loki-prefix',
  auth: { kind: 'basic', username: 'ops', passwordSet: true },
  headers: [
    { name: 'X-Scope-OrgID', value: 'tenant-a', secret: false },
    { name: 'X-Api-Key', value: null, secret: true },
  ],
  tls: { caPem: null, insecureSkipVerify: false },
  timeoutMs: 5_000,
  intervalMs: 30_000,
  enabled: true,
  demo: false,
  queries: [
    {
      id: 'error-lines',
      metric: 'logs.error_lines',
      title: 'Error lines',
      expr: 'sum(count_over_time({level="error"}[1m]))',
      enabled: true,
    },
  ],
  serviceLabel: 'app',
  health: {
    sourceId: 7,
    state: 'ok',
    lastAttemptAt: 1,
    lastSuccessAt: 1,
    lastError: null,
    consecutiveFailures: 0,
    latencyMs: 30,
    nextPollAt: null,
  },
  createdAt: 1,
  updatedAt: 1,
};

function filled(patch: Partial<SourceForm> = {}): SourceForm {
  return { ...emptySourceForm('prometheus'), name: 'Prometheus', baseUrl: 'http://127.0.0.1:9090', ...patch };
}

function errorsOf(form: SourceForm): Record<string, string> {
  const r = buildSourceInput(form);
  if (r.ok) throw new Error('expected the form to be refused');
  return r.errors;
}

describe('buildSourceInput', () => {
  it('creates with the kind defaults: no id, no queries, seconds turned into ms', () => {
    const r = buildSourceInput(filled({ timeoutSec: '2.5', intervalSec: '30' }));
    expect(r).toEqual({
      ok: true,
      input: {
        name: 'Prometheus',
        kind: 'prometheus',
        baseUrl: 'http://127.0.0.1:9090',
        auth: { kind: 'none' },
        headers: [],
        tls: { caPem: null, insecureSkipVerify: false },
        timeoutMs: 2_500,
        intervalMs: 30_000,
        enabled: true,
      },
    });
    expect(r.ok && 'queries' in r.input).toBe(false);
  });

  it('says what is wrong next to each field and keeps the typed values', () => {
    const form = filled({ name: ' ', baseUrl: 'prometheus:9090', timeoutSec: 'soon', intervalSec: '0.2' });
    const errors = errorsOf(form);
    expect(errors.name).toMatch(/name/i);
    expect(errors.baseUrl).toMatch(/http:\/\/ or https:\/\//);
    expect(errors.timeoutMs).toMatch(/seconds/);
    expect(errors.intervalMs).toMatch(/between 1 and 3600 seconds/);
    expect(form.baseUrl).toBe('prometheus:9090');
  });

  it('refuses credentials in the URL, pointing at the auth fields', () => {
    expect(errorsOf(filled({ baseUrl: 'http://ops:hunter2@prom:9090' })).baseUrl).toMatch(/auth fields/);
  });

  it('requires a secret only when none is stored', () => {
    expect(errorsOf(filled({ authKind: 'basic', username: 'ops' })).password).toMatch(/password/i);
    expect(errorsOf(filled({ authKind: 'basic' })).username).toMatch(/user name/i);
    expect(errorsOf(filled({ authKind: 'bearer' })).token).toMatch(/token/i);
    const kept = buildSourceInput(filled({ id: 3, authKind: 'basic', username: 'ops', passwordStored: true }));
    expect(kept.ok && kept.input.auth).toEqual({ kind: 'basic', username: 'ops' });
    const changed = buildSourceInput(filled({ id: 3, authKind: 'bearer', token: 't0ken', tokenStored: true }));
    expect(changed.ok && changed.input.auth).toEqual({ kind: 'bearer', token: 't0ken' });
  });

  it('checks a CA is PEM', () => {
    expect(errorsOf(filled({ caPem: 'not a cert' })).caPem).toMatch(/PEM/);
    const ok = buildSourceInput(
      filled({ caPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', insecureSkipVerify: true }),
    );
    expect(ok.ok && ok.input.tls).toEqual({
      caPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
      insecureSkipVerify: true,
    });
  });
});

describe('editing a saved source', () => {
  it('starts with secrets empty but marked stored, and saves them omitted', () => {
    const form = formFromView(VIEW);
    expect(form).toMatchObject({ id: 7, password: '', passwordStored: true, timeoutSec: '5', intervalSec: '30', queryMode: 'custom' });
    expect(form.headers.map((h) => [h.name, h.value, h.secret])).toEqual([
      ['X-Scope-OrgID', 'tenant-a', false],
      ['X-Api-Key', '', true],
    ]);
    const r = buildSourceInput(form);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input.id).toBe(7);
    expect(r.input.auth).toEqual({ kind: 'basic', username: 'ops' });
    expect(r.input.headers).toEqual([
      { name: 'X-Scope-OrgID', value: 'tenant-a', secret: false },
      { name: 'X-Api-Key', secret: true },
    ]);
    expect(r.input.queries).toEqual(VIEW.queries);
  });

  it('does not carry a stored secret header over to a new name', () => {
    const form = formFromView(VIEW);
    const secret = form.headers[1];
    if (!secret) throw new Error('fixture');
    const errors = errorsOf(patchRow(form, 'headers', secret.key, { name: 'X-Other-Key' }));
    expect(errors[`header-${secret.key}-value`]).toMatch(/again/);
  });

  it('turns a saved source into an input that only flips enabled', () => {
    expect(inputFromView(VIEW, { enabled: false })).toEqual({
      id: 7,
      name: 'Loki (prod)',
      kind: 'loki',
      baseUrl: 'https://logs.example.net/loki-prefix',
      auth: { kind: 'basic', username: 'ops' },
      headers: [
        { name: 'X-Scope-OrgID', value: 'tenant-a', secret: false },
        { name: 'X-Api-Key', secret: true },
      ],
      tls: { caPem: null, insecureSkipVerify: false },
      timeoutMs: 5_000,
      intervalMs: 30_000,
      enabled: false,
    });
  });
});

describe('header rows', () => {
  it('skips blank rows, validates names and duplicates, requires new secret values', () => {
    let form = addRow(addRow(addRow(addRow(filled(), 'headers'), 'headers'), 'headers'), 'headers');
    const [a, b, c, blank] = form.headers.map((h) => h.key) as [number, number, number, number];
    form = patchRow(form, 'headers', a, { name: 'X-Scope-OrgID', value: 'tenant-a' });
    form = patchRow(form, 'headers', b, { name: 'x-scope-orgid', value: 'tenant-b' });
    form = patchRow(form, 'headers', c, { name: 'Bad Name', secret: true });
    const errors = errorsOf(form);
    expect(errors[`header-${b}-name`]).toMatch(/twice/);
    expect(errors[`header-${c}-name`]).toMatch(/header name may contain only/i);
    expect(errors[`header-${c}-value`]).toMatch(/secret value/);
    expect(Object.keys(errors).some((k) => k.startsWith(`header-${blank}`))).toBe(false);
  });

  it('refuses a header value that spans lines', () => {
    let form = addRow(filled(), 'headers');
    const key = form.headers[0]?.key ?? 0;
    form = patchRow(form, 'headers', key, { name: 'X-Token', value: 'a\r\nInjected: 1' });
    expect(errorsOf(form)[`header-${key}-value`]).toMatch(/one line/);
  });

  it('adds a row filled in, stops at the limit, and removes only the row asked for', () => {
    let form = addRow(filled(), 'headers', { name: 'X-Scope-OrgID' });
    expect(form.headers.map((h) => [h.name, h.value, h.secret, h.storedName])).toEqual([['X-Scope-OrgID', '', false, null]]);
    expect(form.queryMode).toBe('defaults');
    while (form.headers.length < SOURCE_LIMITS.maxHeaders) form = addRow(form, 'headers');
    expect(addRow(form, 'headers')).toBe(form);
    const [first, second] = form.headers;
    const removed = removeRow(form, 'headers', second?.key ?? 0);
    expect(removed.headers).toHaveLength(SOURCE_LIMITS.maxHeaders - 1);
    expect(removed.headers[0]).toBe(first);
    expect(removed.headers.some((h) => h.key === second?.key)).toBe(false);
  });
});

describe('query rows', () => {
  it('switches a new source to custom queries and derives unique ids from the metric', () => {
    let form = addRow(addRow(filled(), 'queries'), 'queries');
    expect(form.queryMode).toBe('custom');
    const [a, b] = form.queries.map((q) => q.key) as [number, number];
    form = patchRow(form, 'queries', a, { title: 'GPU memory', metric: 'gpu.memory.share', expr: 'DCGM_FI_DEV_FB_USED' });
    form = patchRow(form, 'queries', b, { title: 'Again', metric: 'gpu.memory.share', expr: 'up', enabled: false });
    const r = buildSourceInput(form);
    expect(r.ok && r.input.queries).toEqual([
      { id: 'gpu.memory.share', title: 'GPU memory', metric: 'gpu.memory.share', expr: 'DCGM_FI_DEV_FB_USED', enabled: true },
      { id: 'gpu.memory.share-2', title: 'Again', metric: 'gpu.memory.share', expr: 'up', enabled: false },
    ]);
  });

  it('shows query errors on the row, and removing every row sends an empty list', () => {
    let form = addRow(filled(), 'queries');
    const key = form.queries[0]?.key ?? 0;
    form = patchRow(form, 'queries', key, { title: 'Broken', metric: 'Bad Metric!' });
    const errors = errorsOf(form);
    expect(errors[`query-${key}-metric`]).toMatch(/lower-case/);
    expect(errors[`query-${key}-expr`]).toMatch(/must not be empty/);
    const none = buildSourceInput(removeRow(form, 'queries', key));
    expect(none.ok && none.input.queries).toEqual([]);
  });

  it('sends a Loki service label (null when none is chosen), refuses one that is no label name, and sends none for other kinds', () => {
    const loki = buildSourceInput(filled({ kind: 'loki', serviceLabel: ' app ' }));
    expect(loki.ok && loki.input.serviceLabel).toBe('app');
    const none = buildSourceInput(filled({ kind: 'loki', serviceLabel: '' }));
    expect(none.ok && none.input.serviceLabel).toBeNull();
    const bad = buildSourceInput(filled({ kind: 'loki', serviceLabel: 'app"}' }));
    expect(!bad.ok && bad.errors.serviceLabel).toMatch(/^Label name: letters, digits and _/);
    const prom = buildSourceInput(filled({ kind: 'prometheus', serviceLabel: 'app' }));
    expect(prom.ok && 'serviceLabel' in prom.input).toBe(false);
  });

  it('fills an empty Loki service label from a Test, and never overrides a chosen one', () => {
    expect(withTestedLabel(filled({ kind: 'loki' }), ['app', 'cluster', 'pod']).serviceLabel).toBe('app');
    expect(withTestedLabel(filled({ kind: 'loki', serviceLabel: 'job' }), ['app', 'cluster']).serviceLabel).toBe('job');
    expect(withTestedLabel(filled({ kind: 'loki' }), undefined).serviceLabel).toBe('');
  });

  it('sends no queries for kinds without them', () => {
    const form = addRow(filled({ kind: 'asynqmon' }), 'queries');
    const r = buildSourceInput(form);
    expect(r.ok && 'queries' in r.input).toBe(false);
  });
});
