import { CommandView } from '../command/CommandView';
import { Timeline } from './Timeline';
import type { IncidentTabProps } from './incident-tabs';

/**
 * The live incident on one screen: the platform picture (chart, GPUs, queues, storage, auth), the
 * logs, and the timeline's newest entries beside them. Scope, key times and roles are one key away
 * (the Details tab); severity, status and the clocks are in the header above every tab.
 */
export function CommandTab({ incident, timeline }: IncidentTabProps) {
  return <CommandView incident={incident} timeline={timeline} logsAside={<Timeline incident={incident} events={timeline} />} />;
}
