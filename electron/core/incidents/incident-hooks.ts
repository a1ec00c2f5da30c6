import type { Incident } from '../../../shared/domain/incident';
import type { Severity } from '../../../shared/domain/severity';
import type { Status } from '../../../shared/domain/status';

/**
 * What other domains do when an incident changes, run INSIDE the transaction that changes it (a
 * throw rolls the change back): the first-response checklist attached at declaration, the
 * post-incident checklist at resolution, due items re-planned on a severity change. `incident` is
 * the state after the change. Hooks write their own timeline events through their own repos.
 */
export interface IncidentHookMap {
  declared: (incident: Incident, at: number) => void;
  statusChanged: (incident: Incident, from: Status, at: number) => void;
  severityChanged: (incident: Incident, from: Severity, at: number) => void;
  timeChanged: (incident: Incident, field: string, from: number | null, at: number) => void;
}

export class IncidentHooks {
  private readonly hooks: { [K in keyof IncidentHookMap]: IncidentHookMap[K][] } = {
    declared: [],
    statusChanged: [],
    severityChanged: [],
    timeChanged: [],
  };

  on<K extends keyof IncidentHookMap>(kind: K, hook: IncidentHookMap[K]): void {
    this.hooks[kind].push(hook);
  }

  run<K extends keyof IncidentHookMap>(kind: K, ...args: Parameters<IncidentHookMap[K]>): void {
    for (const hook of this.hooks[kind]) (hook as (...a: Parameters<IncidentHookMap[K]>) => void)(...args);
  }
}
