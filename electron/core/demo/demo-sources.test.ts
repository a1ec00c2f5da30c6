import { afterEach, describe, expect, it } from 'vitest';
import { METRICS } from '../../../shared/domain/telemetry';
import { startLab, type Lab } from '../../lab/lab';
import { LAB_TEST_START_MS } from '../../lab/test-support';
import { NodeSecretBox } from '../../platform/node-secret-box';
import { createCollector } from '../../poller/collector';
import { polledLokiQueries } from '../../poller/loki-collector';
import type { Collection, ResolvedSource } from '../../poller/types';
import { openStore } from '../../store/database';
import { tempDir } from '../../test-support/temp-dir';
import { DEMO_SOURCES } from './demo-sources';
import { SourceService } from '../sources/source-service';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

describe('demo profile against the lab', () => {
  it('polls every demo source through the collector the app runs, and each answers', async () => {
    // gpu-oom writes error lines often but not every minute, so the start is fixed (see LAB_TEST_START_MS).
    const lab: Lab = await startLab({ seed: 7, speed: 0, scenario: 'gpu-oom', startMs: LAB_TEST_START_MS });
    cleanups.push(() => lab.close());
    lab.engine.advance(300);
    const t = tempDir();
    cleanups.push(t.cleanup);
    const store = openStore(t.dir);
    cleanups.push(() => store.close());
    const svc = new SourceService({ db: store.db, secrets: NodeSecretBox.open(t.dir) });
    svc.ensureDemoSources(lab.url);
    const sources = svc.resolveAll();
    expect(sources.map((s) => s.kind).sort()).toEqual(DEMO_SOURCES.map((d) => d.kind).sort());
    const byKind = new Map(sources.map((s) => [s.kind, s]));
    const collect = async (source: ResolvedSource | undefined): Promise<Collection> => {
      const collector = createCollector(source ?? fail());
      cleanups.push(() => collector.close());
      const got = await collector.collect(new AbortController().signal, lab.engine.nowMs);
      expect(got.partialErrors).toEqual([]);
      return got;
    };

    const exporter = await collect(byKind.get('exporter-scrape'));
    expect(exporter.gpus?.length).toBeGreaterThan(0);
    expect(exporter.samples.filter((s) => s.metric === METRICS.gpuMemoryShare)).toHaveLength(exporter.gpus?.length ?? -1);

    const asynq = await collect(byKind.get('asynqmon'));
    expect(asynq.queues?.map((q) => q.queue)).toContain('ocr');

    // Every demo Loki query is a metric query the collector polls, and the lab answers each (partialErrors is
    // empty): with series where there are lines to count; the auth-failure count is none while Keycloak is up.
    const loki = byKind.get('loki') ?? fail();
    expect(loki.queries.length).toBeGreaterThan(0);
    expect(polledLokiQueries(loki.queries)).toEqual(loki.queries);
    const logs = await collect(loki);
    for (const q of loki.queries)
      expect(
        logs.samples.some((s) => s.metric === q.metric),
        q.id,
      ).toBe(q.metric !== METRICS.logAuthFailures);
  });
});

function fail(): never {
  throw new Error('demo source missing');
}
