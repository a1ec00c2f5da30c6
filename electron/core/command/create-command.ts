import type { PushedEvents } from '../../../shared/contract/events';
import type { CoreContext } from '../context';
import { pageNotifier } from '../../platform/notifier';
import { CommandRecords } from './command-records';
import { CommsService } from './comms-service';
import { DueNotifier } from './due-notifier';
import { MitigationService } from './mitigation-service';

/** Silences left to expire after a failure (source down at resolve time) are retried this often. */
const EXPIRE_RETRY_MS = 30_000;

export interface CommandDomain {
  records: CommandRecords;
  notifier: DueNotifier;
  comms: CommsService;
  mitigations: MitigationService;
  /** Open checklist items for handoff notes; the playbooks domain sets it when it exists. */
  openChecklist: (incidentId: number) => string[] | null;
}

/**
 * Incident command from the core context: due items and their notifications, comms, mitigations.
 * Starts the due check and the expire-on-resolve watcher; both stop before the database closes.
 * A detector's suggestion reaches the IC through `notifier.notifySuggestion` (one line in app.ts).
 */
export function createCommand(ctx: CoreContext, opts: { background?: boolean } = {}): CommandDomain {
  const records = new CommandRecords(ctx.db, ctx.hub);
  const notifier = new DueNotifier(ctx, records, ctx.platform.notifier ?? pageNotifier);
  const comms = new CommsService(ctx, records);
  const mitigations = new MitigationService(ctx, records);
  const domain: CommandDomain = { records, notifier, comms, mitigations, openChecklist: () => null };
  if (opts.background === false) return domain;

  const expire = (ids?: number[]): void => {
    mitigations.expireOnResolve(ids).catch((err: unknown) => ctx.log('expiring silences on resolve failed', err));
  };
  const unsubscribe = ctx.hub.subscribe((m) => {
    if (m.event !== 'incident:changed') return;
    // A severity change may make something due now, a resolve may end silences: look at once.
    notifier.soon();
    expire([(m.payload as PushedEvents['incident:changed']).id]);
  });
  notifier.start();
  expire();
  const retry = setInterval(() => expire(), EXPIRE_RETRY_MS);
  retry.unref();
  ctx.onClose(() => {
    unsubscribe();
    notifier.stop();
    clearInterval(retry);
  });
  return domain;
}
