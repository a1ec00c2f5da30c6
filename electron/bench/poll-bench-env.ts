/**
 * What the poll bench runs against: the lab in its own process (so its rendering neither shares the
 * event loop nor the heap being measured), an optional real Prometheus scraping it, and the raw
 * node:http baseline making the very requests the collectors make.
 */
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { prometheusConfigText } from '../lab/prometheus-config';
import { connectionFor } from '../poller/collector';
import { splitMetricsUrl } from '../poller/exporter-collector';
import { polledLokiQueries } from '../poller/loki-collector';
import type { ResolvedSource } from '../poller/types';
import { freePort, stopServeProcess } from '../test-support/serve-process';

export interface Child {
  url: string;
  close(): Promise<void>;
}

/** `npm run lab` on a free port, frozen (speed 0): time moves only through POST /lab/advance. */
export function startLabProcess(scenario: string, seed: number): Promise<Child> {
  const cli = new URL('../lab/cli.ts', import.meta.url).pathname;
  const args = ['--import', 'tsx', cli, '--speed', '0', '--port', '0', '--scenario', scenario, '--seed', String(seed)];
  const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    p.once('exit', (code) => reject(new Error(`the lab exited (${code}) before printing its address`)));
    p.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /metrics\s+(http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(out);
      if (m?.[1]) {
        p.removeAllListeners('exit');
        p.stdout?.removeAllListeners('data');
        p.stdout?.resume();
        resolve({ url: m[1], close: () => stopServeProcess(p) });
      }
    });
  });
}

async function getText(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

export function havePrometheus(): boolean {
  return spawnSync('sh', ['-c', 'command -v prometheus']).status === 0;
}

/**
 * A real Prometheus scraping the lab every 15 s (its usual interval; a 1 s scrape made the lab render its
 * page and Prometheus ingest it in the middle of most timed cycles, on both sides alike, and the spread of
 * cycle times twice as wide); resolves once it holds the lab's GPU series.
 */
export async function startPrometheus(labUrl: string): Promise<Child> {
  const dir = mkdtempSync(join(tmpdir(), 'pitwall-bench-prom-'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'prometheus.yml'),
    prometheusConfigText({ targets: [{ address: new URL(labUrl).host, cluster: 'bench' }], scrapeInterval: '15s' }),
  );
  const p = spawn(
    'prometheus',
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  const close = async (): Promise<void> => {
    await stopServeProcess(p);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await getText(`${url}/api/v1/query?query=count(DCGM_FI_DEV_FB_USED)`);
      if (r.status === 200 && (JSON.parse(r.text) as { data: { result: unknown[] } }).data.result.length > 0) return { url, close };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error('Prometheus did not scrape the lab within 60 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function advanceLab(labUrl: string, seconds: number): Promise<void> {
  const res = await fetch(`${labUrl}/lab/advance`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ seconds }),
  });
  await res.text();
  if (res.status !== 200) throw new Error(`the lab refused to advance: HTTP ${res.status}`);
}

interface RawRequest {
  url: URL;
  accept: string;
  agent: http.Agent;
}

const JSON_ACCEPT = 'application/json, text/plain;q=0.9, */*;q=0.5';

/** The requests one poll cycle of these sources makes, with one keep-alive agent per source as the collectors have. */
export function rawRequests(sources: readonly ResolvedSource[]): { requests: RawRequest[]; close(): void } {
  const agents: http.Agent[] = [];
  const requests: RawRequest[] = [];
  for (const source of sources) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    agents.push(agent);
    const base = connectionFor(source).baseUrl.replace(/\/+$/, '');
    const add = (path: string, query: Record<string, string> = {}, accept = JSON_ACCEPT): void => {
      const url = new URL(base + path);
      for (const [k, v] of Object.entries(query)) url.searchParams.append(k, v);
      requests.push({ url, accept, agent });
    };
    if (source.kind === 'exporter-scrape') {
      const split = splitMetricsUrl(source.connection.baseUrl);
      requests.push({ url: new URL(split.baseUrl + split.metricsPath), accept: 'text/plain;version=0.0.4;q=1, */*;q=0.1', agent });
    } else if (source.kind === 'asynqmon') add('/api/queues');
    else if (source.kind === 'loki') for (const q of polledLokiQueries(source.queries)) add('/loki/api/v1/query', { query: q.expr });
    else if (source.kind === 'prometheus') {
      for (const q of source.queries.filter((x) => x.enabled)) add('/api/v1/query', { query: q.expr });
      add('/api/v1/alerts');
    } else if (source.kind === 'alertmanager') add('/api/v2/alerts', { active: 'true', silenced: 'false', inhibited: 'false' });
  }
  return { requests, close: () => agents.forEach((a) => a.destroy()) };
}

/** The baseline: the same GETs, same headers, in parallel; each body read (and gunzipped) to text. */
export function rawCycle(requests: readonly RawRequest[]): Promise<number> {
  return Promise.all(
    requests.map(
      (r) =>
        new Promise<number>((resolve, reject) => {
          const req = http.get(
            r.url,
            { agent: r.agent, headers: { Accept: r.accept, 'Accept-Encoding': 'gzip', 'User-Agent': 'Pitwall' } },
            (res) => {
              const stream = res.headers['content-encoding'] === 'gzip' ? res.pipe(createGunzip()) : res;
              const chunks: Buffer[] = [];
              stream.on('data', (c: Buffer) => chunks.push(c));
              stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8').length));
              stream.on('error', reject);
            },
          );
          req.on('error', reject);
        }),
    ),
  ).then((sizes) => sizes.reduce((a, b) => a + b, 0));
}
