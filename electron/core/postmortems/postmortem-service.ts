import type { ParsedInput } from '../../../shared/contract/channels';
import { AppFailure } from '../../../shared/contract/result';
import {
  TEMPLATE_INFO,
  VERSION_SPACING_MS,
  type Postmortem,
  type PostmortemVersion,
  type PostmortemVersionMeta,
  type SaveOutcome,
} from '../../../shared/domain/postmortem';
import { METRICS } from '../../../shared/domain/telemetry';
import { IncidentRepo } from '../../store/incidents/incident-repo';
import { eventTexts } from '../../store/postmortems/event-text';
import { PostmortemRepo } from '../../store/postmortems/postmortem-repo';
import type { CoreContext } from '../context';
import { newId } from '../ids';
import type { ActionService } from './action-service';
import { draftPostmortem } from './draft';
import { gatherFacts } from './facts';
import { impactWindow } from './impact';

type Deps = Pick<CoreContext, 'db' | 'now' | 'operator' | 'hub' | 'incidents' | 'telemetry'>;

/** GPU samples read before the window, so a GPU that vanished at impact start is still seen (impact.ts). */
const GPU_LEAD_IN_MS = 10 * 60_000;
const GPU_POINTS_PER_SERIES = 2_000;

function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

/**
 * Postmortems: drafted from the stored incident in a seed template, then autosaved as the commander
 * types. Saves are cheap (the text and its search entry); versions are kept at most every
 * VERSION_SPACING_MS, plus before any restore or redraft, so nothing the commander wrote is ever
 * lost to an action of theirs. Drafting and restoring are timeline events; autosaves are not.
 */
export class PostmortemService {
  private readonly repo: PostmortemRepo;
  private readonly incidentRepo: IncidentRepo;

  constructor(
    private readonly deps: Deps,
    private readonly actions: ActionService,
  ) {
    this.repo = new PostmortemRepo(deps.db);
    this.incidentRepo = new IncidentRepo(deps.db);
  }

  get(incidentId: number): Postmortem | null {
    this.head(incidentId);
    return this.repo.get(incidentId);
  }

  draft(input: ParsedInput<'postmortem:draft'>): Postmortem {
    const { incident, timeline } = this.deps.incidents.get(input.incidentId);
    const at = this.deps.now();
    const author = this.deps.operator();
    const w = impactWindow(incident, at);
    const gpuSeries = this.deps.telemetry.copyWindow(
      [METRICS.gpuMemoryShare],
      w.fromMs - GPU_LEAD_IN_MS,
      Math.max(w.toMs, w.fromMs + 1),
      {},
      GPU_POINTS_PER_SERIES,
    );
    const comms = timeline.filter((e) => e.kind === 'comms').map((e) => e.id);
    const facts = gatherFacts({
      incident,
      timeline,
      gpuSeries,
      actionItems: this.actions.forIncident(incident.id),
      eventTexts: eventTexts(this.deps.db, comms),
      author,
      nowMs: at,
    });
    const body = draftPostmortem(input.template, facts);
    this.deps.db.transaction(() => {
      const existing = this.repo.get(incident.id);
      if (existing && !input.replace) {
        throw new AppFailure(
          'conflict',
          `${incident.ref} already has a postmortem. Redrafting replaces its text; the current text is kept as a version first.`,
        );
      }
      let id: string;
      if (existing) {
        id = existing.id;
        this.repo.addVersion({ id: newId(), postmortemId: id, at, author, reason: 'before-redraft', body: existing.body });
        this.repo.update({ id, incidentId: incident.id, template: input.template, body, at, author });
      } else {
        id = newId();
        this.repo.insert({ id, incidentId: incident.id, template: input.template, body, at, author });
      }
      this.repo.addVersion({ id: newId(), postmortemId: id, at, author, reason: 'drafted', body });
      this.incidentRepo.appendEvent({
        incidentId: incident.id,
        at,
        kind: 'postmortem',
        actor: author,
        summary: `Postmortem ${existing ? 'redrafted' : 'drafted'} from the ${TEMPLATE_INFO[input.template].label.toLowerCase()} template (${TEMPLATE_INFO[input.template].source})`,
        data: { template: input.template, postmortemId: id },
      });
    })();
    return this.changed(incident, true);
  }

  save(input: ParsedInput<'postmortem:save'>): SaveOutcome {
    const inc = this.head(input.incidentId);
    const at = this.deps.now();
    const author = this.deps.operator();
    const outcome = this.deps.db.transaction((): SaveOutcome => {
      const pm = this.requirePostmortem(inc);
      if (pm.body === input.body) return { revision: pm.revision, updatedAt: pm.updatedAt, unchanged: true, version: null };
      this.checkRevision(pm, input.revision, inc.ref);
      this.repo.update({ id: pm.id, incidentId: inc.id, template: pm.template, body: input.body, at, author });
      const latest = this.repo.latestVersion(pm.id);
      const version =
        latest === null || at - latest.at >= VERSION_SPACING_MS
          ? this.repo.addVersion({ id: newId(), postmortemId: pm.id, at, author, reason: 'autosave', body: input.body })
          : null;
      return { revision: pm.revision + 1, updatedAt: at, unchanged: false, version };
    })();
    if (!outcome.unchanged) this.deps.hub.emit('postmortem:saved', { incidentId: inc.id, revision: outcome.revision });
    return outcome;
  }

  /** "Save as version" now, whatever the spacing; an unchanged text since the last version gives that version back. */
  snapshot(incidentId: number): PostmortemVersionMeta {
    const inc = this.head(incidentId);
    return this.deps.db.transaction(() => {
      const pm = this.requirePostmortem(inc);
      const latest = this.repo.versions(pm.id)[0];
      if (latest && this.repo.version(pm.id, latest.id)?.body === pm.body) return latest;
      return this.repo.addVersion({
        id: newId(),
        postmortemId: pm.id,
        at: this.deps.now(),
        author: this.deps.operator(),
        reason: 'manual',
        body: pm.body,
      });
    })();
  }

  versions(incidentId: number): PostmortemVersionMeta[] {
    const pm = this.requirePostmortem(this.head(incidentId));
    return this.repo.versions(pm.id);
  }

  version(incidentId: number, versionId: string): PostmortemVersion {
    const inc = this.head(incidentId);
    const v = this.repo.version(this.requirePostmortem(inc).id, versionId);
    if (!v) throw new AppFailure('not-found', `No such version of the ${inc.ref} postmortem.`);
    return v;
  }

  restore(input: ParsedInput<'postmortem:restore-version'>): Postmortem {
    const inc = this.head(input.incidentId);
    const at = this.deps.now();
    const author = this.deps.operator();
    this.deps.db.transaction(() => {
      const pm = this.requirePostmortem(inc);
      this.checkRevision(pm, input.revision, inc.ref);
      const v = this.repo.version(pm.id, input.versionId);
      if (!v) throw new AppFailure('not-found', `No such version of the ${inc.ref} postmortem.`);
      this.repo.addVersion({ id: newId(), postmortemId: pm.id, at, author, reason: 'before-restore', body: pm.body });
      this.repo.update({ id: pm.id, incidentId: inc.id, template: pm.template, body: v.body, at, author });
      this.repo.addVersion({ id: newId(), postmortemId: pm.id, at, author, reason: 'restored', restoredFrom: v.id, body: v.body });
      this.incidentRepo.appendEvent({
        incidentId: inc.id,
        at,
        kind: 'postmortem',
        actor: author,
        summary: `Postmortem restored to the version of ${new Date(v.at).toISOString().slice(0, 10)} ${clock(v.at)} by ${v.author} (${v.chars} characters); the text it replaced was kept as a version`,
        data: { versionId: v.id, postmortemId: pm.id },
      });
    })();
    return this.changed(inc, true);
  }

  private head(incidentId: number): { id: number; ref: string } {
    const head = this.incidentRepo.head(incidentId);
    if (!head) throw new AppFailure('not-found', `No incident with id ${incidentId}.`);
    return head;
  }

  private requirePostmortem(inc: { id: number; ref: string }): Postmortem {
    const pm = this.repo.get(inc.id);
    if (!pm) throw new AppFailure('not-found', `${inc.ref} has no postmortem yet; draft one first.`);
    return pm;
  }

  private checkRevision(pm: Postmortem, revision: number, ref: string): void {
    if (pm.revision === revision) return;
    throw new AppFailure(
      'conflict',
      `The ${ref} postmortem was changed elsewhere (by ${pm.updatedBy} at ${clock(pm.updatedAt)}) since this text was loaded. ` +
        'Nothing was overwritten, and your text is still in the editor: copy it, reload the postmortem, and merge.',
    );
  }

  private changed(inc: { id: number; ref: string }, timeline: boolean): Postmortem {
    const pm = this.repo.get(inc.id);
    if (!pm) throw new AppFailure('internal', `The ${inc.ref} postmortem vanished while it was written.`);
    this.deps.hub.emit('postmortem:saved', { incidentId: inc.id, revision: pm.revision });
    if (timeline) this.deps.hub.emit('incident:changed', { id: inc.id, ref: inc.ref });
    return pm;
  }
}
