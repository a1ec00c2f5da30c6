/** /lab/* control endpoints for tests and demos. JSON in, JSON out; bad input is a 400 with {"error"}. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../http-util.js';
import { isScenarioName, SCENARIO_NAMES, SCENARIOS } from '../scenarios/catalog.js';
import type { Engine } from '../scenarios/engine.js';
import { groundTruth } from './state.js';

/** One call may not jump further than a week of simulated time (keeps a request bounded). */
export const MAX_ADVANCE_SEC = 7 * 86_400;

function fail(res: ServerResponse, status: number, error: string): void {
  sendJson(res, status, { error });
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  try {
    const parsed: unknown = JSON.parse((await readBody(req)) || '{}');
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function handleControl(engine: Engine, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (!url.pathname.startsWith('/lab/')) return false;
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  if (route === 'GET /lab/state') {
    sendJson(res, 200, groundTruth(engine));
    return true;
  }
  if (route === 'GET /lab/scenarios') {
    sendJson(res, 200, { scenarios: SCENARIO_NAMES.map((n) => SCENARIOS[n]) });
    return true;
  }
  if (req.method !== 'POST' || !['/lab/scenario', '/lab/advance', '/lab/speed'].includes(url.pathname)) {
    fail(res, 404, `no such control endpoint: ${route}`);
    return true;
  }
  const body = await jsonBody(req);
  if (!body) {
    fail(res, 400, 'body must be a JSON object');
    return true;
  }
  if (url.pathname === '/lab/scenario') {
    const { name, startInSec = 0 } = body;
    if (!isScenarioName(name))
      return (fail(res, 400, `unknown scenario ${JSON.stringify(name)}; one of ${SCENARIO_NAMES.join(', ')}`), true);
    if (typeof startInSec !== 'number' || !Number.isFinite(startInSec) || startInSec < 0)
      return (fail(res, 400, 'startInSec must be a number >= 0'), true);
    engine.setScenario(name, startInSec);
  } else if (url.pathname === '/lab/advance') {
    const { seconds } = body;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_ADVANCE_SEC) {
      return (fail(res, 400, `seconds must be a number between 0 and ${MAX_ADVANCE_SEC}`), true);
    }
    engine.advance(seconds);
  } else {
    const { speed } = body;
    if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < 0 || speed > 10_000)
      return (fail(res, 400, 'speed must be a number between 0 and 10000'), true);
    engine.setSpeed(speed);
  }
  sendJson(res, 200, groundTruth(engine));
  return true;
}
