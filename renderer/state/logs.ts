import { create } from 'zustand';
import type { LogDefaults, LogLine, LogQueryResult } from '../../shared/domain/telemetry';
import { ApiError, call, errorMessage } from '../api/client';
import { errorLinesQuery } from '../../shared/domain/log-queries';
import { appendEvent } from './detail';

/**
 * The logs panel's query and its last answer; kept here so the panel can remount without losing them.
 * Which lines are pinned is not kept here: the incident's timeline says (LogsPanel, evidence-data.ts).
 */

export const LOG_LIMITS = [500, 2_000, 5_000, 10_000] as const;
export const DEFAULT_LOG_LIMIT = 2_000;

export interface LogsState {
  /** Scope the state below belongs to (incident id or none); a new scope starts from its default query. */
  scope: string | null;
  /** What the query box holds; null until someone types, so the default follows the incident. */
  text: string | null;
  /** The last answer. Kept when a later run fails: the console shows what it last knew. */
  result: LogQueryResult | null;
  /** When `result` arrived, and the window it covers. */
  resultAt: number | null;
  resultWindow: { fromMs: number; toMs: number } | null;
  /** The last run's failure in words (Loki's parse error included); cleared by the next success. */
  error: string | null;
  /** The error is the query's fault (Loki said 400, or the input was refused), not Loki's or the network's. */
  queryRejected: boolean;
  loading: boolean;
  follow: boolean;
  limit: number;
  sourceId: number | null;
  /** The `lineKey` of the line being pinned right now. */
  pinning: string | null;
  pinError: string | null;
  /** How the lines are listed: error lines (then warnings) on top, or strictly newest first. */
  order: LogOrder;
  /**
   * What the default queries select on, read from the Loki source's labels for the chosen source;
   * null until known, so no default query runs on a guessed label. `forSource` is the selection it answers.
   */
  defaults: (Omit<LogDefaults, 'sourceId'> & { forSource: number | null }) | null;
}

export type LogOrder = 'errors-first' | 'newest';

/** When the labels cannot be had at all (no Loki source): Promtail's `job`, what most setups have. */
export const FALLBACK_SERVICE_LABEL = 'job';

const INITIAL: LogsState = {
  scope: null,
  text: null,
  result: null,
  resultAt: null,
  resultWindow: null,
  error: null,
  queryRejected: false,
  loading: false,
  follow: true,
  limit: DEFAULT_LOG_LIMIT,
  sourceId: null,
  pinning: null,
  pinError: null,
  // A handful of errors among thousands of lines is what an IC is looking for.
  order: 'errors-first',
  defaults: null,
};

const useLogsStore = create<LogsState>()(() => INITIAL);

export const useLogText = (): string | null => useLogsStore((s) => s.text);
export const useLogResult = (): LogQueryResult | null => useLogsStore((s) => s.result);
export const useLogResultAt = (): number | null => useLogsStore((s) => s.resultAt);
export const useLogResultWindow = (): { fromMs: number; toMs: number } | null => useLogsStore((s) => s.resultWindow);
export const useLogError = (): string | null => useLogsStore((s) => s.error);
export const useLogQueryRejected = (): boolean => useLogsStore((s) => s.queryRejected);
export const useLogLoading = (): boolean => useLogsStore((s) => s.loading);
export const useLogFollow = (): boolean => useLogsStore((s) => s.follow);
export const useLogLimit = (): number => useLogsStore((s) => s.limit);
export const useLogSourceId = (): number | null => useLogsStore((s) => s.sourceId);
export const usePinning = (): string | null => useLogsStore((s) => s.pinning);
export const usePinError = (): string | null => useLogsStore((s) => s.pinError);
export const useLogOrder = (): LogOrder => useLogsStore((s) => s.order);
export const useLogDefaults = (): LogsState['defaults'] => useLogsStore((s) => s.defaults);

export function setLogOrder(order: LogOrder): void {
  useLogsStore.setState({ order });
}

/** Identity of a line: Loki's nanosecond time plus its stream (two streams can log in the same ns). */
export function lineKey(line: Pick<LogLine, 'tNs' | 'labels'>): string {
  const labels = Object.keys(line.labels)
    .sort()
    .map((k) => `${k}=${line.labels[k] ?? ''}`)
    .join(',');
  return `${line.tNs}|${labels}`;
}

/** Switching incident (or to none) resets the query to that scope's default and drops the old lines. */
export function enterLogScope(scope: string): void {
  if (useLogsStore.getState().scope === scope) return;
  seq += 1;
  const { follow, limit, order, defaults } = useLogsStore.getState();
  // A source's labels do not depend on the incident: they are kept across scopes (the panel re-reads them per source).
  useLogsStore.setState({ ...INITIAL, scope, follow, limit, order, defaults });
}

let defaultsSeq = 0;

/**
 * Reads which label the default queries select on, for the chosen Loki source (null: the first
 * enabled one). A failure (no Loki source configured) falls back to `job`, so the panel can still
 * say what logs:query itself says.
 */
export async function loadLogDefaults(sourceId: number | null): Promise<void> {
  const mine = ++defaultsSeq;
  let defaults: NonNullable<LogsState['defaults']>;
  try {
    const d = await call('logs:defaults', sourceId === null ? {} : { sourceId });
    defaults = { serviceLabel: d.serviceLabel, labels: d.labels, note: d.note, forSource: sourceId };
  } catch {
    // No Loki source (or none by that id): the query itself fails and says so in its own words.
    defaults = { serviceLabel: FALLBACK_SERVICE_LABEL, labels: null, note: null, forSource: sourceId };
  }
  if (mine === defaultsSeq) useLogsStore.setState({ defaults });
}

export function setLogText(text: string): void {
  useLogsStore.setState({ text });
}

export function setLogFollow(follow: boolean): void {
  useLogsStore.setState({ follow });
}

export function setLogLimit(limit: number): void {
  useLogsStore.setState({ limit });
}

export function setLogSource(sourceId: number | null): void {
  useLogsStore.setState({ sourceId });
}

let seq = 0;

export interface LogRun {
  /** Run when the box was never edited in this scope (the incident's services, or error lines). */
  defaultQuery: string;
  fromMs: number;
  toMs: number;
  /** A follow refresh is skipped while another run is in flight; a person's run never is. */
  background?: boolean;
}

/** Runs the box's LogQL (read at call time, so a scope switch never runs the old text); only the newest answer is kept. */
export async function runLogQuery(run: LogRun): Promise<void> {
  const state = useLogsStore.getState();
  if (run.background && state.loading) return;
  const query = (state.text ?? run.defaultQuery).trim();
  const mine = ++seq;
  if (query === '') {
    const label = state.defaults?.serviceLabel ?? FALLBACK_SERVICE_LABEL;
    useLogsStore.setState({ error: `Write a LogQL query first, e.g. ${errorLinesQuery(label)}`, queryRejected: true, loading: false });
    return;
  }
  useLogsStore.setState({ loading: true });
  try {
    const result = await call('logs:query', {
      query,
      fromMs: run.fromMs,
      toMs: run.toMs,
      limit: state.limit,
      direction: 'backward',
      ...(state.sourceId !== null ? { sourceId: state.sourceId } : {}),
    });
    if (mine === seq)
      useLogsStore.setState({
        result,
        resultAt: Date.now(),
        resultWindow: { fromMs: run.fromMs, toMs: run.toMs },
        error: null,
        loading: false,
      });
  } catch (err) {
    const queryRejected = err instanceof ApiError && err.code === 'bad-input';
    if (mine === seq) useLogsStore.setState({ error: errorMessage(err), queryRejected, loading: false });
  }
}

// The contract's limits on pinned evidence; a longer line is pinned as its first 16 KiB, marked as cut.
const MAX_PIN_LINE = 16_384;
const MAX_LABEL_NAME = 200;
const MAX_LABEL_VALUE = 1_000;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Pins a line to the incident's timeline; main copies it into SQLite, so it outlives the source. */
export async function pinLogLine(incidentId: number, line: LogLine, query: string, sourceId: number | null): Promise<void> {
  const key = lineKey(line);
  useLogsStore.setState({ pinning: key, pinError: null });
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(line.labels)) labels[clip(k, MAX_LABEL_NAME)] = clip(v, MAX_LABEL_VALUE);
  try {
    const event = await call('incident:pin-evidence', {
      kind: 'log-line',
      id: incidentId,
      query,
      line: { tNs: line.tNs, labels, line: clip(line.line, MAX_PIN_LINE) },
      ...(sourceId !== null ? { sourceId } : {}),
    });
    // The timeline shows the pin at once; the pushed incident:changed re-reads the incident anyway.
    appendEvent(event);
    useLogsStore.setState({ pinning: null });
  } catch (err) {
    useLogsStore.setState({ pinning: null, pinError: `Could not pin the line: ${errorMessage(err)}` });
  }
}

/** The current state, outside React (tests, and actions that must read before they write). */
export function getLogsState(): Readonly<LogsState> {
  return useLogsStore.getState();
}

/** For tests: back to a fresh console. */
export function resetLogs(): void {
  seq += 1;
  defaultsSeq += 1;
  useLogsStore.setState(INITIAL, true);
}
