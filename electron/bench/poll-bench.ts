import { join } from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FakeClock } from '../poller/clock';
import { defaultQueriesFor } from '../core/demo/demo-sources';
import { labDemoSources, resolvedSource } from '../poller/lab-sources';
import { Poller } from '../poller/poller';
import type { ResolvedSource } from '../poller/types';
import { openStore, type OpenedStore } from '../store/database';
import { SourceRepo } from '../store/sources/source-repo';
import type { TelemetryStore } from '../store/telemetry/telemetry-store';
import { TelemetryService } from '../core/telemetry/telemetry-service';
import { Detector } from '../core/detection/detector';
import { readFrame } from '../core/detection/frame-reader';
import { DetectionWindows } from '../store/detection/window-store';
import { DEFAULT_DETECTION_SETTINGS } from '../../shared/detection/settings';
import { initialHealth } from '../../shared/domain/source-config';
import { tempDir } from '../test-support/temp-dir';
import { advanceLab, havePrometheus, rawCycle, rawRequests, startLabProcess, startPrometheus, type Child } from './poll-bench-env';
import { median, result, type BenchResult } from './results';

const INTERVAL_MS = 5_000;
const CYCLE_RUNS = 301;
const DAY_CYCLES = 86_400_000 / INTERVAL_MS;

/** A real store in a temp dir, with source rows for the sink's foreign keys; ids follow the rows. */
function openSink(sources: ResolvedSource[]): {
  sink: TelemetryStore;
  telemetry: TelemetryService;
  db: OpenedStore['db'];
  sources: ResolvedSource[];
  close(): Promise<void>;
} {
  const t = tempDir('pitwall-bench-poll-');
  // As the app opens it: WAL checkpoints on a worker thread, not inside the poll's commits.
  const store: OpenedStore = openStore(join(t.dir, 'data'), { backgroundCheckpoints: true });
  const repo = new SourceRepo(store.db);
  const stored = sources.map((s) => {
    const config = {
      auth: { kind: 'none' as const },
      headers: [],
      tls: { caPem: null, insecureSkipVerify: false },
      timeoutMs: 10_000,
      intervalMs: s.intervalMs,
      queries: s.queries,
      serviceLabel: null,
    };
    const id = repo.insert(
      { name: s.name, kind: s.kind, baseUrl: s.connection.baseUrl, config, secrets: null, enabled: true, demo: false },
      Date.now(),
    );
    return { ...s, id, connection: { ...s.connection, timeoutMs: 10_000 } };
  });
  // The app's telemetry service: its store is the poller's sink, its reads are what detection evaluates.
  const telemetry = new TelemetryService({ db: store.db });
  return {
    sink: telemetry.store,
    telemetry,
    db: store.db,
    sources: stored,
    close: async () => {
      await store.stopCheckpoints();
      store.close();
      t.cleanup();
    },
  };
}

function startPoller(
  sources: ResolvedSource[],
  sink: TelemetryStore,
  onRecorded?: (sourceId: number, at: number) => void,
): { poller: Poller; clock: FakeClock } {
  const clock = new FakeClock(Date.now());
  const poller = new Poller({ sources: () => sources, sink, clock, ...(onRecorded ? { onRecorded } : {}) });
  poller.start();
  return { poller, clock };
}

function assertHealthy(poller: Poller, when: string): void {
  const bad = poller.allHealth().filter((h) => h.state !== 'ok');
  if (bad.length > 0)
    throw new Error(
      `poll bench: sources not ok ${when}: ${bad.map((h) => `${h.sourceId} ${h.state} ${h.lastError?.message ?? ''}`).join('; ')}`,
    );
}

/**
 * One poll cycle of the demo set through the scheduler, collectors and SQLite store, against the same
 * requests made raw with node:http in parallel; runs alternate so drift hits both sides alike.
 */
async function cycleRatio(): Promise<BenchResult> {
  const lab = await startLabProcess('gpu-oom', 42);
  let prom: Child | null = null;
  try {
    await advanceLab(lab.url, 600);
    prom = havePrometheus() ? await startPrometheus(lab.url) : null;
    const wanted = [...labDemoSources(lab.url, INTERVAL_MS)];
    if (prom)
      wanted.push(
        resolvedSource('prometheus', prom.url, {
          name: 'Prometheus',
          intervalMs: INTERVAL_MS,
          queries: defaultQueriesFor('prometheus'),
        }),
      );
    const opened = openSink(wanted);
    // Detection rides on every stored poll in the app (electron/core/detection): it is part of Pitwall's cycle here.
    const windows = new DetectionWindows(opened.db, (specs, toMs) => opened.telemetry.readWindows(specs, toMs));
    const { poller, clock } = startPoller(opened.sources, opened.sink, (id, at) => windows.recorded(id, at));
    const raw = rawRequests(opened.sources);
    // Detection rides on every stored poll in the app (electron/core/detection): it is part of Pitwall's cycle here.
    const detector = new Detector({
      db: opened.db,
      now: () => clock.now(),
      author: () => 'bench',
      settings: () => DEFAULT_DETECTION_SETTINGS,
      readFrame: (settings, now) =>
        readFrame(
          {
            windows: (specs, toMs) => windows.read(specs, toMs),
            getSnapshot: () => opened.telemetry.getSnapshot(),
            sources: () => opened.sources.map((r) => ({ ...r, health: poller.health(r.id) ?? initialHealth(r.id, true) })),
          },
          settings,
          now,
        ),
      emit: () => undefined,
      log: (message, err) => console.error(message, err),
    });
    try {
      const pitwall = async (): Promise<void> => {
        clock.advance(INTERVAL_MS);
        await poller.idle();
        if (process.env.NO_DETECT !== '1') detector.evaluate();
      };
      for (let i = 0; i < 10; i += 1) {
        await pitwall();
        await rawCycle(raw.requests);
      }
      assertHealthy(poller, 'after warm-up');
      const ours: number[] = [];
      const theirs: number[] = [];
      const timed = async (fn: () => Promise<unknown>, into: number[]): Promise<void> => {
        const t = performance.now();
        await fn();
        into.push(performance.now() - t);
      };
      // Alternate which side goes first, so neither always meets the servers right after the other.
      for (let i = 0; i < CYCLE_RUNS; i += 1) {
        if (i % 2 === 0) {
          await timed(pitwall, ours);
          await timed(() => rawCycle(raw.requests), theirs);
        } else {
          await timed(() => rawCycle(raw.requests), theirs);
          await timed(pitwall, ours);
        }
      }
      assertHealthy(poller, 'after the measured cycles');
      const what = prom
        ? `${raw.requests.length} requests to lab exporter, AsynqMon, Loki and a real Prometheus 2.42`
        : `${raw.requests.length} requests to lab exporter, AsynqMon and Loki (no Prometheus installed: not in the cycle)`;
      // The store moves recent samples into the main table every couple of minutes of polling (about
      // one cycle in 24 here): the median leaves that cost out, the mean carries it. Both are reported.
      const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
      const notes =
        `mean ${mean(ours).toFixed(2)} ms vs ${mean(theirs).toFixed(2)} ms raw, ratio ${(mean(ours) / mean(theirs)).toFixed(3)} (includes the store's periodic move of recent samples); ` +
        `detection is inside Pitwall's time: evaluation median ${median(detector.stats.samples).toFixed(2)} ms a cycle, ` +
        `appending each stored poll to its windows ${(windows.stats.appendMs / Math.max(1, windows.stats.appends)).toFixed(2)} ms a poll, ` +
        `${windows.stats.reloads} whole reads after the store's moves (${(windows.stats.reloadMs / Math.max(1, windows.stats.reloads)).toFixed(1)} ms each)`;
      return result(
        'poll.cycle_ratio',
        median(ours),
        `ms per cycle, median of ${CYCLE_RUNS}: ${what}; into SQLite, then detection`,
        median(theirs),
        notes,
      );
    } finally {
      await poller.stop();
      raw.close();
      await opened.close();
    }
  } finally {
    await prom?.close();
    await lab.close();
  }
}

/** Heap after full collections (gc exposed at run time; the bench runs under tsx without --expose-gc). */
function heapMb(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

/**
 * The lab answers AsynqMon and Loki from growing task lists and a 50,000-line log ring (about 9 and 18 ms
 * a request once full), so 17,280 cycles polling all three every 5 s took 12 minutes here, nearly all of it
 * inside the lab. All 17,280 cycles still run; the exporter page (the heaviest for Pitwall: the largest
 * body, the most samples, the GPU snapshot) is polled every 5 s, AsynqMon every 15 s and Loki every 60 s,
 * as a commander would configure a 1-minute LogQL rate.
 */
const DAY_INTERVALS: Readonly<Record<string, number>> = { 'exporter-scrape': INTERVAL_MS, asynqmon: 15_000, loki: 60_000 };

/**
 * A simulated day through the Poller on a fake clock: each 5 s step runs the polls then due (real HTTP to
 * the lab, into SQLite), then moves the lab's clock 5 s. The heap is compared after a warm-up hour (JIT,
 * caches, series ids) and at the end of the day.
 */
async function memoryGrowth(cycles: number): Promise<BenchResult> {
  const lab = await startLabProcess('gpu-oom', 7);
  const sources = labDemoSources(lab.url, INTERVAL_MS).map((s) => ({ ...s, intervalMs: DAY_INTERVALS[s.kind] ?? INTERVAL_MS }));
  const opened = openSink(sources);
  const { poller, clock } = startPoller(opened.sources, opened.sink);
  const warmup = Math.min(720, Math.floor(cycles / 10));
  const started = performance.now();
  let startMb = 0;
  try {
    for (let i = 0; i < cycles; i += 1) {
      clock.advance(INTERVAL_MS);
      await poller.idle();
      await advanceLab(lab.url, INTERVAL_MS / 1000);
      if (i + 1 === warmup) startMb = heapMb();
    }
    assertHealthy(poller, 'at the end of the day');
    const endMb = heapMb();
    const minutes = ((performance.now() - started) / 60_000).toFixed(1);
    const hours = ((cycles - warmup) * INTERVAL_MS) / 3_600_000;
    return result(
      'poll.mem_growth_mb_24h',
      endMb - startMb,
      `MB heap growth (after gc, ${startMb.toFixed(1)} → ${endMb.toFixed(1)} MB) over ${hours.toFixed(1)} simulated h after a ` +
        `${(warmup * INTERVAL_MS) / 60_000} min warm-up: ${cycles} fake-clock 5 s cycles against the lab in its own process, ` +
        `exporter /metrics every 5 s, AsynqMon every 15 s, Loki every 60 s, into SQLite (${minutes} min)`,
    );
  } finally {
    await poller.stop();
    await opened.close();
    await lab.close();
  }
}

/** `dayCycles` shortens the simulated day while working on the bench itself (0 skips it). */
export async function benchPoll(options: { dayCycles?: number } = {}): Promise<BenchResult[]> {
  const cycle = await cycleRatio();
  const dayCycles = options.dayCycles ?? DAY_CYCLES;
  if (dayCycles === 0) return [cycle];
  console.log(`poll.cycle_ratio ${cycle.ratio}; now a simulated day of polling (${dayCycles} cycles, a few minutes)…`);
  return [cycle, await memoryGrowth(dayCycles)];
}
