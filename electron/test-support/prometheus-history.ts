/**
 * Test support: a real Prometheus (Debian's 2.42) that already holds hours of the lab's history and
 * keeps scraping the lab live, as a Prometheus that was running long before Pitwall was is. The
 * history is rendered by the lab itself, step by step, as OpenMetrics with timestamps and turned into
 * TSDB blocks by `promtool tsdb create-blocks-from openmetrics`; then Prometheus starts on those blocks.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asynqFamilies } from '../lab/exporters/asynq';
import { dcgmFamilies } from '../lab/exporters/dcgm';
import { kubeFamilies } from '../lab/exporters/kube';
import { escapeLabelValue, formatValue, type Family } from '../lab/exporters/text-format';
import { startLab, type Lab } from '../lab/lab';
import { prometheusConfigText } from '../lab/prometheus-config';
import type { ScenarioName } from '../lab/scenarios/catalog';
import { freePort, hasBinary, http, waitFor } from '../lab/test-support';

export interface PrometheusWithHistory {
  url: string;
  lab: Lab;
  /** The first and last instants of the written history (ms), both on the history's step grid. */
  historyFromMs: number;
  historyToMs: number;
  stepSeconds: number;
  /** Instant query straight to Prometheus: the answer Pitwall's numbers are checked against. */
  query(expr: string, timeMs?: number): Promise<{ labels: Record<string, string>; value: number }[]>;
  close(): Promise<void>;
}

/** Whether this machine can run it; callers skip with this reason printed otherwise. */
export function prometheusHistoryUnavailable(): string | null {
  if (!hasBinary('prometheus') || !hasBinary('promtool')) return 'prometheus / promtool are not installed (Debian package "prometheus")';
  return null;
}

/** Only the families the tests read: the whole page for hours would be tens of MB of text. */
const KEEP = new Set([
  'DCGM_FI_DEV_FB_USED',
  'DCGM_FI_DEV_FB_FREE',
  'DCGM_FI_DEV_FB_RESERVED',
  'asynq_tasks_enqueued_total',
  'asynq_queue_latency_seconds',
  'asynq_queue_paused_total',
  'kube_pod_container_status_restarts_total',
  'kube_pod_container_status_last_terminated_reason',
]);

function families(lab: Lab): Family[] {
  const w = lab.engine.world;
  return [...dcgmFamilies(w), ...asynqFamilies(w), ...kubeFamilies(w)].filter((f) => KEEP.has(f.name));
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`)
    .join(',');
}

/**
 * Runs the lab through `historyS` simulated seconds from `historyFromMs`, writing every family every
 * `stepSeconds` with the target labels a live scrape adds (job, instance, cluster), so history and live
 * scrapes are the same series. OpenMetrics wants each family in one block, so lines are kept per family.
 */
async function writeHistory(lab: Lab, file: string, historyS: number, stepSeconds: number, target: Record<string, string>): Promise<void> {
  const lines = new Map<string, string[]>();
  for (let s = 0; s <= historyS; s += stepSeconds) {
    if (s > 0) lab.engine.advance(stepSeconds);
    const t = lab.engine.nowMs / 1000;
    for (const f of families(lab)) {
      const out = lines.get(f.name) ?? [];
      lines.set(f.name, out);
      for (const x of f.samples) out.push(`${f.name}{${labelText({ ...x.labels, ...target })}} ${formatValue(x.value)} ${t}`);
    }
  }
  const stream = createWriteStream(file);
  for (const [name, out] of lines) {
    // Types do not matter to PromQL; gauge accepts every name (a counter family may not end in _total).
    stream.write(`# TYPE ${name} gauge\n${out.join('\n')}\n`);
  }
  stream.end('# EOF\n');
  await new Promise<void>((resolve, reject) => {
    stream.once('finish', resolve);
    stream.once('error', reject);
  });
}

export async function startPrometheusWithHistory(options: {
  historyS: number;
  stepSeconds?: number;
  scenario?: ScenarioName;
  seed?: number;
}): Promise<PrometheusWithHistory> {
  const stepSeconds = options.stepSeconds ?? 15;
  const stepMs = stepSeconds * 1000;
  // On the step grid, so every history sample sits where a range query evaluates.
  const historyFromMs = Math.floor((Date.now() - options.historyS * 1000) / stepMs) * stepMs;
  const lab = await startLab({ seed: options.seed ?? 11, scenario: options.scenario ?? 'gpu-oom', speed: 0, startMs: historyFromMs });
  const dir = mkdtempSync(join(tmpdir(), 'pitwall-prom-history-'));
  let proc: ChildProcess | null = null;
  const close = async (): Promise<void> => {
    const p = proc;
    if (p && p.exitCode === null && p.signalCode === null) {
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await exited;
    }
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const target = { job: 'pitwall-lab', instance: `127.0.0.1:${lab.port}`, cluster: 'lab' };
    const file = join(dir, 'history.om');
    await writeHistory(lab, file, options.historyS, stepSeconds, target);
    const historyToMs = lab.engine.nowMs;
    const blocks = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', file, join(dir, 'tsdb')], { encoding: 'utf8' });
    if (blocks.status !== 0) throw new Error(`promtool could not build the history blocks:\n${blocks.stderr}`);
    const port = await freePort();
    writeFileSync(
      join(dir, 'prometheus.yml'),
      prometheusConfigText({ targets: [{ address: target.instance, cluster: target.cluster }], scrapeInterval: '1s' }),
    );
    proc = spawn(
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    const url = `http://127.0.0.1:${port}`;
    const query = async (expr: string, timeMs?: number): Promise<{ labels: Record<string, string>; value: number }[]> => {
      const time = timeMs === undefined ? '' : `&time=${(timeMs / 1000).toFixed(3)}`;
      const r = JSON.parse((await http(`${url}/api/v1/query?query=${encodeURIComponent(expr)}${time}`)).text) as {
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      return r.data.result.map((x) => ({ labels: x.metric, value: Number(x.value[1]) }));
    };
    await waitFor('prometheus ready', async () => ((await http(`${url}/-/ready`)).status === 200 ? true : undefined), 60_000);
    // A live scrape has landed, and the history is loaded (its first instant answers).
    await waitFor(
      'a live scrape and the history',
      async () => {
        const live = await query('count(up == 1)');
        const old = await query('count(DCGM_FI_DEV_FB_USED)', historyFromMs);
        return (live[0]?.value ?? 0) > 0 && (old[0]?.value ?? 0) > 0 ? true : undefined;
      },
      60_000,
    );
    return { url, lab, historyFromMs, historyToMs, stepSeconds, query, close };
  } catch (err) {
    await close();
    throw err;
  }
}
