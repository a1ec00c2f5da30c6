import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/lab';
import type { ScenarioName } from '../../lab/scenarios/catalog';
import { queueSamples, queueStat } from '../../poller/asynqmon-collector';
import { readExporterSamples } from '../../poller/exporter-collector';
import { AsynqmonClient } from '../../sources/asynqmon';
import { parseExposition } from '../../sources/exporter-scrape';
import { openSimilarityStore, type SimilarityStore } from './similarity-fixtures';

/**
 * Similarity on shapes the lab draws, not hand-made curves: four incidents recorded from the
 * simulated platform through the real exporter and AsynqMon readers, each window stored as a poll
 * every 30 s of simulated time. No services are named, so only the telemetry decides.
 */
const MIN = 60_000;
const STEP_S = 30;

let s: SimilarityStore;

beforeEach(() => {
  s = openSimilarityStore(Date.UTC(2025, 0, 6, 8));
});
afterEach(() => s.close());

/** Runs a scenario for `minutes` of simulated time, storing a poll every 30 s stamped from `fromMs`. */
async function record(lab: Lab, asynq: AsynqmonClient, scenario: ScenarioName, fromMs: number, minutes: number): Promise<void> {
  lab.engine.setScenario(scenario);
  for (let k = 0; k <= (minutes * 60) / STEP_S; k++) {
    if (k > 0) lab.engine.advance(STEP_S);
    const t = fromMs + k * STEP_S * 1000;
    const page = parseExposition(await (await fetch(`${lab.url}/metrics`)).text());
    const gpus = readExporterSamples(page, t).samples;
    const queues = queueSamples((await asynq.listQueues()).map(queueStat), t);
    s.telemetry.store.record(s.source, t, { samples: [...gpus, ...queues], partialErrors: [] });
  }
  s.telemetry.store.flush();
}

/** Each incident on a platform of its own that starts healthy, as separate days of a real one would. */
async function incident(title: string, scenario: ScenarioName, fromMs: number, minutes: number, resolve: boolean): Promise<number> {
  const lab = await startLab({ port: 0, scenario: 'baseline', speed: 0, seed: 11 });
  const asynq = AsynqmonClient.connect({ baseUrl: lab.url, auth: { kind: 'none' }, timeoutMs: 5_000 });
  try {
    await record(lab, asynq, 'baseline', fromMs - 10 * MIN, 10);
    await record(lab, asynq, scenario, fromMs, minutes);
  } finally {
    asynq.close();
    await lab.close();
  }
  return s.declarePast(title, fromMs, fromMs + minutes * MIN, { resolve }).id;
}

describe('similar past incidents on lab telemetry', () => {
  it('finds the past GPU OOMs for a new one, ahead of an auth outage', async () => {
    const day = 24 * 60 * MIN;
    const t0 = Date.UTC(2025, 0, 6, 8);
    await incident('GPU OOM on the OCR workers', 'gpu-oom', t0, 20, true);
    await incident('Keycloak tokens rejected', 'auth-outage', t0 + day, 20, true);
    await incident('Queue backlog, workers stuck', 'queue-backlog', t0 + 2 * day, 20, true);
    const open = await incident('OCR jobs dying with CUDA OOM', 'gpu-oom', t0 + 3 * day, 15, false);

    const similar = s.similar(open, 5);
    console.log(
      similar.map((s) => `${s.incident.ref} ${s.incident.title}: ${Math.round(s.score * 100)}% (${s.reasons.join('; ')})`).join('\n'),
    );
    const [first] = similar;
    expect(first?.incident.title).toBe('GPU OOM on the OCR workers');
    expect(first?.parts.gpuShape).toBeGreaterThan(0.7);
    // The others' GPUs never filled: their GPU memory is not alike, whatever their queues did.
    for (const other of similar.slice(1)) {
      expect(other.score).toBeLessThan(first?.score ?? 0);
      expect(other.parts.gpuShape).toBeLessThan(0.5);
    }
  });
});
