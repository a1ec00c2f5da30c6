import type { incidentChannels } from '../../../shared/contract/incidents';
import type { CoreContext } from '../context';
import type { HandlersFor } from '../handlers';

export function incidentHandlers(ctx: CoreContext): HandlersFor<typeof incidentChannels> {
  const { incidents, policy } = ctx;
  return {
    'incident:list': (i) => incidents.list(i),
    'incident:get': (i) => incidents.get(i.id),
    // The lead-in is backfilled by the backfill domain's 'declared' hook (core/backfill).
    'incident:declare': (i) => incidents.declare(i),
    'incident:set-severity': (i) => incidents.setSeverity(i),
    'incident:set-status': (i) => incidents.setStatus(i),
    'incident:set-time': (i) => incidents.setTime(i),
    'incident:acknowledge': (i) => incidents.acknowledge(i.id),
    'incident:assign-role': (i) => incidents.assignRole(i),
    'incident:edit': (i) => incidents.edit(i),
    'incident:add-note': (i) => incidents.addNote(i),
    'policy:get': () => policy.get(),
    'policy:set': (i) => policy.set(i),
  };
}
