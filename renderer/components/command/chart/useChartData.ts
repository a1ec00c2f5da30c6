import { useEffect, useEffectEvent, useState, type Dispatch, type SetStateAction } from 'react';
import type { Incident } from '../../../../shared/domain/incident';
import { METRICS, type AlertRecord, type SeriesData, type SeriesResult } from '../../../../shared/domain/telemetry';
import { call, errorMessage } from '../../../api/client';
import type { GpuMode, TimeWindow } from '../../../../shared/chart/chart-data';
import { chartUrlOptions } from '../../../logic/chart-url';
import { resolveRange, windowKey, type ViewRange } from '../../../logic/view-range';
import { markChartRequest } from './paint-mark';

/** Per series: about the chart's width in pixels; the store downsamples (LTTB) to this. */
export const MAX_POINTS = 1_500;
/**
 * The contract's ceiling, for the benchmark's baselines only (logic/chart-url.ts): with it the
 * store returns every stored point of a 24 h window at 15 s, i.e. no downsampling.
 */
const NAIVE_POINTS = 20_000;

export interface ChartData {
  /** The window this data was fetched for (the chart's x domain). */
  win: TimeWindow;
  /** The GPU mode it was fetched for (per-node lines need their own metric). */
  gpuMode: GpuMode;
  perGpu: SeriesData[];
  perNode: SeriesData[];
  queue: SeriesData[];
  restarts: SeriesData[];
  oom: SeriesData[];
  alerts: AlertRecord[];
  /** Stored points behind the drawn GPU and queue lines, before downsampling. */
  storedPoints: number;
  downsampled: boolean;
  newestAt: number | null;
  fetchedAt: number;
  maxPoints: number;
  /** Marker sources that failed while the lines loaded (said in words, not hidden). */
  partial: string[];
}

export interface ChartFetch {
  data: ChartData | null;
  /** The last refresh failed; `data` (if any) is older. */
  error: string | null;
}

const EMPTY: SeriesResult = { metric: '', fromMs: 0, toMs: 0, series: [], storedPoints: 0, downsampled: false, newestAt: null };

async function load(win: TimeWindow, gpuMode: GpuMode, maxPoints: number): Promise<ChartData> {
  const series = (metric: string): Promise<SeriesResult> =>
    call('telemetry:get-series', { metric, fromMs: win.fromMs, toMs: win.toMs, maxPoints });
  const [gpu, node, queue, restarts, oom, alerts] = await Promise.allSettled([
    series(METRICS.gpuMemoryShare),
    gpuMode === 'node' ? series(METRICS.nodeGpuMemoryShare) : Promise.resolve(EMPTY),
    series(METRICS.queueDepth),
    series(METRICS.podRestarts),
    series(METRICS.podLastOom),
    call('telemetry:list-alerts', { fromMs: win.fromMs, toMs: win.toMs }),
  ]);
  // Without the lines there is no chart; without markers there is a chart that says what it lacks.
  for (const r of [gpu, node, queue]) if (r.status === 'rejected') throw r.reason;
  const ok = <T>(r: PromiseSettledResult<T>, fallback: T): T => (r.status === 'fulfilled' ? r.value : fallback);
  const lines = [ok(gpu, EMPTY), ok(node, EMPTY), ok(queue, EMPTY)];
  const drawnGpu = gpuMode === 'node' ? lines[1] : lines[0];
  const partial = [
    restarts.status === 'rejected' || oom.status === 'rejected' ? 'restart / OOM markers' : null,
    alerts.status === 'rejected' ? 'alert markers' : null,
  ].filter((p): p is string => p !== null);
  const newest = [...lines, ok(restarts, EMPTY)].map((r) => r.newestAt).filter((t): t is number => t !== null);
  return {
    win,
    gpuMode,
    perGpu: lines[0]?.series ?? [],
    perNode: lines[1]?.series ?? [],
    queue: lines[2]?.series ?? [],
    restarts: ok(restarts, EMPTY).series,
    oom: ok(oom, EMPTY).series,
    alerts: ok(alerts, []),
    storedPoints: (drawnGpu?.storedPoints ?? 0) + (lines[2]?.storedPoints ?? 0),
    downsampled: lines.some((r) => r.downsampled),
    newestAt: newest.length ? Math.max(...newest) : null,
    fetchedAt: Date.now(),
    maxPoints,
    partial,
  };
}

export interface ChartRequest {
  win: TimeWindow;
  gpuMode: GpuMode;
  /** What the user is looking at; a tick or a clock step keeps it, a new range, incident or mode changes it. */
  view: string;
}

/**
 * One read at a time: the server answers calls one after another, so a tick landing mid-read
 * would only queue a second full read behind the first. A request made meanwhile waits, replacing
 * any older waiting one; when the read in flight answers, its data is shown unless the waiting
 * request is for another view (then it was superseded and is dropped), and the waiting one starts.
 */
export class ChartReader {
  private busy = false;
  private waiting: ChartRequest | null = null;
  private attached = true;

  constructor(
    private readonly read: (req: ChartRequest) => Promise<ChartData>,
    private readonly show: Dispatch<SetStateAction<ChartFetch>>,
  ) {}

  request(req: ChartRequest): void {
    if (this.busy) this.waiting = req;
    else this.start(req);
  }

  /** While detached (unmounted) answers are dropped and nothing new starts. */
  setAttached(attached: boolean): void {
    this.attached = attached;
  }

  private start(req: ChartRequest): void {
    this.busy = true;
    this.read(req)
      .then(
        (data) => {
          if (this.attached && (this.waiting === null || this.waiting.view === req.view)) this.show({ data, error: null });
        },
        (err: unknown) => {
          if (this.attached) this.show((s) => ({ data: s.data, error: `Could not load telemetry: ${errorMessage(err)}` }));
        },
      )
      .finally(() => {
        this.busy = false;
        const next = this.waiting;
        this.waiting = null;
        if (next && this.attached) this.start(next);
      });
  }
}

/**
 * Fetches what the chart, markers and GPU trends draw for the view range. Re-reads when the window
 * (`windowKey`) or mode changes, when a poll stored new data (`tick`), and — while the window follows
 * the clock — when `clock` moves; one read at a time, the newest request superseding (ChartReader).
 * A failed refresh keeps the last data on screen and says why.
 */
export function useChartData(range: ViewRange, incident: Incident | null, gpuMode: GpuMode, tick: number, clock: number): ChartFetch {
  const [state, setState] = useState<ChartFetch>({ data: null, error: null });
  const [reader] = useState(() => {
    const maxPoints = chartUrlOptions().naive === 'off' ? MAX_POINTS : NAIVE_POINTS;
    return new ChartReader((req) => {
      markChartRequest();
      return load(req.win, req.gpuMode, maxPoints);
    }, setState);
  });

  useEffect(() => {
    reader.setAttached(true);
    return () => reader.setAttached(false);
  }, [reader]);

  // Keyed on the window, not the incident object: a note, role or pin changes the incident but not the window.
  const key = windowKey(range, incident);
  const request = useEffectEvent(() => {
    reader.request({ win: resolveRange(range, incident, Date.now()), gpuMode, view: `${key}|${gpuMode}` });
  });
  useEffect(() => {
    request();
  }, [key, gpuMode, tick, clock]);
  return state;
}
