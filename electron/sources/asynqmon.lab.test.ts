import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../lab/lab';
import { AsynqmonClient } from './asynqmon';
import { failure } from './expect-failure';
import { connection } from './fake-upstream';

/** The queue actions against the lab, which answers like the real AsynqMon 0.7.2 where it differs from the docs. */
let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ seed: 5, scenario: 'queue-backlog', speed: 0, startMs: Date.UTC(2026, 10, 22, 12) });
  lab.engine.advance(600);
});
afterAll(async () => {
  await lab.close();
});

function client(baseUrl: string): AsynqmonClient {
  return AsynqmonClient.connect(connection(baseUrl));
}

describe('pause and resume against the lab', () => {
  it('pauses for real: confirmed by the read-back, and the lab stops processing the queue', async () => {
    const asynq = client(lab.url);
    try {
      const paused = await asynq.pauseQueue('ocr');
      expect(paused).toMatchObject({ answer: 'changed', confirmed: true, observed: { paused: true, atMs: lab.engine.world.nowMs } });
      expect(lab.engine.world.queue('ocr')?.paused).toBe(true);
      lab.engine.advance(120);
      const processed = lab.engine.world.queue('ocr')?.processedTotal ?? -1;
      expect(processed).toBeGreaterThan(0);
      lab.engine.advance(60);
      expect(lab.engine.world.queue('ocr')?.processedTotal).toBe(processed);
      expect(await asynq.pauseQueue('ocr')).toMatchObject({ answer: 'already', confirmed: true });
      expect(await asynq.resumeQueue('ocr')).toMatchObject({ answer: 'changed', confirmed: true, observed: { paused: false } });
      expect(lab.engine.world.queue('ocr')?.paused).toBe(false);
    } finally {
      asynq.close();
    }
  });

  it('with a base URL one segment off, fails in words and pauses nothing', async () => {
    const asynq = client(`${lab.url}/asynqmon`);
    try {
      const err = await failure(asynq.pauseQueue('ocr'));
      expect(err.message).toContain('answers with a web page, not the AsynqMon API');
      expect(lab.engine.world.queues.filter((q) => q.paused)).toEqual([]);
      expect(lab.engine.world.orphanPauses.size).toBe(0);
    } finally {
      asynq.close();
    }
  });

  it('refuses a queue the lab does not list before sending (the lab, like AsynqMon, would record the pause)', async () => {
    const asynq = client(lab.url);
    try {
      const err = await failure(asynq.pauseQueue('ocr-typo'));
      expect(err.kind).toBe('rejected');
      expect(err.message).toMatch(/has no queue "ocr-typo" \(it lists .*"ocr".*\); nothing was sent/);
      expect(lab.engine.world.orphanPauses.has('ocr-typo')).toBe(false);
    } finally {
      asynq.close();
    }
  });
});
