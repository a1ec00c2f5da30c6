/**
 * Real Prometheus scrapes eight labs (one per scenario, told apart by the `cluster` label) and
 * evaluates the shipped alert rules (for: 0s copy), real Alertmanager receives the alerts.
 * Asserts: PromQL over stored samples equals each lab's ground truth; every incident scenario
 * fires an alert with its playbook label; baseline fires none.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroundTruth } from './control/state.js';
import { startLab, type Lab } from './lab.js';
import { prometheusConfigText } from './prometheus-config.js';
import { SCENARIO_NAMES, type ScenarioName } from './scenarios/catalog.js';
import { freePort, hasBinary, http, postJson, RULES_FILE, rulesForTests, waitFor } from './test-support.js';

const haveBinaries = hasBinary('prometheus') && hasBinary('prometheus-alertmanager');
if (!haveBinaries) console.warn('SKIP prometheus integration: prometheus and prometheus-alertmanager must be installed (Debian packages)');

const INCIDENTS = SCENARIO_NAMES.filter((n) => n !== 'baseline');

interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

describe.skipIf(!haveBinaries)('lab scraped by real Prometheus + Alertmanager', () => {
  const labs = new Map<ScenarioName, Lab>();
  const procs: ChildProcess[] = [];
  let dir = '';
  let prom = '';
  let am = '';

  function launch(cmd: string, args: string[]): ChildProcess {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    p.stderr?.on('data', (d: Buffer) => {
      log = (log + d.toString()).slice(-4000);
    });
    p.on('exit', (code) => {
      if (code && code !== 0) console.warn(`${cmd} exited ${code}: ${log}`);
    });
    procs.push(p);
    return p;
  }

  async function promQuery(query: string): Promise<PromSample[]> {
    const r = await http(`${prom}/api/v1/query?${new URLSearchParams({ query }).toString()}`);
    const body = JSON.parse(r.text) as { status: string; data: { result: PromSample[] } };
    if (body.status !== 'success') throw new Error(r.text);
    return body.data.result;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pitwall-prom-'));
    const start = Date.now();
    for (const [i, name] of SCENARIO_NAMES.entries()) {
      const lab = await startLab({ seed: 100 + i, scenario: name, speed: 0, startMs: start });
      // Twenty simulated minutes into each scenario before Prometheus first looks.
      lab.engine.advance(1200);
      labs.set(name, lab);
    }
    const [promPort, amPort] = [await freePort(), await freePort()];
    prom = `http://127.0.0.1:${promPort}`;
    am = `http://127.0.0.1:${amPort}`;
    writeFileSync(join(dir, 'rules.yml'), rulesForTests(readFileSync(RULES_FILE, 'utf8')));
    writeFileSync(
      join(dir, 'am.yml'),
      JSON.stringify({
        route: { receiver: 'null', group_wait: '1s', group_interval: '1s', repeat_interval: '1h' },
        receivers: [{ name: 'null' }],
      }),
    );
    writeFileSync(
      join(dir, 'prometheus.yml'),
      prometheusConfigText({
        targets: [...labs].map(([name, lab]) => ({ address: `127.0.0.1:${lab.port}`, cluster: name })),
        scrapeInterval: '1s',
        evaluationInterval: '1s',
        ruleFiles: [join(dir, 'rules.yml')],
        alertmanagers: [`127.0.0.1:${amPort}`],
      }),
    );
    launch('prometheus-alertmanager', [
      `--config.file=${join(dir, 'am.yml')}`,
      `--storage.path=${join(dir, 'am')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      '--cluster.listen-address=',
    ]);
    launch('prometheus', [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ]);
    await waitFor('alertmanager ready', async () => ((await http(`${am}/-/ready`)).status === 200 ? true : undefined));
    await waitFor('prometheus ready', async () => ((await http(`${prom}/-/ready`)).status === 200 ? true : undefined));
    // Let the scenarios keep unfolding so counters move between scrapes (rate() needs it).
    for (const lab of labs.values()) lab.engine.setSpeed(20);
  }, 60_000);

  afterAll(async () => {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => (p.exitCode !== null ? Promise.resolve() : new Promise((r) => p.once('exit', r)))));
    await Promise.all([...labs.values()].map((l) => l.close()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every incident scenario fires an alert carrying its playbook, and Alertmanager receives it', async () => {
    const missing = () => async () => {
      const r = JSON.parse((await http(`${prom}/api/v1/alerts`)).text) as {
        data: { alerts: { labels: Record<string, string>; state: string }[] };
      };
      const firing = new Set(r.data.alerts.filter((a) => a.state === 'firing').map((a) => `${a.labels.cluster}/${a.labels.playbook}`));
      const left = INCIDENTS.filter((n) => !firing.has(`${n}/${n}`));
      return left.length === 0 ? true : undefined;
    };
    await waitFor(`firing alerts for ${INCIDENTS.join(', ')}`, missing(), 90_000, 1000);
    await waitFor(
      'alerts in Alertmanager',
      async () => {
        const alerts = JSON.parse((await http(`${am}/api/v2/alerts`)).text) as {
          labels: Record<string, string>;
          status: { state: string };
        }[];
        const got = new Set(alerts.map((a) => `${a.labels.cluster}/${a.labels.playbook}`));
        return INCIDENTS.every((n) => got.has(`${n}/${n}`)) ? true : undefined;
      },
      30_000,
      500,
    );
    // The baseline lab ran through the same window and never produced an alert, not even pending.
    expect(await promQuery('count_over_time(ALERTS{cluster="baseline"}[10m])')).toEqual([]);
    const amAlerts = JSON.parse((await http(`${am}/api/v2/alerts`)).text) as { labels: Record<string, string> }[];
    expect(amAlerts.filter((a) => a.labels.cluster === 'baseline')).toEqual([]);
  }, 150_000);

  it('PromQL over stored samples equals each lab ground truth', async () => {
    for (const lab of labs.values()) lab.engine.setSpeed(0);
    const frozenAt = Date.now() / 1000;
    await waitFor(
      'a scrape of every lab after the freeze',
      async () => {
        const ups = await promQuery('timestamp(up)');
        return ups.length === labs.size && ups.every((s) => Number(s.value[1]) > frozenAt + 0.05) ? true : undefined;
      },
      20_000,
      250,
    );
    for (const [name, lab] of labs) {
      const truth = JSON.parse((await http(`${lab.url}/lab/state`)).text) as GroundTruth;
      const sel = `cluster="${name}"`;
      const fb = await promQuery(`max by (Hostname, gpu) (DCGM_FI_DEV_FB_USED{${sel}})`);
      const present = truth.gpus.filter((g) => g.present);
      expect(fb.map((s) => `${s.metric.Hostname}/${s.metric.gpu}=${s.value[1]}`).sort(), name).toEqual(
        present.map((g) => `${g.node}/${g.gpu}=${g.fbUsedMiB}`).sort(),
      );
      const pending = await promQuery(`asynq_tasks_enqueued_total{${sel},state="pending"}`);
      expect(pending.map((s) => `${s.metric.queue}=${s.value[1]}`).sort(), name).toEqual(
        truth.queues.map((q) => `${q.queue}=${q.pending}`).sort(),
      );
      const processed = await promQuery(`asynq_tasks_processed_total{${sel}}`);
      expect(processed.map((s) => `${s.metric.queue}=${s.value[1]}`).sort(), name).toEqual(
        truth.queues.map((q) => `${q.queue}=${q.processedTotal}`).sort(),
      );
      const restarts = await promQuery(`kube_pod_container_status_restarts_total{${sel}}`);
      expect(restarts.map((s) => `${s.metric.pod}=${s.value[1]}`).sort(), name).toEqual(
        truth.pods.map((p) => `${p.pod}=${p.restarts}`).sort(),
      );
      const avail = await promQuery(`node_filesystem_avail_bytes{${sel}}`);
      expect(avail.map((s) => `${s.metric.node}${s.metric.mountpoint}=${s.value[1]}`).sort(), name).toEqual(
        truth.filesystems
          .filter((f) => f.availBytes !== null)
          .map((f) => `${f.node}${f.mountpoint}=${f.availBytes}`)
          .sort(),
      );
      const requests = await promQuery(`gateway_http_requests_total{${sel}}`);
      expect(Object.fromEntries(requests.map((s) => [`${s.metric.service}|${s.metric.code}`, Number(s.value[1])])), name).toEqual(
        truth.auth.requests,
      );
    }
    // The scenario shapes survive the trip through Prometheus.
    expect(await promQuery('DCGM_FI_DEV_GPU_UTIL{cluster="gpu-node-failure",Hostname="gpu-node-02"}')).toEqual([]);
    const hung = await promQuery('node_filesystem_device_error{cluster="storage-saturation",fstype="nfs4"} == 1');
    expect(hung.map((s) => s.metric.device_error)).toEqual(['mountpoint timeout', 'mountpoint timeout', 'mountpoint timeout']);
  }, 60_000);

  it('control API switches a running lab; Prometheus sees the change', async () => {
    const lab = labs.get('baseline');
    if (!lab) throw new Error('no baseline lab');
    const r = await postJson(`${lab.url}/lab/scenario`, { name: 'auth-outage' });
    expect(r.status).toBe(200);
    await postJson(`${lab.url}/lab/advance`, { seconds: 5 });
    await waitFor(
      'auth_provider_up=0 in Prometheus',
      async () => {
        const v = await promQuery('auth_provider_up{cluster="baseline",provider="keycloak"} == 0');
        return v.length === 1 ? true : undefined;
      },
      20_000,
      250,
    );
    expect((await postJson(`${lab.url}/lab/scenario`, { name: 'nope' })).status).toBe(400);
  }, 30_000);
});
