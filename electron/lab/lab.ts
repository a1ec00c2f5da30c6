/**
 * startLab(): the simulated GPU platform on one loopback HTTP server —
 * /metrics (exporters), /api (AsynqMon), /loki/api/v1 + /ready (Loki), /lab (control).
 * Plain Node: Pitwall's main process, the CLI and tests all use this.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAsynqmon, sendUiPage } from './asynqmon/handler.js';
import { handleControl } from './control/handler.js';
import { renderDcgmMetrics, renderMetrics } from './exporters/metrics.js';
import { send } from './http-util.js';
import { handleLoki } from './loki/handler.js';
import type { ScenarioName } from './scenarios/catalog.js';
import { Engine } from './scenarios/engine.js';
import type { LogLabelStyle } from './sim/world.js';

export interface LabOptions {
  port?: number;
  host?: string;
  seed?: number;
  scenario?: ScenarioName;
  /** Simulated seconds per real second; 0 = frozen until advanced through /lab/advance or engine.advance(). */
  speed?: number;
  /** Simulated start time (ms since epoch); defaults to now. */
  startMs?: number;
  logCapacity?: number;
  /** How log streams are labelled (sim/world.ts); Promtail's Kubernetes labels by default. */
  logLabels?: LogLabelStyle;
}

export interface Lab {
  url: string;
  port: number;
  engine: Engine;
  endpoints: { metrics: string; dcgmMetrics: string; asynqmon: string; loki: string; control: string };
  close(): Promise<void>;
}

const EXPOSITION = 'text/plain; version=0.0.4; charset=utf-8';

async function route(engine: Engine, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://lab.invalid');
  if (url.pathname === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
    send(res, 200, renderMetrics(engine.world), { 'Content-Type': EXPOSITION });
    return;
  }
  if (url.pathname === '/dcgm/metrics') {
    send(res, 200, renderDcgmMetrics(engine.world), { 'Content-Type': EXPOSITION });
    return;
  }
  if (url.pathname === '/health') {
    send(res, 200, 'OK\n', { 'Content-Type': 'text/plain; charset=utf-8' });
    return;
  }
  if (handleAsynqmon(engine, req, res, url)) return;
  if (await handleLoki(engine, req, res, url)) return;
  if (await handleControl(engine, req, res, url)) return;
  // Loki's router answers 404; everything else falls to AsynqMon's UI, which serves its page for any
  // path (so a source whose base URL is one segment off meets the real server's 200 text/html).
  if (url.pathname.startsWith('/loki/')) send(res, 404, '404 page not found\n', { 'Content-Type': 'text/plain; charset=utf-8' });
  else sendUiPage(res);
}

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const engine = new Engine({
    seed: options.seed ?? 42,
    scenario: options.scenario ?? 'baseline',
    speed: options.speed ?? 1,
    startMs: options.startMs,
    logCapacity: options.logCapacity,
    logLabels: options.logLabels,
  });
  const server = createServer((req, res) => {
    route(engine, req, res).catch((err: unknown) => {
      if (!res.headersSent)
        send(res, 500, `${err instanceof Error ? err.message : String(err)}\n`, { 'Content-Type': 'text/plain; charset=utf-8' });
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  engine.start();
  return {
    url,
    port,
    engine,
    endpoints: {
      metrics: `${url}/metrics`,
      dcgmMetrics: `${url}/dcgm/metrics`,
      asynqmon: `${url}/api`,
      loki: `${url}/loki/api/v1`,
      control: `${url}/lab`,
    },
    close: () =>
      new Promise<void>((resolve) => {
        engine.stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
