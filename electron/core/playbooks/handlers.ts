import type { playbookChannels } from '../../../shared/contract/playbooks';
import type { HandlersFor } from '../handlers';
import type { PlaybooksDomain } from './domain';

export function playbookHandlers({ library, checklists, evidence }: PlaybooksDomain): HandlersFor<typeof playbookChannels> {
  return {
    'playbook:list': () => library.list(),
    'playbook:get': (i) => library.get(i.id, i.version),
    'playbook:save': (i) => library.save(i),
    'playbook:duplicate': (i) => library.duplicate(i),
    'playbook:delete': (i) => library.delete(i.id),
    'playbook:import': (i) => library.import(i),
    'playbook:export': (i) => library.export(i),
    'playbook:read-evidence': (i) => evidence.read(i.queries),
    'checklist:list': (i) => checklists.list(i.incidentId),
    'checklist:attach': (i) => checklists.attach(i.incidentId, i.playbookId),
    'checklist:act': (i) => checklists.act(i),
    'checklist:progress': (i) => checklists.progress(i.incidentIds),
  };
}
