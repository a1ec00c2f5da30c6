import { AppFailure } from '../../../shared/contract/result';
import { MAX_LIST_ITEMS, MAX_NAME, MAX_TITLE } from '../../../shared/contract/limits';
import type { DeclareOutcome, EvidenceItem } from '../../../shared/detection/types';
import type { Incident } from '../../../shared/domain/incident';
import type { Severity } from '../../../shared/domain/severity';
import { formatDuration } from '../../../shared/domain/response-metrics';
import { IncidentRepo } from '../../store/incidents/incident-repo';
import { SuggestionRepo, type SuggestionRow } from '../../store/detection/suggestion-repo';
import type { CoreContext } from '../context';
import { newId } from '../ids';

type Deps = Pick<CoreContext, 'db' | 'now' | 'operator' | 'incidents' | 'evidence' | 'playbooks' | 'hub'>;

/** The shortest window worth pinning; a condition seen at one instant still gets a little context. */
const MIN_PIN_MS = 60_000;

function clamp(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The incident summary: what was seen, as the detector wrote it. */
function summaryOf(row: SuggestionRow): string {
  return row.detail.evidence.map((e) => `- ${e.text}`).join('\n');
}

interface Linked {
  pinned: number;
  playbook: DeclareOutcome['playbook'];
  problems: string[];
}

/** Declaring from, attaching and dismissing a suggestion. Each is one transaction with its timeline events. */
export class SuggestionActions {
  private readonly repo: SuggestionRepo;
  private readonly incidentRepo: IncidentRepo;

  constructor(private readonly deps: Deps) {
    this.repo = new SuggestionRepo(deps.db);
    this.incidentRepo = new IncidentRepo(deps.db);
  }

  private require(id: string): SuggestionRow {
    const row = this.repo.get(id);
    if (!row) throw new AppFailure('not-found', 'That suggestion no longer exists.');
    const taken = this.repo.actions(id).find((a) => a.kind === 'declared' || a.kind === 'attached');
    if (taken) {
      throw new AppFailure(
        'invalid-transition',
        `This suggestion was already ${taken.kind} as ${taken.incidentRef ?? 'an incident'} by ${taken.author}.`,
      );
    }
    return row;
  }

  /**
   * Declare in one action: the detector's first match is the detected-at, the start of the condition in
   * the data the impact start; the evidence windows are pinned and the playbook attached in the same
   * transaction. What could not be pinned or attached is recorded on the timeline and returned, never
   * a reason to lose the declaration.
   */
  declare(input: { id: string; severity?: Severity | undefined; title?: string | undefined }): DeclareOutcome & { declared: Incident } {
    const row = this.require(input.id);
    const at = this.deps.now();
    return this.deps.db.transaction(() => {
      const incident = this.deps.incidents.declare({
        title: clamp(input.title ?? row.title, MAX_TITLE),
        summary: summaryOf(row),
        severity: input.severity ?? row.severity,
        services: row.detail.affected.services.slice(0, MAX_LIST_ITEMS).map((s) => clamp(s, MAX_NAME)),
        tenants: [],
        impactStartedAt: Math.min(row.since, at),
        detectedAt: Math.min(row.firstMatchedAt, at),
      });
      const before = formatDuration(at - row.firstMatchedAt);
      const linked = this.link(
        row,
        incident.id,
        at,
        `Declared from a suggested incident: detection first matched ${before} before declaring.`,
      );
      this.repo.insertAction({
        id: newId(),
        suggestionId: row.id,
        kind: 'declared',
        at,
        author: this.deps.operator(),
        reason: '',
        until: null,
        incidentId: incident.id,
        detail: { ...linked },
      });
      return { declared: incident, incident: { id: incident.id, ref: incident.ref, title: incident.title }, ...linked };
    })();
  }

  attach(input: { id: string; incidentId: number }): DeclareOutcome {
    const row = this.require(input.id);
    const head = this.incidentRepo.head(input.incidentId);
    if (!head) throw new AppFailure('not-found', `No incident with id ${input.incidentId}.`);
    if (head.status === 'closed') throw new AppFailure('invalid-transition', `${head.ref} is closed; reopen it or declare a new incident.`);
    const at = this.deps.now();
    const outcome = this.deps.db.transaction(() => {
      const linked = this.link(row, head.id, at, `Suggested incident attached: ${row.title}.`);
      this.repo.insertAction({
        id: newId(),
        suggestionId: row.id,
        kind: 'attached',
        at,
        author: this.deps.operator(),
        reason: '',
        until: null,
        incidentId: head.id,
        detail: { ...linked },
      });
      const inc = this.incidentRepo.get(head.id);
      return { incident: { id: head.id, ref: head.ref, title: inc?.title ?? '' }, ...linked };
    })();
    this.deps.hub.emit('incident:changed', { id: head.id, ref: head.ref });
    return outcome;
  }

  dismiss(input: { id: string; reason: string; forMin: number }): void {
    const row = this.require(input.id);
    const at = this.deps.now();
    this.repo.insertAction({
      id: newId(),
      suggestionId: row.id,
      kind: 'dismissed',
      at,
      author: this.deps.operator(),
      reason: input.reason,
      until: at + input.forMin * 60_000,
      incidentId: null,
      detail: {},
    });
  }

  /** The detector's event on the incident, the pinned evidence and the playbook: inside the caller's transaction. */
  private link(row: SuggestionRow, incidentId: number, at: number, headline: string): Linked {
    const actor = this.deps.operator();
    this.incidentRepo.appendSearchable(
      {
        incidentId,
        at,
        kind: 'detector',
        actor,
        summary: headline,
        data: {
          suggestionId: row.id,
          key: row.key,
          playbookId: row.playbookId,
          firstMatchedAt: row.firstMatchedAt,
          since: row.since,
          sources: row.detail.sources,
          affected: row.detail.affected,
          evidence: row.detail.evidence.map((e) => ({ text: e.text, values: e.values, fromMs: e.fromMs, toMs: e.toMs })),
        },
      },
      `${row.title} ${row.detail.evidence.map((e) => e.text).join(' ')}`,
    );
    const problems: string[] = [];
    let pinned = 0;
    for (const e of row.detail.evidence) {
      if (e.metric === null) continue;
      try {
        this.pin(incidentId, e);
        pinned += 1;
      } catch (err) {
        problems.push(`Evidence not pinned (${e.text}): ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    let playbook: DeclareOutcome['playbook'] = null;
    if (row.playbookId !== null) {
      const id = row.playbookId;
      try {
        // Its own savepoint: a link that fails half-way leaves nothing behind, and the declaration stands.
        this.deps.db.transaction(() => this.deps.playbooks.attach(incidentId, id, at))();
        playbook = { id, attached: true, error: null };
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        playbook = { id, attached: false, error };
        problems.push(`Playbook "${id}" was not attached: ${error}`);
      }
    }
    if (problems.length > 0) {
      // On the timeline, so the commander sees what is missing where the work happens.
      this.incidentRepo.appendEvent({
        incidentId,
        at,
        kind: 'detector',
        actor,
        summary: problems.join(' '),
        data: { suggestionId: row.id, problems },
      });
    }
    return { pinned, playbook, problems };
  }

  private pin(incidentId: number, e: EvidenceItem): void {
    const toMs = Math.max(e.toMs, e.fromMs + 1);
    const fromMs = Math.min(e.fromMs, toMs - MIN_PIN_MS);
    this.deps.evidence.pin({
      kind: 'metric-window',
      id: incidentId,
      metrics: [e.metric ?? ''],
      fromMs,
      toMs,
      match: e.match,
      comment: clamp(e.text, 2_000),
    });
  }
}
