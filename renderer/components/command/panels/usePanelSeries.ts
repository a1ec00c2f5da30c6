import { useEffect, useRef, useState } from 'react';
import { METRICS, type SeriesData } from '../../../../shared/domain/telemetry';
import { call, errorMessage } from '../../../api/client';
import type { TimeWindow } from '../../../../shared/chart/chart-data';

/** Points per series: plenty for a sparkline and a rate over the last minutes. */
const PANEL_POINTS = 240;
/** How far back a GPU counts as "was reporting": one that went quiet longer ago than this is gone, not missing. */
export const GPU_LOOKBACK_MS = 6 * 3_600_000;
/** Side panels follow polls, but at most this often: they summarise minutes, not seconds. */
const REFRESH_MS = 5_000;

export interface PanelSeries {
  fsUsed: SeriesData[];
  fsError: SeriesData[];
  requests: SeriesData[];
  tokenFailures: SeriesData[];
  providerUp: SeriesData[];
  /** `gpu.memory.share` over the last hours, a few points per series: when each GPU was last seen. */
  gpuLastSeen: SeriesData[];
  win: TimeWindow;
}

export interface PanelFetch {
  data: PanelSeries | null;
  error: string | null;
}

const series = async (metric: string, win: TimeWindow, maxPoints = PANEL_POINTS): Promise<SeriesData[]> =>
  (await call('telemetry:get-series', { metric, fromMs: win.fromMs, toMs: win.toMs, maxPoints })).series;

async function load(win: TimeWindow, now: number): Promise<PanelSeries> {
  const lookback = { fromMs: Math.min(win.fromMs, now - GPU_LOOKBACK_MS), toMs: Math.max(win.toMs, now) };
  const [fsUsed, fsError, requests, tokenFailures, providerUp, gpuLastSeen] = await Promise.all([
    series(METRICS.fsUsedShare, win),
    series(METRICS.fsDeviceError, win),
    series(METRICS.gatewayRequests, win),
    series(METRICS.authTokenFailures, win),
    series(METRICS.authProviderUp, win),
    // LTTB keeps every series' last point, which is all "last seen" needs.
    series(METRICS.gpuMemoryShare, lookback, 10),
  ]);
  return { fsUsed, fsError, requests, tokenFailures, providerUp, gpuLastSeen, win };
}

/** What the storage, auth and GPU panels read besides the snapshot, for the chart's window; refreshed with polls, throttled. */
export function usePanelSeries(win: TimeWindow, tick: number): PanelFetch {
  const [state, setState] = useState<PanelFetch>({ data: null, error: null });
  const reads = useRef({ key: '', at: 0, busy: false, mounted: true, pending: false });
  const key = `${win.fromMs}|${win.toMs}`;
  useEffect(() => {
    const r = reads.current;
    r.mounted = true;
    return () => {
      r.mounted = false;
    };
  }, []);
  useEffect(() => {
    const r = reads.current;
    const now = Date.now();
    // A new window always reads (after the one in flight); a poll re-reads at most every REFRESH_MS.
    if (r.key === key && now - r.at < REFRESH_MS) return;
    if (r.busy) {
      r.pending = true;
      return;
    }
    r.key = key;
    r.at = now;
    r.busy = true;
    r.pending = false;
    const asked = key;
    load(win, now)
      .then(
        // An answer for a window no longer shown is dropped; the pending read brings the new one.
        (data) => r.mounted && r.key === asked && setState({ data, error: null }),
        (err: unknown) =>
          r.mounted && setState((s) => ({ data: s.data, error: `Could not read storage and auth series: ${errorMessage(err)}` })),
      )
      .finally(() => {
        r.busy = false;
        if (r.pending && r.mounted) setState((s) => ({ ...s }));
      });
    // win is keyed by its bounds; tick (and a finished read with one pending) only ask for a refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick, state]);
  return state;
}
