import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorLinesQuery, serviceLinesQuery } from '../../shared/domain/log-queries';
import { startLab, type Lab } from '../lab/lab';
import { closedPortUrl } from '../sources/fake-upstream';
import { resolvedSource } from './lab-sources';
import { logDefaults, queryLogs } from './logs-query';

/** A Loki whose streams carry only app, cluster and pod (no job, namespace, service or level label). */
let bare: Lab;
/** One labelled the way Promtail's Kubernetes config does. */
let promtail: Lab;

beforeAll(async () => {
  const startMs = Date.UTC(2026, 10, 22, 12);
  [bare, promtail] = await Promise.all([
    startLab({ seed: 9, scenario: 'gpu-oom', speed: 0, startMs, logLabels: 'app' }),
    startLab({ seed: 9, scenario: 'gpu-oom', speed: 0, startMs }),
  ]);
  bare.engine.advance(900);
  promtail.engine.advance(900);
});
afterAll(async () => {
  await Promise.all([bare.close(), promtail.close()]);
});

const window = (lab: Lab) => ({
  fromMs: lab.engine.nowMs - 15 * 60_000,
  toMs: lab.engine.nowMs + 1,
  limit: 500,
  direction: 'backward' as const,
});

describe('default log queries follow the labels a Loki has', () => {
  it('picks app on a Loki without job, namespace or service, and its defaults find lines', async () => {
    const source = resolvedSource('loki', bare.url, { serviceLabel: 'job' });
    const d = await logDefaults(source, bare.engine.nowMs);
    expect(d).toMatchObject({ serviceLabel: 'app', labels: ['app', 'cluster', 'pod'] });
    expect(d.note).toMatch(/no stream of .* has the label job; selecting on app/);
    const errors = await queryLogs(source, { query: errorLinesQuery(d.serviceLabel), ...window(bare) });
    expect(errors.lines.length).toBeGreaterThan(0);
    expect(errors.lines.every((l) => l.level === 'error')).toBe(true);
    // Kernel OOM kills have no level field and still count as errors.
    expect(errors.lines.some((l) => l.labels['app'] === 'kernel' && /out of memory: Killed process/.test(l.line))).toBe(true);
    const service = await queryLogs(source, { query: serviceLinesQuery(d.serviceLabel, ['OCR workers']), ...window(bare) });
    expect(service.lines.length).toBeGreaterThan(0);
    expect(service.lines.every((l) => l.labels['app'] === 'ocr-worker')).toBe(true);
  });

  it("keeps the source's own choice when its streams carry it", async () => {
    const d = await logDefaults(resolvedSource('loki', promtail.url, { serviceLabel: 'namespace' }), promtail.engine.nowMs);
    expect(d).toMatchObject({ serviceLabel: 'namespace', note: null });
    expect(d.labels).toEqual(expect.arrayContaining(['app', 'job', 'namespace', 'level']));
  });

  it('falls back to the choice, saying why, when Loki cannot be asked', async () => {
    const d = await logDefaults(resolvedSource('loki', await closedPortUrl(), { serviceLabel: 'service_name' }), Date.now());
    expect(d).toMatchObject({ serviceLabel: 'service_name', labels: null });
    expect(d.note).toMatch(/could not read the labels of .*refused the connection/);
  });

  it('an empty answer names the labels the streams carry', async () => {
    const got = await queryLogs(resolvedSource('loki', bare.url), { query: '{job=~".+"} |~ "error"', ...window(bare) });
    expect(got.lines).toEqual([]);
    expect(got.hint).toBe("No stream has the label job; this Loki's streams are labelled app, cluster, pod.");
  });

  it('a metric query in the logs panel is the query’s mistake, in words', async () => {
    const err = await queryLogs(resolvedSource('loki', bare.url), { query: 'count_over_time({app="kernel"}[1m])', ...window(bare) }).then(
      () => null,
      (e: unknown) => e as { kind: string; message: string },
    );
    expect(err?.kind).toBe('rejected');
    expect(err?.message).toMatch(/returns numbers .* not log lines/);
  });
});
