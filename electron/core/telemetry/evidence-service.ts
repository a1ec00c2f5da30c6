import type Database from 'better-sqlite3';
import type { ParsedInput } from '../../../shared/contract/channels';
import { AppFailure } from '../../../shared/contract/result';
import type { TimelineEvent } from '../../../shared/domain/incident';
import { metricTitle, type SeriesData } from '../../../shared/domain/telemetry';
import { nsToMs } from '../../sources/loki';
import { IncidentRepo } from '../../store/incidents/incident-repo';

type PinInput = ParsedInput<'incident:pin-evidence'>;

export interface EvidenceDeps {
  db: Database.Database;
  operator: () => string;
  now?: () => number;
  onChanged?: (incident: { id: number; ref: string }) => void;
  /** Copies stored series for a window (the telemetry store); evidence must not depend on a source still answering. */
  copyWindow: (metrics: readonly string[], fromMs: number, toMs: number, match: Record<string, string>, maxPoints: number) => SeriesData[];
  sourceName: (id: number) => string | null;
}

/** Enough to redraw a pinned window in a report; pinning a day at full resolution would bloat the timeline. */
const PINNED_POINTS_PER_SERIES = 400;
const PINNED_MAX_SERIES = 64;

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

/**
 * Evidence pinned to an incident's timeline. The data itself is copied into the
 * event (in the same transaction), so a report written offline next week shows
 * exactly what the commander saw, even if the source is gone by then.
 */
export class EvidenceService {
  private readonly repo: IncidentRepo;

  constructor(private readonly deps: EvidenceDeps) {
    this.repo = new IncidentRepo(deps.db);
  }

  pin(input: PinInput): TimelineEvent {
    // Like notes, evidence may be added after close: postmortem work goes on.
    const head = this.repo.head(input.id);
    if (!head) throw new AppFailure('not-found', `No incident with id ${input.id}.`);
    const at = (this.deps.now ?? Date.now)();
    const actor = this.deps.operator();
    const event = this.deps.db.transaction(() => {
      if (input.kind === 'log-line') {
        const { line } = input;
        const tMs = nsToMs(line.tNs);
        const source = input.sourceId === undefined ? null : this.deps.sourceName(input.sourceId);
        const firstLine = line.line.split('\n', 1)[0] ?? '';
        const shown = firstLine.length > 160 ? `${firstLine.slice(0, 160)}…` : firstLine;
        return this.repo.appendSearchable(
          {
            incidentId: head.id,
            at,
            kind: 'pin-log',
            actor,
            summary: `Pinned log line (${clock(tMs)} UTC): ${shown}${input.comment ? ` — ${input.comment}` : ''}`,
            data: {
              sourceId: input.sourceId ?? null,
              source,
              query: input.query,
              tNs: line.tNs,
              tMs,
              labels: line.labels,
              line: line.line,
              comment: input.comment,
            },
          },
          `${line.line} ${input.comment}`,
        );
      }
      const series = this.deps
        .copyWindow(input.metrics, input.fromMs, input.toMs, input.match, PINNED_POINTS_PER_SERIES)
        .slice(0, PINNED_MAX_SERIES);
      if (series.length === 0) {
        throw new AppFailure(
          'not-found',
          `No stored ${input.metrics.map(metricTitle).join(' or ')} samples between ${clock(input.fromMs)} and ${clock(input.toMs)} UTC; nothing to pin.`,
        );
      }
      const what = input.metrics.map(metricTitle).join(' + ');
      return this.repo.appendSearchable(
        {
          incidentId: head.id,
          at,
          kind: 'pin-metric',
          actor,
          summary: `Pinned ${what}, ${clock(input.fromMs)}–${clock(input.toMs)} UTC (${series.length} series)${input.comment ? ` — ${input.comment}` : ''}`,
          data: { metrics: input.metrics, fromMs: input.fromMs, toMs: input.toMs, match: input.match, series, comment: input.comment },
        },
        `${what} ${input.comment}`,
      );
    })();
    this.deps.onChanged?.({ id: head.id, ref: head.ref });
    return event;
  }
}
