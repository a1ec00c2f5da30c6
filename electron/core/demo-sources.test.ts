import { afterEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../lab/lab';
import { NodeSecretBox } from '../platform/node-secret-box';
import { AsynqmonClient } from '../sources/asynqmon';
import { ExporterScrapeClient } from '../sources/exporter-scrape';
import { LokiClient } from '../sources/loki';
import { openStore } from '../store/database';
import { tempDir } from '../test-support/temp-dir';
import { SourceService } from './source-service';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

describe('demo profile against the lab', () => {
  it('points every demo source at an endpoint the lab answers, through the real clients', async () => {
    const lab: Lab = await startLab({ seed: 7, speed: 0 });
    cleanups.push(() => lab.close());
    const t = tempDir();
    cleanups.push(t.cleanup);
    const store = openStore(t.dir);
    cleanups.push(() => store.close());
    const svc = new SourceService({ db: store.db, secrets: NodeSecretBox.open(t.dir) });
    svc.ensureDemoSources(lab.url);
    const byKind = new Map(svc.resolveAll().map((s) => [s.kind, s]));

    const scrape = ExporterScrapeClient.connect(byKind.get('exporter-scrape')?.connection ?? fail());
    cleanups.push(() => scrape.close());
    expect(JSON.stringify(await scrape.scrape())).toContain('DCGM_FI_DEV_FB_USED');

    const asynq = AsynqmonClient.connect(byKind.get('asynqmon')?.connection ?? fail());
    cleanups.push(() => asynq.close());
    expect((await asynq.listQueues()).map((q) => q.queue)).toContain('ocr');

    const loki = byKind.get('loki') ?? fail();
    const lokiClient = LokiClient.connect(loki.connection);
    cleanups.push(() => lokiClient.close());
    const now = lab.engine.nowMs;
    for (const q of loki.queries) {
      const reply = await lokiClient.queryRange(q.expr, { startMs: now - 600_000, endMs: now });
      expect(reply.data.resultType, q.id).toBe('matrix');
    }
  });
});

function fail(): never {
  throw new Error('demo source missing');
}
