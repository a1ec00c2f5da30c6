import type { postmortemChannels } from '../../../shared/contract/postmortems';
import type { CoreContext } from '../context';
import type { HandlersFor } from '../handlers';
import { ActionService } from './action-service';
import { PostmortemService } from './postmortem-service';

export function postmortemHandlers(ctx: CoreContext): HandlersFor<typeof postmortemChannels> {
  const actions = new ActionService(ctx);
  const postmortems = new PostmortemService(ctx, actions);
  return {
    'postmortem:get': (i) => postmortems.get(i.incidentId),
    'postmortem:draft': (i) => postmortems.draft(i),
    'postmortem:save': (i) => postmortems.save(i),
    'postmortem:snapshot': (i) => postmortems.snapshot(i.incidentId),
    'postmortem:list-versions': (i) => postmortems.versions(i.incidentId),
    'postmortem:get-version': (i) => postmortems.version(i.incidentId, i.versionId),
    'postmortem:restore-version': (i) => postmortems.restore(i),
    'action:list': (i) => actions.list(i),
    'action:create': (i) => actions.create(i),
    'action:update': (i) => actions.update(i),
  };
}
