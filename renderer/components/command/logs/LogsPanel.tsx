import { useCallback, useEffect, useEffectEvent, useMemo, useState } from 'react';
import type { Incident, TimelineEvent } from '../../../../shared/domain/incident';
import type { LogLine } from '../../../../shared/domain/telemetry';
import { formatClock } from '../../../logic/format';
import { orderLines } from '../../../logic/log-level';
import { errorLinesQuery, serviceLinesQuery } from '../../../../shared/domain/log-queries';
import { isLive, resolveRange, windowKey } from '../../../logic/view-range';
import {
  enterLogScope,
  lineKey,
  loadLogDefaults,
  pinLogLine,
  runLogQuery,
  setLogFollow,
  setLogLimit,
  setLogOrder,
  setLogSource,
  setLogText,
  useLogDefaults,
  useLogError,
  useLogFollow,
  useLogLimit,
  useLogLoading,
  useLogOrder,
  useLogQueryRejected,
  useLogResult,
  useLogResultAt,
  useLogResultWindow,
  useLogSourceId,
  useLogText,
  usePinError,
  usePinning,
} from '../../../state/logs';
import { useSources } from '../../../state/sources';
import { useViewRange } from '../../../state/telemetry';
import { pinnedLines } from './evidence-data';
import { LogDetail } from './LogDetail';
import { LogList } from './LogList';
import { LogQueryBar } from './LogQueryBar';
import type { PinState } from './LogRow';
import '../../../styles/logs.css';

/** Live follow re-runs the query this often; Loki is asked directly, not through the poller. */
export const FOLLOW_MS = 5_000;

function levelCounts(lines: readonly LogLine[]): { error: number; warn: number } {
  let error = 0;
  let warn = 0;
  for (const l of lines) {
    if (l.level === 'error') error += 1;
    else if (l.level === 'warn') warn += 1;
  }
  return { error, warn };
}

/**
 * Loki lines for the command view: by default the incident's window and affected services
 * (without an incident, error lines anywhere), newest first, pinnable to the timeline. A line counts
 * as pinned while the incident's timeline holds its pin-log event, so a reload still knows it.
 */
export function LogsPanel({ incident, timeline }: { incident: Incident | null; timeline: readonly TimelineEvent[] }) {
  const scope = incident ? `incident:${incident.id}` : 'none';
  const servicesKey = incident ? incident.services.join('\n') : null;
  const sourceId = useLogSourceId();
  const defaults = useLogDefaults();
  // The default query selects on the label the Loki source's streams carry; until that is known, nothing runs.
  const label = defaults !== null && defaults.forSource === sourceId ? defaults.serviceLabel : null;
  const defaultQuery = useMemo(() => {
    if (label === null) return null;
    return servicesKey === null ? errorLinesQuery(label) : serviceLinesQuery(label, servicesKey.split('\n'));
  }, [label, servicesKey]);
  const range = useViewRange();
  const text = useLogText();
  const result = useLogResult();
  const resultAt = useLogResultAt();
  const resultWindow = useLogResultWindow();
  const error = useLogError();
  const loading = useLogLoading();
  const queryRejected = useLogQueryRejected();
  const follow = useLogFollow();
  const limit = useLogLimit();
  const pinned = useMemo(() => new Set(pinnedLines(timeline).map(lineKey)), [timeline]);
  const pinning = usePinning();
  const pinError = usePinError();
  const lokiSources = useSources().filter((s) => s.kind === 'loki');
  const [selectedKey, setSelectedKey] = useState<string | null>(null);

  // Follow only makes sense while the window ends "now"; the key changes only when the window does.
  const live = isLive(range, incident);
  const rangeKey = windowKey(range, incident);

  // The window is resolved when the query runs, so a live window ends at that moment.
  const ask = (background: boolean): void => {
    if (defaultQuery === null) return;
    const { fromMs, toMs } = resolveRange(range, incident, Date.now());
    void runLogQuery({ defaultQuery, fromMs, toMs, background });
  };
  const run = useEffectEvent(ask);

  useEffect(() => {
    enterLogScope(scope);
  }, [scope]);
  useEffect(() => {
    void loadLogDefaults(sourceId);
  }, [sourceId]);
  // A new scope, window, limit or source asks again; typing in the box does not (Run does).
  useEffect(() => {
    run(false);
  }, [scope, rangeKey, defaultQuery, limit, sourceId]);
  useEffect(() => {
    if (!follow || !live) return;
    const timer = setInterval(() => run(true), FOLLOW_MS);
    return () => clearInterval(timer);
  }, [follow, live]);

  const incidentId = incident?.id ?? null;
  const pinStateOf = useMemo(
    () =>
      incidentId === null
        ? null
        : (line: LogLine): PinState => {
            const key = lineKey(line);
            return pinned.has(key) ? 'pinned' : pinning === key ? 'pinning' : 'none';
          },
    [incidentId, pinned, pinning],
  );
  const resultQuery = result?.query ?? '';
  const resultSource = result?.sourceId ?? null;
  const onPin = useCallback(
    (line: LogLine) => {
      if (incidentId !== null) void pinLogLine(incidentId, line, resultQuery, resultSource);
    },
    [incidentId, resultQuery, resultSource],
  );
  const onSelect = useCallback((line: LogLine) => {
    const key = lineKey(line);
    setSelectedKey((current) => (current === key ? null : key));
  }, []);
  const onSelectExactly = useCallback((line: LogLine | null) => setSelectedKey(line ? lineKey(line) : null), []);

  const order = useLogOrder();
  const answered = useMemo(() => result?.lines ?? [], [result]);
  const lines = useMemo(() => orderLines(answered, order), [answered, order]);
  const counts = useMemo(() => levelCounts(lines), [lines]);
  const selected = useMemo(
    () => (selectedKey === null ? null : (lines.find((l) => lineKey(l) === selectedKey) ?? null)),
    [lines, selectedKey],
  );
  const boxText = text ?? defaultQuery ?? '';
  const otherQuery = result !== null && result.query !== boxText.trim();

  return (
    <section className="panel logs-panel" aria-labelledby="logs-h" data-testid="logs-panel" data-loading={loading ? 'true' : 'false'}>
      <h2 id="logs-h">
        Logs{' '}
        <span className="logs-scope">
          {servicesKey ? `affected services: ${servicesKey.split('\n').join(', ')}` : 'error lines, all services'}
        </span>
      </h2>
      <LogQueryBar
        text={boxText}
        onText={setLogText}
        onRun={() => ask(false)}
        running={loading}
        error={error}
        queryRejected={queryRejected}
        follow={follow}
        canFollow={live}
        onFollow={setLogFollow}
        limit={limit}
        onLimit={setLogLimit}
        lokiSources={lokiSources}
        sourceId={sourceId}
        onSource={setLogSource}
        placeholder={errorLinesQuery(label ?? 'job')}
      />
      {defaults?.note && (
        <p className="log-defaults-note muted" data-testid="logs-defaults-note">
          Default query: {defaults.note}.
        </p>
      )}
      {result !== null && (
        <p className="log-status muted" data-testid="logs-status">
          {lines.length.toLocaleString('en-US')} {lines.length === 1 ? 'line' : 'lines'} ·{' '}
          <span className="log-count-error">{counts.error} errors</span> · <span className="log-count-warn">{counts.warn} warnings</span>
          {result.truncated && ' · limit reached, older lines not shown'}
          {resultWindow && ` · ${formatClock(resultWindow.fromMs)}–${formatClock(resultWindow.toMs)}`}
          {resultAt !== null && ` · answered ${formatClock(resultAt)}`}{' '}
          <button
            type="button"
            className="log-order"
            onClick={() => setLogOrder(order === 'errors-first' ? 'newest' : 'errors-first')}
            title="Switch between error lines first and newest first"
            data-testid="logs-order"
            data-order={order}
          >
            {order === 'errors-first' ? 'errors first' : 'newest first'} ⇅
          </button>
          {otherQuery && <span className="log-other-query"> · showing the answer to {result.query}</span>}
        </p>
      )}
      {pinError && (
        <p className="inline-error" role="alert" data-testid="log-pin-error">
          {pinError}
        </p>
      )}
      {lines.length === 0 ? (
        <div className="log-empty muted" data-testid="logs-empty">
          <p>
            {result !== null ? 'No lines match in this window.' : loading ? 'Asking Loki…' : error ? 'No lines to show.' : 'No lines yet.'}
          </p>
          {result?.hint && (
            <p className="log-empty-hint" data-testid="logs-empty-hint">
              {result.hint}
            </p>
          )}
        </div>
      ) : (
        <LogList
          lines={lines}
          selectedKey={selectedKey}
          pinStateOf={pinStateOf}
          onSelect={onSelect}
          onSelectExactly={onSelectExactly}
          onPin={onPin}
        />
      )}
      {selected && <LogDetail line={selected} onClose={() => setSelectedKey(null)} />}
    </section>
  );
}
