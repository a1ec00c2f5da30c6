import type { commandChannels } from '../../../shared/contract/command/command';
import { AppFailure } from '../../../shared/contract/result';
import type { CoreContext } from '../context';
import type { HandlersFor } from '../handlers';
import type { CommandDomain } from './create-command';
import { markEngaged } from './escalation';

export function commandHandlers(ctx: CoreContext, d: CommandDomain): HandlersFor<typeof commandChannels> {
  return {
    'command:get-state': (i) => d.records.state(i.id, ctx.policy.get(), ctx.now(), d.openChecklist(i.id)),
    'command:mark-engaged': (i) => markEngaged(ctx, d.records, i.id, i.level),
    'command:snooze': (i) => d.notifier.snooze(i),
    'command:list-notices': () => d.notifier.recent(),
    'command:copy-text': (i) => {
      const clipboard = ctx.platform.clipboard;
      if (!clipboard)
        throw new AppFailure('unavailable', 'This host has no clipboard Pitwall can write to; the page copies the text itself.');
      clipboard.writeText(i.text);
      return { copied: true };
    },
    'comms:get-settings': () => d.comms.get(),
    'comms:save-template': (i) => d.comms.saveTemplate(i),
    'comms:reset-template': (i) => d.comms.resetTemplate(i.id),
    'comms:set-status-page': (i) => d.comms.setStatusPage(i.url),
    'comms:mark-sent': (i) => d.comms.markSent(i),
    'mitigation:list-queues': (i) => d.mitigations.listQueues(i.sourceId),
    'mitigation:pause-queue': (i) => d.mitigations.queue(i, 'pause'),
    'mitigation:resume-queue': (i) => d.mitigations.queue(i, 'resume'),
    'mitigation:propose-silence': (i) => d.mitigations.proposeSilence(i.id),
    'mitigation:create-silence': (i) => d.mitigations.createSilence(i),
    'mitigation:expire-silence': (i) => d.mitigations.expireSilence(i.id, i.mitigationId),
  };
}
