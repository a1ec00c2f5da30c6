import { AppFailure } from '../../../shared/contract/result';
import { readDetectionSettings, type DetectionSettings } from '../../../shared/detection/settings';
import type { DeclareOutcome, DetectionView, Suggestion, SuggestionState } from '../../../shared/detection/types';
import type { Severity } from '../../../shared/domain/severity';
import { SettingsRepo } from '../../store/settings-repo';
import { SuggestionRepo, type SuggestionRow } from '../../store/detection/suggestion-repo';
import { DetectionWindows } from '../../store/detection/window-store';
import type { CoreContext } from '../context';
import { Detector } from './detector';
import { readFrame } from './frame-reader';
import { SuggestionActions } from './suggestion-actions';

export const DETECTION_SETTINGS_KEY = 'detection';
/** Polls of several sources land within a moment of each other: one evaluation after the burst. */
const COALESCE_MS = 250;
/** With nothing polled (every source down) "no data" must still come: re-read the store this often. */
const IDLE_EVALUATE_MS = 15_000;
/** How far back the console lists suggestions that were dismissed, cleared, declared or attached. */
const RECENT_MS = 3 * 3_600_000;

type Deps = Pick<
  CoreContext,
  'db' | 'now' | 'operator' | 'hub' | 'log' | 'incidents' | 'evidence' | 'playbooks' | 'telemetry' | 'sources' | 'runtime' | 'onClose'
>;

/**
 * Suggested incidents: detection evaluated on the poll path (after each stored poll, coalesced), the
 * suggestions it keeps, and the commander's answers to them.
 */
export class DetectionService {
  readonly detector: Detector;
  private readonly repo: SuggestionRepo;
  private readonly actions: SuggestionActions;
  private readonly settingsRepo: SettingsRepo;
  private settings: DetectionSettings;
  private pending: ReturnType<typeof setTimeout> | null = null;
  private readonly windows: DetectionWindows;

  constructor(private readonly deps: Deps) {
    this.settingsRepo = new SettingsRepo(deps.db);
    this.settings = readDetectionSettings(this.settingsRepo.read(DETECTION_SETTINGS_KEY));
    this.repo = new SuggestionRepo(deps.db);
    this.actions = new SuggestionActions(deps);
    this.windows = new DetectionWindows(deps.db, (specs, toMs) => deps.telemetry.readWindows(specs, toMs));
    this.detector = new Detector({
      db: deps.db,
      coveredBy: (key, playbookId) => this.coveredBy(key, playbookId),
      now: deps.now,
      author: deps.operator,
      settings: () => this.settings,
      readFrame: (settings, now) =>
        readFrame(
          {
            windows: (specs, toMs) => this.windows.read(specs, toMs),
            getSnapshot: () => deps.telemetry.getSnapshot(),
            sources: () => deps.sources.list(),
          },
          settings,
          now,
        ),
      emit: (event, payload) => deps.hub.emit(event, payload),
      log: deps.log,
    });
  }

  /** Evaluates after stored polls (and now and then without any, so a dead source reads "no data"). */
  start(): void {
    const off = this.deps.runtime.onRecorded((sourceId, at) => {
      this.windows.recorded(sourceId, at);
      this.schedule();
    });
    const idle = setInterval(() => this.tick(), IDLE_EVALUATE_MS);
    idle.unref();
    this.deps.onClose(() => {
      off();
      this.windows.close();
      clearInterval(idle);
      if (this.pending) clearTimeout(this.pending);
      this.pending = null;
    });
    this.schedule();
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.detector.evaluate();
    }, COALESCE_MS);
    this.pending.unref();
  }

  /** Evaluates if nothing did for a while (no source stored anything): staleness must become "no data". */
  tick(): void {
    const last = this.detector.lastEvaluatedAt;
    if (last === null || this.deps.now() - last >= IDLE_EVALUATE_MS) this.schedule();
  }

  /** Runs a scheduled evaluation now (tests and the bench step a fake clock and wait for it). */
  settle(): void {
    if (!this.pending) return;
    clearTimeout(this.pending);
    this.pending = null;
    this.detector.evaluate();
  }

  getSettings(): DetectionSettings {
    return this.settings;
  }

  setSettings(next: DetectionSettings): DetectionSettings {
    this.settingsRepo.write(DETECTION_SETTINGS_KEY, next);
    this.settings = readDetectionSettings(next);
    this.detector.evaluate();
    return this.settings;
  }

  view(): DetectionView {
    const now = this.deps.now();
    const suggestions = this.repo
      .recent(now - RECENT_MS)
      .map((row) => this.toSuggestion(row, now))
      .sort((a, b) => rank(a.state) - rank(b.state) || b.lastMatchedAt - a.lastMatchedAt);
    const openIncidents = this.deps.incidents
      .list({ search: '', includeClosed: false, limit: 50 })
      .filter((i) => i.status !== 'resolved')
      .map((i) => ({ id: i.id, ref: i.ref, title: i.title, severity: i.severity }));
    return {
      suggestions,
      rules: this.detector.lastRules,
      evaluatedAt: this.detector.lastEvaluatedAt,
      openIncidents,
      dismissMin: this.settings.dismissMin,
    };
  }

  declare(input: { id: string; severity?: Severity | undefined; title?: string | undefined }): DeclareOutcome {
    // The lead-in is backfilled by the backfill domain's 'declared' hook, as for any declaration.
    const { declared: _declared, ...outcome } = this.actions.declare(input);
    this.deps.hub.emit('detection:changed', { evaluatedAt: this.deps.now() });
    return outcome;
  }

  attach(input: { id: string; incidentId: number }): DeclareOutcome {
    const outcome = this.actions.attach(input);
    this.deps.hub.emit('detection:changed', { evaluatedAt: this.deps.now() });
    return outcome;
  }

  dismiss(input: { id: string; reason: string; forMin?: number | undefined }): Suggestion {
    this.actions.dismiss({ ...input, forMin: input.forMin ?? this.settings.dismissMin });
    this.deps.hub.emit('detection:changed', { evaluatedAt: this.deps.now() });
    const row = this.repo.get(input.id);
    if (!row) throw new AppFailure('not-found', 'That suggestion no longer exists.');
    return this.toSuggestion(row, this.deps.now());
  }

  /**
   * The open incident already dealing with a condition: the one a suggestion of the same key was
   * declared as or attached to, else one whose checklists include the proposed playbook (attached by
   * hand, or by an alert that named it).
   */
  private coveredBy(key: string, playbookId: string | null): Suggestion['coveredBy'] {
    const linked = this.repo.coveredBy(key);
    if (linked || playbookId === null) return linked;
    for (const i of this.deps.incidents.list({ search: '', includeClosed: false, limit: 50 })) {
      if (i.status === 'resolved') continue;
      if (this.deps.playbooks.checklists(i.id).some((c) => c.playbook.id === playbookId)) return { id: i.id, ref: i.ref, title: i.title };
    }
    return null;
  }

  private toSuggestion(row: SuggestionRow, now: number): Suggestion {
    const last = this.repo.actions(row.id).at(-1) ?? null;
    let state: SuggestionState = row.closedAt === null ? 'active' : 'cleared';
    if (last?.kind === 'declared' || last?.kind === 'attached') state = last.kind;
    else if (last?.kind === 'dismissed' && (last.until ?? 0) > now) state = 'dismissed';
    const covered = state === 'active' ? this.coveredBy(row.key, row.playbookId) : null;
    return {
      id: row.id,
      key: row.key,
      playbookId: row.playbookId,
      title: row.title,
      severity: row.severity,
      state,
      firstMatchedAt: row.firstMatchedAt,
      since: row.since,
      lastMatchedAt: row.lastMatchedAt,
      clearedAt: row.closedAt,
      sources: row.detail.sources,
      affected: row.detail.affected,
      evidence: row.detail.evidence,
      coveredBy: covered,
      action: last
        ? {
            id: last.id,
            kind: last.kind,
            at: last.at,
            author: last.author,
            reason: last.reason,
            until: last.until,
            incident: last.incidentId !== null ? { id: last.incidentId, ref: last.incidentRef ?? '' } : null,
            problems: last.problems,
          }
        : null,
    };
  }
}

function rank(state: SuggestionState): number {
  return state === 'active' ? 0 : 1;
}
