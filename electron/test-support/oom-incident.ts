import type Database from 'better-sqlite3';
import type { ChannelInput, ChannelOutput, Channel } from '../../shared/contract/channels';
import { createCore, type PitwallCore } from '../core/app';
import { newId } from '../core/ids';
import { renderMetrics } from '../lab/exporters/metrics';
import { Engine } from '../lab/scenarios/engine';
import { readExporterSamples } from '../poller/exporter-collector';
import { parseExposition } from '../sources/exporter-scrape';
import { openStore } from '../store/database';
import { IncidentRepo } from '../store/incidents/incident-repo';
import { TelemetryStore } from '../store/telemetry/telemetry-store';
import { BARE_SOURCE_CONFIG } from '../store/test-fixtures';

/** 2026-03-14 09:00 UTC: the fixture's simulated morning. */
export const OOM_START = Date.UTC(2026, 2, 14, 9, 0, 0);
const MIN = 60_000;
/** A log line that carries markup, pinned as evidence: it must print as text everywhere. */
export const HOSTILE_LINE = 'level=error msg="<script>alert(\'pwned\')</script><img src=x onerror=alert(1)>" worker=ocr-7';

export interface OomIncident {
  dataDir: string;
  incidentId: number;
  ref: string;
  title: string;
}

export interface OomOptions {
  /** Extra notes appended to the timeline (the PDF benchmark's 2,000 events). */
  extraEvents?: number;
  /** Seconds between simulated polls (5 s like the demo source). */
  stepSec?: number;
}

async function call<C extends Channel>(core: PitwallCore, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as ChannelOutput<C>;
}

function insertSource(db: Database.Database): number {
  const info = db
    .prepare(
      `INSERT INTO sources (name, kind, base_url, config, enabled, created_at, updated_at)
        VALUES ('lab exporter', 'exporter-scrape', 'http://127.0.0.1:9', ?, 0, ?, ?)`,
    )
    .run(BARE_SOURCE_CONFIG, OOM_START, OOM_START);
  return Number(info.lastInsertRowid);
}

/**
 * A real gpu-oom story in a data directory: the lab's simulation (seed 42) runs 15 minutes of
 * baseline, then gpu-oom; its exporter page is read every `stepSec` through Pitwall's own scrape
 * parsing and stored as samples; an incident is declared, escalated, worked (evidence pinned —
 * one log line carrying HTML) and resolved through the core's channels at the simulated times.
 * The first-response checklist is worked through its channels (evidence frozen from the stored
 * samples); comms and mitigation events are written as that domain (not built yet) will write them.
 */
export async function seedOomIncident(dataDir: string, opts: OomOptions = {}): Promise<OomIncident> {
  const step = opts.stepSec ?? 5;
  const engine = new Engine({ seed: 42, scenario: 'baseline', speed: 0, startMs: OOM_START });
  engine.setScenario('gpu-oom', 15 * 60);
  const store = openStore(dataDir);
  let oomLine: { tsMs: number; seq: number; stream: Record<string, string>; line: string } | null = null;
  try {
    const sourceId = insertSource(store.db);
    const telemetry = new TelemetryStore(store.db, { maxSeriesPerMetric: () => 2_000 });
    for (let t = 0; t < 45 * 60; t += step) {
      engine.advance(step);
      const { samples } = readExporterSamples(parseExposition(renderMetrics(engine.world)), engine.nowMs);
      telemetry.backfill(sourceId, samples);
    }
    for (const e of engine.world.logs.entries()) {
      if (e.line.includes('CUDA out of memory') && e.tsMs < OOM_START + 25 * MIN) {
        oomLine = e;
        break;
      }
    }
  } finally {
    store.close();
  }

  let clock = OOM_START + 21 * MIN;
  const core = createCore({ dataDir, mode: 'browser', version: 'test', poll: false, now: () => clock, operator: 'dana' });
  let incidentId = 0;
  let ref: string;
  const title = 'GPU OOM on gpu-node-01: OCR and translation workers restarting';
  try {
    const inc = await call(core, 'incident:declare', {
      title,
      severity: 'SEV2',
      summary: 'OCR and translation workers on gpu-node-01 are OOMKilled and restarting; jobs fail mid-run.\nQueue backlog growing.',
      services: ['ocr', 'translation'],
      tenants: ['echo'],
      impactStartedAt: OOM_START + 16 * MIN,
      detectedAt: OOM_START + 19 * MIN,
    });
    incidentId = inc.id;
    ref = inc.ref;
    const at = async (minutes: number, fn: () => Promise<unknown>): Promise<void> => {
      clock = OOM_START + minutes * MIN;
      await fn();
    };
    await at(22, () => call(core, 'incident:assign-role', { id: incidentId, role: 'commander', person: 'Dana Ops' }));
    await at(22.5, () => call(core, 'incident:assign-role', { id: incidentId, role: 'communications', person: 'Lee Comms' }));
    // The first-response checklist was attached at declaration; the IC works through it.
    const [firstResponse] = await call(core, 'checklist:list', { incidentId });
    if (!firstResponse) throw new Error('the first-response checklist was not attached');
    const act = (itemId: string, action: 'done' | 'skipped' | 'not-applicable', text?: string) =>
      call(core, 'checklist:act', { checklistId: firstResponse.id, itemId, action, ...(text ? { text } : {}) });
    await at(23, () => act('gpus', 'done'));
    await at(23.5, () => act('queues', 'done'));
    await at(23.7, () => act('scope', 'done'));
    await at(23.8, () => act('storage', 'not-applicable', 'NFS and MinIO unaffected: GPU-only incident'));
    await at(23.9, () => act('auth', 'skipped', 'No login reports; checked after mitigation'));
    await at(24, () => call(core, 'incident:set-severity', { id: incidentId, severity: 'SEV1', reason: 'OCR fully down for tenant echo' }));
    const fields = (publicStatus: 'Investigating' | 'Resolved', extra: Record<string, string> = {}) => ({
      publicStatus,
      impact: 'OCR and translation jobs fail or wait; notebooks unaffected',
      nextSteps: '',
      eta: '',
      resolution: '',
      followUp: '',
      ...extra,
    });
    await at(24.5, () =>
      call(core, 'comms:mark-sent', {
        id: incidentId,
        templateId: 'initial',
        text: '🚨 INCIDENT ALERT 🚨\nSeverity: SEV1 · P0\nService: ocr, translation\nImpact: OCR and translation jobs fail or wait\nInvestigating: Dana Ops\n\nUpdates will be posted every 15 minutes.',
        fields: fields('Investigating'),
        audience: ['#incidents', 'ocr-oncall@example.com'],
      }),
    );
    if (oomLine) {
      const line = oomLine;
      await at(25, () =>
        call(core, 'incident:pin-evidence', {
          kind: 'log-line',
          id: incidentId,
          query: '{app="ocr-worker"} |= "out of memory"',
          line: { tNs: `${line.tsMs}${String(line.seq % 1_000_000).padStart(6, '0')}`, labels: line.stream, line: line.line },
          comment: 'First CUDA OOM on gpu-node-01',
        }),
      );
    }
    await at(25.5, () =>
      call(core, 'incident:pin-evidence', {
        kind: 'log-line',
        id: incidentId,
        line: { tNs: `${OOM_START + 24 * MIN}000000`, labels: { app: 'ocr-worker', level: 'error' }, line: HOSTILE_LINE },
        comment: 'Upstream text with markup: must print as text',
      }),
    );
    await at(26, () =>
      call(core, 'incident:pin-evidence', {
        kind: 'metric-window',
        id: incidentId,
        metrics: ['gpu.memory.share', 'queue.depth'],
        fromMs: OOM_START + 13 * MIN,
        toMs: OOM_START + 26 * MIN,
        comment: 'Memory climbs with the OCR backlog',
      }),
    );
    await at(27, () =>
      call(core, 'incident:set-status', { id: incidentId, status: 'identified', reason: 'VRAM fragmentation from mixed OCR batch sizes' }),
    );
    await at(28, () =>
      call(core, 'incident:add-note', { id: incidentId, text: 'Staggering worker restarts; 2 at a time to avoid a model reload storm.' }),
    );
    await at(33, () => call(core, 'incident:set-status', { id: incidentId, status: 'monitoring' }));
    await at(40, () => call(core, 'incident:set-status', { id: incidentId, status: 'resolved', reason: 'No OOM kills for 5 minutes' }));
    await at(40.5, () =>
      call(core, 'comms:mark-sent', {
        id: incidentId,
        templateId: 'resolution',
        text: '✅ INCIDENT RESOLVED\nIncident: GPU OOM on gpu-node-01\nDuration: 24m\nResolution: concurrency cap 8 → 4, staggered restarts\n\nPost-mortem will be shared within 24 hours.',
        fields: fields('Resolved', { resolution: 'concurrency cap lowered, workers restarted two at a time' }),
        audience: ['#incidents'],
      }),
    );
  } finally {
    await core.close();
  }

  // A queue pause through AsynqMon as the command domain records it (its record and its event, in one
  // transaction); the fixture has no AsynqMon to send it to.
  const again = openStore(dataDir);
  try {
    const repo = new IncidentRepo(again.db);
    again.db.transaction(() => {
      const pauseId = newId();
      const pausedAt = OOM_START + 30 * MIN;
      again.db
        .prepare(
          `INSERT INTO mitigations (id, incident_id, kind, source_id, source_name, target, outcome, message, at, author)
            VALUES (?, ?, 'queue-pause', 0, 'Lab AsynqMon', 'batch', 'ok', 'Queue "batch" paused.', ?, 'Dana Ops')`,
        )
        .run(pauseId, incidentId, pausedAt);
      repo.appendEvent({
        incidentId,
        at: pausedAt,
        kind: 'mitigation',
        actor: 'Dana Ops',
        summary: 'Pause queue "batch" on Lab AsynqMon: done',
        data: { mitigationId: pauseId, action: 'queue-pause', outcome: 'ok', source: 'Lab AsynqMon', target: 'batch', silenceId: null },
      });
      for (let i = 0; i < (opts.extraEvents ?? 0); i++) {
        repo.appendNote({
          incidentId,
          at: OOM_START + 21 * MIN + Math.floor((i * 19 * MIN) / Math.max(1, opts.extraEvents ?? 1)),
          actor: i % 3 === 0 ? 'Dana Ops' : 'Lee Comms',
          summary: `Observation ${i + 1}: worker ocr-${i % 12} restarted; queue ocr pending ${200 + (i % 250)}; GPU ${i % 4} at ${(80 + (i % 19)).toFixed(0)} %`,
          data: {},
        });
      }
    })();
  } finally {
    again.close();
  }
  return { dataDir, incidentId, ref, title };
}
