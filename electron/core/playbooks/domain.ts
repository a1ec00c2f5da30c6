import type { CoreContext } from '../context';
import { ChecklistService } from './checklist-service';
import { EvidenceReader } from './evidence-reader';
import { PlaybookLibrary } from './library';

export interface PlaybooksDomain {
  library: PlaybookLibrary;
  checklists: ChecklistService;
  evidence: EvidenceReader;
}

/**
 * The playbooks domain from the core context: the library, checklists on incidents and live
 * evidence. It attaches the first-response checklist at declaration and the post-incident one at
 * resolution (inside those changes' transactions), and installs itself as `ctx.playbooks` so other
 * domains (detection declaring from a suggestion) can attach a playbook in their own transaction.
 */
export function createPlaybooks(ctx: CoreContext): PlaybooksDomain {
  const library = new PlaybookLibrary({
    db: ctx.db,
    operator: ctx.operator,
    now: ctx.now,
    onChanged: (id) => ctx.hub.emit('playbook:changed', { id }),
  });
  // Evidence reads the stores the command view reads; sources carry the poller's health.
  const evidence = new EvidenceReader({ telemetry: ctx.telemetry, sources: () => ctx.sources.list(), now: ctx.now });
  const checklists = new ChecklistService({
    db: ctx.db,
    operator: ctx.operator,
    now: ctx.now,
    library,
    readEvidence: (item) => evidence.read(item.evidence ?? []),
    onChanged: (incident, checklistId) => {
      ctx.hub.emit('incident:changed', incident);
      ctx.hub.emit('checklist:changed', { incidentId: incident.id, checklistId });
    },
  });
  ctx.incidents.hooks.on('declared', (incident, at) => {
    checklists.attachIfMissing(incident.id, 'first-response', at);
  });
  ctx.incidents.hooks.on('statusChanged', (incident, _from, at) => {
    if (incident.status === 'resolved') checklists.attachIfMissing(incident.id, 'post-incident', at);
  });
  ctx.playbooks = {
    attach: (incidentId, playbookId, at) => {
      checklists.attachIfMissing(incidentId, playbookId, at);
    },
    checklists: (incidentId) => checklists.list(incidentId),
  };
  return { library, checklists, evidence };
}
