/**
 * Loki 2.8-compatible read API, as measured against 2.8.11 (contracts/upstream-apis.md): success
 * bodies are `application/json` (no charset); request and parse errors are 400 with the bare message,
 * `Content-Type: application/json; charset=UTF-8`, no nosniff and no trailing newline; an instant
 * query with a log selector answers 200 with streams (later Lokis refuse it with a 400).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, send, sendJson } from '../http-util.js';
import type { Engine } from '../scenarios/engine.js';
import { evaluateMetric, matchingEntries, streamsResult, type EvalStats } from './evaluate.js';
import { LogqlError, matchesLabel, parseLogql, type LogQuery } from './logql.js';
import { MAX_ENTRIES_LIMIT, ParamError, parseDirection, parseLimit, parseRange, parseTimestamp } from './params.js';
import { statsJson } from './stats.js';

function badRequest(res: ServerResponse, message: string): void {
  send(res, 400, message, { 'Content-Type': 'application/json; charset=UTF-8' });
}

async function formParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.searchParams);
  if (req.method === 'POST' && (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(await readBody(req))) params.append(k, v);
  }
  return params;
}

/** Log lines of a selector query: the streams answer both /query_range and 2.8's /query give. */
function streamsAnswer(
  engine: Engine,
  query: LogQuery,
  limit: number,
  direction: 'forward' | 'backward',
  startMs: number,
  endMs: number,
  t0: number,
) {
  if (limit > MAX_ENTRIES_LIMIT) {
    throw new ParamError(`max entries limit per query exceeded, limit > max_entries_limit (${limit} > ${MAX_ENTRIES_LIMIT})`);
  }
  const stats: EvalStats = { linesScanned: 0, bytesScanned: 0 };
  const entries = matchingEntries(engine.world.logs, query, startMs, endMs, stats);
  const result = streamsResult(entries, limit, direction);
  const returned = result.reduce((n, s) => n + s.values.length, 0);
  return { status: 'success', data: { resultType: 'streams', result, stats: statsJson(stats, returned, (performance.now() - t0) / 1000) } };
}

function queryRange(engine: Engine, params: URLSearchParams, res: ServerResponse): void {
  const t0 = performance.now();
  const query = parseLogql(params.get('query') ?? '');
  const limit = parseLimit(params.get('limit'));
  const direction = parseDirection(params.get('direction'));
  const range = parseRange(params, engine.nowMs);
  if (query.kind === 'log') {
    sendJson(res, 200, streamsAnswer(engine, query, limit, direction, range.startMs, range.endMs, t0));
    return;
  }
  const stats: EvalStats = { linesScanned: 0, bytesScanned: 0 };
  const result = evaluateMetric(engine.world.logs, query, range.startMs, range.endMs, range.stepMs, stats);
  sendJson(res, 200, {
    status: 'success',
    data: { resultType: 'matrix', result, stats: statsJson(stats, result.length, (performance.now() - t0) / 1000) },
  });
}

/** Loki 2.8's instant log query reads the hour before `time`, like its range default (`since` 1h). */
const INSTANT_LOG_WINDOW_MS = 3_600_000;

function queryInstant(engine: Engine, params: URLSearchParams, res: ServerResponse): void {
  const t0 = performance.now();
  const query = parseLogql(params.get('query') ?? '');
  const limit = parseLimit(params.get('limit'));
  const direction = parseDirection(params.get('direction'));
  const at = parseTimestamp(params.get('time'), engine.nowMs, 'time');
  if (query.kind === 'log') {
    sendJson(res, 200, streamsAnswer(engine, query, limit, direction, at - INSTANT_LOG_WINDOW_MS, at, t0));
    return;
  }
  const stats: EvalStats = { linesScanned: 0, bytesScanned: 0 };
  const series = evaluateMetric(engine.world.logs, query, at, at, 1000, stats);
  const result = series.flatMap((s) => (s.values[0] ? [{ metric: s.metric, value: s.values[0] }] : []));
  sendJson(res, 200, {
    status: 'success',
    data: { resultType: 'vector', result, stats: statsJson(stats, result.length, (performance.now() - t0) / 1000) },
  });
}

function labelWindow(engine: Engine, params: URLSearchParams) {
  const endMs = parseTimestamp(params.get('end'), engine.nowMs, 'end');
  const startMs = parseTimestamp(params.get('start'), endMs - 6 * 3_600_000, 'start');
  if (endMs < startMs) throw new ParamError('end timestamp must not be before or equal to start time');
  return { startMs, endMs };
}

function streamsInWindow(engine: Engine, params: URLSearchParams, selector?: LogQuery) {
  const { startMs, endMs } = labelWindow(engine, params);
  const seen = new Map<string, Record<string, string>>();
  for (const e of engine.world.logs.entries()) {
    if (e.tsMs < startMs || e.tsMs > endMs || seen.has(e.streamKey)) continue;
    if (selector && !selector.matchers.every((m) => matchesLabel(m, e.stream[m.name] ?? ''))) continue;
    seen.set(e.streamKey, e.stream);
  }
  return [...seen.values()];
}

/** `data` is omitempty in Loki's label response: an empty list drops the key. */
function labelResponse(res: ServerResponse, values: string[]): void {
  sendJson(res, 200, values.length > 0 ? { status: 'success', data: values } : { status: 'success' });
}

export async function handleLoki(engine: Engine, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const path = url.pathname;
  if (path === '/ready') {
    send(res, 200, 'ready\n', { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
    return true;
  }
  if (!path.startsWith('/loki/api/v1/')) return false;
  const params = await formParams(req, url);
  try {
    if (path === '/loki/api/v1/query_range') queryRange(engine, params, res);
    else if (path === '/loki/api/v1/query') queryInstant(engine, params, res);
    else if (path === '/loki/api/v1/labels') {
      const names = new Set<string>();
      for (const s of streamsInWindow(engine, params)) for (const k of Object.keys(s)) names.add(k);
      labelResponse(res, [...names].sort());
    } else if (/^\/loki\/api\/v1\/label\/[^/]+\/values$/.test(path)) {
      const name = decodeURIComponent(path.split('/')[5] ?? '');
      const values = new Set<string>();
      for (const s of streamsInWindow(engine, params)) if (s[name] !== undefined && s[name] !== '') values.add(s[name]);
      labelResponse(res, [...values].sort());
    } else if (path === '/loki/api/v1/series') {
      const matches = [...params.getAll('match[]'), ...params.getAll('match')];
      const selectors = matches.map((m) => parseLogql(m)).filter((q): q is LogQuery => q.kind === 'log');
      const data = selectors.length === 0 ? streamsInWindow(engine, params) : selectors.flatMap((s) => streamsInWindow(engine, params, s));
      sendJson(res, 200, { status: 'success', data });
    } else if (path === '/loki/api/v1/status/buildinfo') {
      sendJson(res, 200, {
        version: '2.8.11',
        revision: 'aa89d817a7',
        branch: 'HEAD',
        buildUser: 'pitwall-lab',
        buildDate: '2026-11-22T15:48:14Z',
        goVersion: '',
      });
    } else send(res, 404, '404 page not found\n', { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  } catch (e) {
    if (e instanceof LogqlError || e instanceof ParamError) badRequest(res, e.message);
    else throw e;
  }
  return true;
}
