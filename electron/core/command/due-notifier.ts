import { planDue, type DueItem } from '../../../shared/command/due';
import { utcStamp } from '../../../shared/command/comms-values';
import type { Notice, Snooze } from '../../../shared/command/types';
import { AppFailure } from '../../../shared/contract/result';
import { severityLabel } from '../../../shared/domain/severity';
import type { Notifier } from '../../platform/notifier';
import type { NoticeItem } from '../../store/command/notice-repo';
import type { CoreContext } from '../context';
import { newId } from '../ids';
import type { CommandRecords } from './command-records';

/** How often due items are checked. Falling due is found within this; a change re-checks at once. */
export const CHECK_EVERY_MS = 2_000;
const RECENT_NOTICE_GROUPS = 50;

/** A detector's suggestion, as the detection domain pushes it (wired in app.ts in one line). */
export interface SuggestionNotice {
  /** Stable id of the suggestion: the same suggestion never notifies twice. */
  key: string;
  title: string;
  detail?: string;
}

/**
 * The detection domain's `detection:suggested` payload as a notice. Typed by shape, so the lead wires
 * it in app.ts in one line once that event exists:
 * `hub.subscribe((m) => m.event === 'detection:suggested' && command.notifier.notifySuggestion(suggestionNotice(m.payload as …)))`.
 * The suggestion's id keys it: re-suggesting the same one never notifies again.
 */
export function suggestionNotice(s: { id: string; title: string; severity: string; coveredBy: string | null }): SuggestionNotice {
  const covered = s.coveredBy ? ` It looks like ${s.coveredBy}, already open.` : '';
  return { key: s.id, title: `${s.title} (${s.severity})`, detail: `A detector suggests declaring a ${s.severity} incident.${covered}` };
}

/**
 * Fires a notification when a due item falls due: once per item (the firing is recorded under a
 * UNIQUE key before anyone is told), again only after a snooze the IC chose runs out. Items that fall
 * due together on one incident make one notification, so an IC is not hit by three pop-ups at 15:00.
 */
export class DueNotifier {
  private timer: ReturnType<typeof setInterval> | null = null;
  private queued = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly records: CommandRecords,
    private readonly notifier: Notifier,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
    // A timer must never be what keeps a quitting process alive.
    this.timer.unref();
    this.soon();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Re-check right after the current work (an incident changed: a severity change may make something due now). */
  soon(): void {
    if (this.queued) return;
    this.queued = true;
    setImmediate(() => {
      this.queued = false;
      if (this.timer !== null) this.check();
    });
  }

  /** One pass over the open incidents. Returns what fired (tests drive it with a controlled clock). */
  check(): Notice[] {
    const fired: Notice[] = [];
    try {
      const now = this.ctx.now();
      const policy = this.ctx.policy.get();
      for (const id of this.records.facts.openIncidentIds()) {
        const incident = this.records.incidents.get(id);
        if (!incident) continue;
        const items = planDue(incident, policy, this.records.dueFacts(id), now);
        const firing = this.firing(id, items, this.records.notices.snoozes(id), now);
        if (firing.length === 0) continue;
        const lines = firing.map(({ item }) => `• ${item.title} — due ${utcStamp(item.dueAt).slice(11)}`);
        const notice: Notice = {
          id: newId(),
          incidentId: id,
          ref: incident.ref,
          title: `${incident.ref} ${severityLabel(incident.severity)}: ${firing.map(({ item }) => item.title.toLowerCase()).join(', ')}`,
          body: [incident.title, ...lines].join('\n'),
          dueKeys: firing.map(({ item }) => item.key),
          firedAt: now,
        };
        if (
          this.deliver(
            notice,
            firing.map(({ fireKey, item }) => ({ id: newId(), dueKey: item.key, fireKey })),
          )
        )
          fired.push(notice);
      }
    } catch (err) {
      this.ctx.log('checking due items failed', err);
    }
    return fired;
  }

  /** A detector's new suggestion; the lead wires the detection event to this in one line. */
  notifySuggestion(s: SuggestionNotice): Notice | null {
    const dueKey = `suggestion:${s.key}`;
    const notice: Notice = {
      id: newId(),
      incidentId: null,
      ref: null,
      title: `Suggested incident: ${s.title}`,
      body: s.detail ?? 'A detector suggests declaring an incident.',
      dueKeys: [dueKey],
      firedAt: this.ctx.now(),
    };
    return this.deliver(notice, [{ id: newId(), dueKey, fireKey: `-|${dueKey}|` }]) ? notice : null;
  }

  recent(): Notice[] {
    return this.records.notices.recent(RECENT_NOTICE_GROUPS);
  }

  snooze(input: { incidentId: number; dueKey: string; minutes: number }): Snooze {
    const incident = this.records.requireOpen(input.incidentId, 'snoozing');
    const at = this.ctx.now();
    const snooze: Snooze = {
      id: newId(),
      incidentId: incident.id,
      dueKey: input.dueKey,
      until: at + input.minutes * 60_000,
      at,
      author: this.ctx.operator(),
    };
    const known = planDue(incident, this.ctx.policy.get(), this.records.dueFacts(incident.id), at).some((d) => d.key === input.dueKey);
    if (!known)
      throw new AppFailure('not-found', `${incident.ref} has no due item "${input.dueKey}" (it may have been answered or re-planned).`);
    this.records.notices.addSnooze(snooze);
    this.records.changed(incident);
    return snooze;
  }

  private firing(incidentId: number, items: readonly DueItem[], snoozes: readonly Snooze[], now: number) {
    const out: { item: DueItem; fireKey: string }[] = [];
    for (const item of items) {
      if (item.state !== 'due' || !item.notify) continue;
      const snooze = snoozes.filter((s) => s.dueKey === item.key).at(-1) ?? null;
      const fireAt = snooze ? Math.max(item.dueAt, snooze.until) : item.dueAt;
      if (now < fireAt) continue;
      const fireKey = `${incidentId}|${item.key}|${snooze?.id ?? ''}`;
      if (!this.records.notices.hasFired(fireKey)) out.push({ item, fireKey });
    }
    return out;
  }

  /** Record first, then tell: a crash between the two loses a pop-up, never repeats one. */
  private deliver(notice: Notice, items: NoticeItem[]): boolean {
    if (!this.records.notices.record(notice, items)) return false;
    this.ctx.hub.emit('command:notified', notice);
    try {
      this.notifier.show({ title: notice.title, body: notice.body, tag: notice.id }, () =>
        this.ctx.hub.emit('command:notice-clicked', { incidentId: notice.incidentId }),
      );
    } catch (err) {
      this.ctx.log('the host could not show a notification', err);
    }
    return true;
  }
}
