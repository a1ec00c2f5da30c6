import type { SourceView } from '../../../shared/domain/source-config';
import type { SourceKind } from '../../../shared/domain/sources';
import { SNAPSHOT_METRICS, type PanelCandidate, type PanelSources, type Snapshot } from '../../../shared/domain/telemetry';

export type Panel = 'gpus' | 'queues';

/** The source kind that reads a panel's data straight from where it lives, and why it is preferred. */
const DIRECT: Readonly<Record<Panel, SourceKind>> = { gpus: 'exporter-scrape', queues: 'asynqmon' };

const KIND_WORD: Readonly<Partial<Record<SourceKind, string>>> = {
  prometheus: 'Prometheus',
  'exporter-scrape': 'exporter',
  asynqmon: 'AsynqMon',
};

/** How a source is named in a sentence: "Prometheus 'prod'". */
export function sourceLabel(s: Pick<SourceView, 'kind' | 'name'>): string {
  return `${KIND_WORD[s.kind] ?? s.kind} '${s.name}'`;
}

function hasSnapshotQuery(s: SourceView, panel: Panel): boolean {
  return s.queries.some((q) => q.enabled && q.metric === SNAPSHOT_METRICS[panel]);
}

/** Sources that can fill a panel: its direct kind, or Prometheus with that panel's snapshot query on. */
export function canFill(s: SourceView, panel: Panel): boolean {
  return s.kind === DIRECT[panel] || (s.kind === 'prometheus' && hasSnapshotQuery(s, panel));
}

/**
 * A snapshot is current if it is no older than two of its source's polls behind the newest one. Among
 * current snapshots the direct reading wins (AsynqMon has the daily counts Prometheus lacks; an exporter
 * read directly has no scrape lag), then the newest; so the panel does not flip between sources poll by
 * poll, and falls back to the other source as soon as the preferred one stops answering.
 */
export function chooseSnapshot<T>(
  panel: Panel,
  snaps: readonly Snapshot<T>[],
  sources: ReadonlyMap<number, SourceView>,
): Snapshot<T> | null {
  const newest = Math.max(...snaps.map((s) => s.at));
  const current = (s: Snapshot<T>): boolean => newest - s.at <= 2 * (sources.get(s.sourceId)?.intervalMs ?? 0) + 1_000;
  const rank = (s: Snapshot<T>): number => (current(s) ? 0 : 2) + (sources.get(s.sourceId)?.kind === DIRECT[panel] ? 0 : 1);
  const sorted = [...snaps].sort((a, b) => rank(a) - rank(b) || b.at - a.at || a.sourceId - b.sourceId);
  return sorted[0] ?? null;
}

const WHAT: Readonly<Record<Panel, { thing: string; kinds: string; query: string }>> = {
  gpus: { thing: 'GPU memory', kinds: 'a Prometheus or exporter-scrape source', query: 'GPU panel query (stored as snapshot.gpus)' },
  queues: { thing: 'asynq queues', kinds: 'a Prometheus or AsynqMon source', query: 'queue panel query (stored as snapshot.queues)' },
};

/** Why the shown snapshot has no rows, said of the source that answered. */
function emptyAnswer(panel: Panel, s: SourceView): string {
  const who = sourceLabel(s);
  if (panel === 'gpus') {
    return s.kind === 'prometheus'
      ? `No GPU memory series (DCGM_FI_DEV_FB_USED with DCGM_FI_DEV_FB_FREE) in the last 5 minutes from ${who}.`
      : `The page of ${who} has no DCGM framebuffer metrics (is it a dcgm-exporter?).`;
  }
  return s.kind === 'prometheus'
    ? `No asynq queue series (asynq_tasks_enqueued_total) in the last 5 minutes from ${who}.`
    : `${who} reports no queues.`;
}

/** Why a source that can fill the panel has not (yet): its last error, or that it was never polled. */
function notYet(s: SourceView): string {
  const who = sourceLabel(s);
  if (s.health.lastError) return `${who} has not answered: ${s.health.lastError.message}`;
  return `Waiting for the first answer from ${who}.`;
}

/** Nothing can fill the panel: say what is missing from the sources the user has. */
function noSource(panel: Panel, sources: readonly SourceView[]): string {
  const w = WHAT[panel];
  const prom = sources.find((s) => s.enabled && s.kind === 'prometheus');
  if (prom)
    return `${sourceLabel(prom)} has no ${w.query} switched on: turn it on under Sources, or add ${w.kinds.replace('a Prometheus or ', 'an ')}.`;
  const off = sources.find((s) => !s.enabled && (s.kind === DIRECT[panel] || s.kind === 'prometheus'));
  if (off) return `${sourceLabel(off)} is switched off under Sources; no other source reads ${w.thing}.`;
  return `No source reads ${w.thing}: add ${w.kinds} under Sources.`;
}

export interface PanelReading<T> {
  shown: Snapshot<T[]> | null;
  panel: PanelSources;
}

/**
 * The snapshot a panel shows and the words around it: which sources can fill it (the shown one
 * first), and, when it is empty, what is actually missing.
 */
export function readPanel<T>(panel: Panel, snaps: readonly Snapshot<T[]>[], sources: readonly SourceView[]): PanelReading<T> {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const able = sources.filter((s) => s.enabled && canFill(s, panel));
  const ableIds = new Set(able.map((s) => s.id));
  // A snapshot from a source that can no longer fill the panel (its query switched off) is not shown.
  const usable = snaps.filter((s) => ableIds.has(s.sourceId));
  const shown = usable.length > 0 ? chooseSnapshot(panel, usable, byId) : null;
  const bySource = new Map(usable.map((s) => [s.sourceId, s]));
  const candidates: PanelCandidate[] = able
    .map((s) => {
      const snap = bySource.get(s.id);
      return { sourceId: s.id, name: s.name, kind: s.kind, at: snap?.at ?? null, rows: snap ? snap.data.length : null };
    })
    .sort((a, b) => Number(b.sourceId === shown?.sourceId) - Number(a.sourceId === shown?.sourceId) || a.sourceId - b.sourceId);
  let missing: string | null = null;
  if (able.length === 0) missing = noSource(panel, sources);
  else if (!shown) missing = able.map(notYet).join(' ');
  else if (shown.data.length === 0) {
    const source = byId.get(shown.sourceId);
    missing = source ? emptyAnswer(panel, source) : null;
  }
  return { shown, panel: { candidates, missing } };
}
