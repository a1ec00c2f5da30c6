import type Database from 'better-sqlite3';
import type { AlertRecord, GpuStat, QueueStat, Snapshot, TelemetrySnapshot } from '../../../shared/domain/telemetry';

interface SnapshotRow {
  source_id: number;
  at: number;
  json: string;
}

interface AlertRow {
  source_id: number;
  key: string;
  name: string;
  severity: string | null;
  labels: string;
  summary: string | null;
  starts_at: number;
  last_seen_at: number;
  resolved_at: number | null;
}

/** How many alert rows one listing returns at most (newest first), so a noisy week stays drawable. */
const MAX_ALERTS_PER_READ = 2_000;

/** Reads for 'telemetry:get-snapshot' and 'telemetry:list-alerts'. Disabled sources are left out of "now". */
export class TelemetryReads {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      latest: db.prepare<[string], SnapshotRow>(`SELECT s.source_id, s.at, s.json FROM snapshots s
        JOIN sources src ON src.id = s.source_id WHERE src.enabled = 1 AND s.kind = ? ORDER BY s.at DESC, s.source_id LIMIT 1`),
      all: db.prepare<[string], SnapshotRow>(`SELECT s.source_id, s.at, s.json FROM snapshots s
        JOIN sources src ON src.id = s.source_id WHERE src.enabled = 1 AND s.kind = ? ORDER BY s.at DESC, s.source_id`),
      firing: db.prepare<[], AlertRow>(`SELECT a.* FROM alert_history a JOIN sources src ON src.id = a.source_id
        WHERE src.enabled = 1 AND a.resolved_at IS NULL ORDER BY a.starts_at, a.id`),
      overlapping: db.prepare<[number, number, number], AlertRow>(`SELECT * FROM alert_history
        WHERE starts_at <= ? AND (resolved_at IS NULL OR resolved_at >= ?) ORDER BY starts_at DESC, id DESC LIMIT ?`),
    };
  }

  snapshot(): TelemetrySnapshot {
    const firing = this.stmts.firing.all().map(toAlert);
    const checked = this.stmts.latest.get('alerts');
    let alerts: Snapshot<AlertRecord[]> | null = null;
    if (firing.length > 0) {
      // "As of" the newest sighting, so the panel can say how fresh the list is.
      const newest = firing.reduce((a, b) => (b.lastSeenAt > a.lastSeenAt ? b : a));
      alerts = { sourceId: newest.sourceId, at: Math.max(newest.lastSeenAt, checked?.at ?? 0), data: firing };
    } else if (checked) {
      alerts = { sourceId: checked.source_id, at: checked.at, data: [] };
    }
    return {
      queues: this.latest<QueueStat[]>('queues'),
      gpus: this.latest<GpuStat[]>('gpus'),
      alerts,
    };
  }

  /** Alerts that were firing at some point in [fromMs, toMs] (oldest first). */
  alerts(fromMs: number, toMs: number): AlertRecord[] {
    return this.stmts.overlapping.all(toMs, fromMs, MAX_ALERTS_PER_READ).map(toAlert).reverse();
  }

  /** The last snapshot of every enabled source for one panel, newest first (one row per source at most). */
  snapshots<K extends 'queues' | 'gpus'>(kind: K): Snapshot<K extends 'queues' ? QueueStat[] : GpuStat[]>[] {
    const out: Snapshot<K extends 'queues' ? QueueStat[] : GpuStat[]>[] = [];
    for (const row of this.stmts.all.all(kind)) {
      const snap = parseSnapshot<K extends 'queues' ? QueueStat[] : GpuStat[]>(row);
      if (snap) out.push(snap);
    }
    return out;
  }

  private latest<T>(kind: 'queues' | 'gpus'): Snapshot<T> | null {
    const row = this.stmts.latest.get(kind);
    return row ? parseSnapshot<T>(row) : null;
  }
}

function parseSnapshot<T>(row: SnapshotRow): Snapshot<T> | null {
  try {
    return { sourceId: row.source_id, at: row.at, data: JSON.parse(row.json) as T };
  } catch {
    // Written by us from parsed upstream data; unreadable only if the file was damaged. Show nothing rather than crash.
    return null;
  }
}

function toAlert(r: AlertRow): AlertRecord {
  let labels: Record<string, string> = {};
  try {
    labels = JSON.parse(r.labels) as Record<string, string>;
  } catch {
    // Keep the alert visible with its name even if its labels are unreadable.
  }
  return {
    sourceId: r.source_id,
    key: r.key,
    name: r.name,
    severity: r.severity,
    labels,
    summary: r.summary,
    startsAt: r.starts_at,
    lastSeenAt: r.last_seen_at,
    resolvedAt: r.resolved_at,
  };
}
