import type Database from 'better-sqlite3';
import { evaluate, type Proposal } from '../../../shared/detection/evaluate';
import type { DetectionSettings } from '../../../shared/detection/settings';
import type { DetectionFrame, RuleStatus } from '../../../shared/detection/types';
import type { PushedEvents } from '../../../shared/contract/events';
import { SuggestionRepo, type SuggestionDetail, type SuggestionRow } from '../../store/detection/suggestion-repo';
import { newId } from '../ids';

export interface DetectorDeps {
  db: Database.Database;
  /** The open incident already dealing with a condition, if any (then it is offered as "attach to …"). */
  coveredBy?: (key: string, playbookId: string | null) => { ref: string } | null;
  now: () => number;
  author: () => string;
  settings: () => DetectionSettings;
  readFrame: (settings: DetectionSettings, now: number) => DetectionFrame;
  emit: <E extends 'detection:suggested' | 'detection:changed'>(event: E, payload: PushedEvents[E]) => void;
  log: (message: string, err?: unknown) => void;
}

export interface EvaluationStats {
  evaluations: number;
  /** Time of the last evaluation (read + rules + write), and the sum of all. */
  lastMs: number;
  totalMs: number;
  /** The newest evaluations' times (for the bench's median), at most 1,000. */
  samples: number[];
}

function detailOf(p: Proposal): SuggestionDetail {
  return { sources: p.sources, affected: p.affected, evidence: p.evidence };
}

/**
 * Turns each evaluation's proposals into suggestions that persist: one open row per key, kept up to
 * date while its condition matches, closed once it has been gone for `clearAfterSec`. A dismissal
 * keeps the key quiet until it runs out, even across a clear and a return; a condition covered by an
 * open incident is still suggested, as "attach to INC-…".
 */
export class Detector {
  private readonly repo: SuggestionRepo;
  private rules: RuleStatus[] = [];
  private evaluatedAt: number | null = null;
  readonly stats: EvaluationStats = { evaluations: 0, lastMs: 0, totalMs: 0, samples: [] };

  constructor(private readonly deps: DetectorDeps) {
    this.repo = new SuggestionRepo(deps.db);
  }

  get lastRules(): RuleStatus[] {
    return this.rules;
  }

  get lastEvaluatedAt(): number | null {
    return this.evaluatedAt;
  }

  /** One evaluation over what is stored now. Never throws: a failing evaluation is logged, the poller goes on. */
  evaluate(): void {
    const t0 = performance.now();
    try {
      const now = this.deps.now();
      const settings = this.deps.settings();
      const { rules, proposals } = evaluate(this.deps.readFrame(settings, now), settings);
      const before = JSON.stringify(this.rules.map((r) => [r.rule, r.state, r.detail]));
      this.rules = rules;
      this.evaluatedAt = now;
      const { suggested, changed } = this.deps.db.transaction(() => this.reconcile(proposals, settings, now))();
      for (const s of suggested) this.deps.emit('detection:suggested', s);
      if (changed || suggested.length > 0 || before !== JSON.stringify(rules.map((r) => [r.rule, r.state, r.detail]))) {
        this.deps.emit('detection:changed', { evaluatedAt: now });
      }
    } catch (err) {
      this.deps.log('detection could not evaluate the stored telemetry', err);
    } finally {
      const ms = performance.now() - t0;
      this.stats.evaluations += 1;
      this.stats.lastMs = ms;
      this.stats.totalMs += ms;
      this.stats.samples.push(ms);
      if (this.stats.samples.length > 1_000) this.stats.samples.shift();
    }
  }

  private reconcile(
    proposals: readonly Proposal[],
    settings: DetectionSettings,
    now: number,
  ): { suggested: PushedEvents['detection:suggested'][]; changed: boolean } {
    const open = new Map(this.repo.open().map((r) => [r.key, r]));
    const suggested: PushedEvents['detection:suggested'][] = [];
    let changed = false;
    for (const p of proposals) {
      let row = open.get(p.key) ?? null;
      open.delete(p.key);
      if (row && this.outlived(row, now)) {
        changed = true;
        row = null;
      }
      if (row) {
        const detail = detailOf(p);
        const visible = row.title !== p.title || row.severity !== p.severity || JSON.stringify(row.detail) !== JSON.stringify(detail);
        this.repo.update({
          id: row.id,
          title: p.title,
          severity: p.severity,
          since: Math.min(row.since, p.since),
          lastMatchedAt: now,
          detail,
        });
        changed ||= visible;
        continue;
      }
      const id = newId();
      this.repo.insert({
        id,
        key: p.key,
        playbookId: p.playbookId,
        title: p.title,
        severity: p.severity,
        firstMatchedAt: now,
        since: Math.min(p.since, now),
        lastMatchedAt: now,
        detail: detailOf(p),
        author: this.deps.author(),
      });
      changed = true;
      // Dismissed means "not again for a while", also when the condition cleared and came back meanwhile.
      const dismissal = this.repo.dismissedUntil(p.key, now);
      if (dismissal) {
        this.repo.insertAction({
          id: newId(),
          suggestionId: id,
          kind: 'dismissed',
          at: now,
          author: dismissal.author,
          reason: dismissal.reason,
          until: dismissal.until,
          incidentId: null,
          detail: { continues: dismissal.id },
        });
        continue;
      }
      suggested.push({
        id,
        key: p.key,
        playbookId: p.playbookId,
        title: p.title,
        severity: p.severity,
        coveredBy: (this.deps.coveredBy ? this.deps.coveredBy(p.key, p.playbookId) : this.repo.coveredBy(p.key))?.ref ?? null,
      });
    }
    for (const row of open.values()) {
      if (now - row.lastMatchedAt >= settings.clearAfterSec * 1000) {
        this.repo.close(row.id, now, 'cleared');
        changed = true;
      }
    }
    return { suggested, changed };
  }

  /**
   * A row that no longer speaks for its still-matching condition: its dismissal ran out, or the
   * incident it became was resolved. It is closed so the condition is suggested afresh.
   */
  private outlived(row: SuggestionRow, now: number): boolean {
    const last = this.repo.actions(row.id).at(-1);
    if (!last) return false;
    if (last.kind === 'dismissed' && last.until !== null && last.until <= now) {
      this.repo.close(row.id, now, 'dismissal-expired');
      return true;
    }
    if (
      (last.kind === 'declared' || last.kind === 'attached') &&
      (last.incidentStatus === 'resolved' || last.incidentStatus === 'closed')
    ) {
      this.repo.close(row.id, now, 'incident-closed');
      return true;
    }
    return false;
  }
}
