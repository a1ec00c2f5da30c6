import type Database from 'better-sqlite3';
import type { ParsedInput } from '../../../shared/contract/channels';
import { retentionInput } from '../../../shared/contract/source-schemas';
import {
  DEFAULT_RETENTION,
  type AlertRecord,
  type RetentionSettings,
  type SeriesData,
  type SeriesResult,
  type TelemetrySnapshot,
} from '../../../shared/domain/telemetry';
import type { SourceView } from '../../../shared/domain/source-config';
import { readPanel } from './snapshot-panels';
import { Retention, incidentWindows, type CompactStats, type TimeWindow } from '../../store/telemetry/retention';
import { ColumnCache } from '../../store/telemetry/column-cache';
import { SeriesQuery, type SeriesColumns, type WindowSpec } from '../../store/telemetry/series-query';
import { SettingsRepo } from '../../store/settings-repo';
import { TelemetryReads } from '../../store/telemetry/telemetry-reads';
import { TelemetryStore } from '../../store/telemetry/telemetry-store';

export const RETENTION_SETTINGS_KEY = 'retention';
/** Detection's windows (15 min of 5 s polls, 60 min of one Loki series): 64 GPUs and 20 queues hold about 100,000 points. */
const DETECTION_CACHE_POINTS = 500_000;

export interface TelemetryServiceDeps {
  db: Database.Database;
  now?: () => number;
}

/**
 * Stored telemetry: the poller's sink ('store'), the chart and panel reads, retention settings
 * and compaction. Reads never touch an upstream, so everything here works offline.
 */
export class TelemetryService {
  /** Give this to the poller: record()/backfill() return how many label sets were dropped. */
  readonly store: TelemetryStore;
  private readonly query: SeriesQuery;
  private windowQuery: SeriesQuery | null = null;
  private readonly reads: TelemetryReads;
  private readonly retention: Retention;
  private readonly settings: SettingsRepo;
  private readonly now: () => number;
  private current: RetentionSettings;

  constructor(private readonly deps: TelemetryServiceDeps) {
    this.settings = new SettingsRepo(deps.db);
    this.current = this.readRetention();
    this.store = new TelemetryStore(deps.db, { maxSeriesPerMetric: () => this.current.maxSeriesPerMetric });
    this.query = new SeriesQuery(deps.db);
    this.reads = new TelemetryReads(deps.db);
    this.retention = new Retention(deps.db, this.store);
    this.now = deps.now ?? Date.now;
  }

  getSeries(input: ParsedInput<'telemetry:get-series'>): SeriesResult {
    return this.query.get(input);
  }

  /**
   * Every stored point of several metrics over their windows (detection, after each poll). Its own
   * column cache: the chart's holds the range the chart last read (perhaps yesterday's incident), and
   * two readers of different ranges sharing one would keep replacing each other's copy.
   */
  readWindows(specs: readonly WindowSpec[], toMs: number): Map<string, SeriesColumns[]> {
    this.windowQuery ??= new SeriesQuery(this.deps.db, new ColumnCache(DETECTION_CACHE_POINTS));
    return this.windowQuery.windows(specs, toMs);
  }

  /**
   * What the GPU and queue panels show. Given the configured sources, each panel also names the source
   * it shows and what is missing when it is empty (snapshot-panels.ts); without them, the newest snapshot.
   */
  getSnapshot(sources?: readonly SourceView[]): TelemetrySnapshot {
    const base = this.reads.snapshot();
    if (!sources) return base;
    const gpus = readPanel('gpus', this.reads.snapshots('gpus'), sources);
    const queues = readPanel('queues', this.reads.snapshots('queues'), sources);
    return { ...base, gpus: gpus.shown, queues: queues.shown, panels: { gpus: gpus.panel, queues: queues.panel } };
  }

  listAlerts(input: ParsedInput<'telemetry:list-alerts'>): AlertRecord[] {
    return input.fromMs > input.toMs ? [] : this.reads.alerts(input.fromMs, input.toMs);
  }

  /** Stored series for a window, downsampled to `maxPoints` each, for pinning as evidence. */
  copyWindow(metrics: readonly string[], fromMs: number, toMs: number, match: Record<string, string>, maxPoints: number): SeriesData[] {
    return this.query.copyWindow(metrics, fromMs, toMs, match, maxPoints);
  }

  getRetention(): RetentionSettings {
    return { ...this.current };
  }

  setRetention(input: RetentionSettings): RetentionSettings {
    this.settings.write(RETENTION_SETTINGS_KEY, input);
    this.current = this.readRetention();
    return this.getRetention();
  }

  /** The incident windows kept in full at this moment. */
  windows(nowMs: number = this.now()): TimeWindow[] {
    return incidentWindows(this.deps.db, this.current.leadInMin, nowMs);
  }

  /** Compact in one go (tests, shutdown). */
  compact(nowMs: number = this.now()): CompactStats {
    return this.retention.compact(nowMs, this.windows(nowMs), this.current);
  }

  /** Compact in short transactions, yielding to the event loop between them (the periodic job). */
  compactAsync(nowMs: number = this.now()): Promise<CompactStats> {
    return this.retention.compactAsync(nowMs, this.windows(nowMs), this.current);
  }

  private readRetention(): RetentionSettings {
    const parsed = retentionInput.safeParse(this.settings.read(RETENTION_SETTINGS_KEY));
    // A stored value that no longer parses (hand-edited, older shape) falls back to the defaults.
    return parsed.success ? parsed.data : { ...DEFAULT_RETENTION };
  }
}
