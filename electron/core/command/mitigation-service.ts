import { utcStamp } from '../../../shared/command/comms-values';
import { activeSilences } from '../../../shared/command/open-items';
import { durationProblem, formatMatchers, matcherProblems, proposeMatchers, toWire } from '../../../shared/command/silence';
import type { LiveQueue, MitigationRecord, SilenceProposal } from '../../../shared/command/types';
import type { ParsedInput } from '../../../shared/contract/channels';
import { AppFailure } from '../../../shared/contract/result';
import type { Incident } from '../../../shared/domain/incident';
import type { SourceKind } from '../../../shared/domain/sources';
import type { ResolvedSource } from '../../poller/types';
import { AlertmanagerClient } from '../../sources/alertmanager';
import { AsynqmonClient } from '../../sources/asynqmon';
import { connectionFor } from '../../poller/collector';
import type { CoreContext } from '../context';
import { newId } from '../ids';
import type { CommandRecords } from './command-records';
import { pauseOrResume, readQueues, type QueueVerb } from './queue-actions';

const KIND_NAME: Partial<Record<SourceKind, string>> = { asynqmon: 'AsynqMon', alertmanager: 'Alertmanager' };

type NewRecord = Omit<
  MitigationRecord,
  'id' | 'incidentId' | 'at' | 'author' | 'relatesTo' | 'silenceId' | 'matchers' | 'endsAt' | 'expireOnResolve'
> &
  Partial<Pick<MitigationRecord, 'relatesTo' | 'silenceId' | 'matchers' | 'endsAt' | 'expireOnResolve'>>;

/**
 * Mitigations through the sources: pause/resume an asynq queue, silence and expire alerts. Each one
 * is refused before anything is sent when the source is unusable or the input is wrong; once sent,
 * its outcome (done, or failed and why) and its timeline event are written in one transaction.
 */
export class MitigationService {
  /** Silences being expired right now, so a burst of change events cannot expire one twice. */
  private readonly expiring = new Set<string>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly records: CommandRecords,
  ) {}

  async listQueues(sourceId: number): Promise<LiveQueue[]> {
    const source = this.usableSource(sourceId, 'asynqmon');
    const client = AsynqmonClient.connect(connectionFor(source));
    try {
      return await readQueues(client, source.name);
    } finally {
      client.close();
    }
  }

  async queue(input: ParsedInput<'mitigation:pause-queue'>, verb: QueueVerb): Promise<MitigationRecord> {
    this.records.requireOpen(input.id, `${verb === 'pause' ? 'pausing' : 'resuming'} a queue from it`);
    const source = this.usableSource(input.sourceId, 'asynqmon');
    const client = AsynqmonClient.connect(connectionFor(source));
    let result;
    try {
      result = await pauseOrResume(client, source.name, input.queue, verb);
    } finally {
      client.close();
    }
    const paused =
      verb === 'resume' ? this.records.mitigations.list(input.id).filter((r) => r.kind === 'queue-pause' && r.outcome === 'ok') : [];
    const relatesTo = paused.filter((r) => r.sourceId === source.id && r.target === input.queue).at(-1)?.id ?? null;
    const record = this.write(input.id, {
      kind: verb === 'pause' ? 'queue-pause' : 'queue-resume',
      sourceId: source.id,
      sourceName: source.name,
      target: input.queue,
      relatesTo,
      ...result,
    });
    // The queue panel shows the new state at the next poll; ask for it now rather than in a few seconds.
    this.ctx.runtime.pollNow(source.id).catch(() => {});
    return record;
  }

  proposeSilence(id: number): SilenceProposal {
    const incident = this.records.require(id);
    const t = incident.times;
    const from = Math.min(t.impactStartedAt ?? Infinity, t.detectedAt ?? Infinity, t.declaredAt);
    const alerts = new Map<string, SilenceProposal['alerts'][number]>();
    for (const a of this.ctx.telemetry.listAlerts({ fromMs: from, toMs: t.resolvedAt ?? this.ctx.now() })) {
      const known = alerts.get(a.key);
      alerts.set(a.key, { name: a.name, labels: a.labels, firing: (known?.firing ?? false) || a.resolvedAt === null });
    }
    const list = [...alerts.values()];
    return { matchers: proposeMatchers(list.filter((a) => a.firing).length > 0 ? list.filter((a) => a.firing) : list), alerts: list };
  }

  async createSilence(input: ParsedInput<'mitigation:create-silence'>): Promise<MitigationRecord> {
    const incident = this.records.requireOpen(input.id, 'silencing alerts for it');
    const problems = matcherProblems(input.matchers);
    if (problems.length > 0) throw new AppFailure('bad-input', `${problems.join(' ')} Nothing was sent.`);
    const tooLong = durationProblem(input.durationMin);
    if (tooLong) throw new AppFailure('bad-input', `${tooLong} Nothing was sent.`);
    const source = this.usableSource(input.sourceId, 'alertmanager');
    const startsMs = this.ctx.now();
    const endsMs = startsMs + input.durationMin * 60_000;
    const target = formatMatchers(input.matchers);
    const base = {
      kind: 'silence' as const,
      sourceId: source.id,
      sourceName: source.name,
      target,
      matchers: input.matchers,
      endsAt: endsMs,
    };
    const client = AlertmanagerClient.connect(connectionFor(source));
    try {
      const silenceId = await client.createSilence({
        matchers: input.matchers.map(toWire),
        startsMs,
        endsMs,
        createdBy: this.ctx.operator(),
        comment: input.comment,
      });
      const expiry = input.expireOnResolve ? `; expires when ${incident.ref} resolves` : '';
      return this.write(incident.id, {
        ...base,
        silenceId,
        expireOnResolve: input.expireOnResolve,
        outcome: 'ok',
        message: `Silence ${silenceId} active until ${utcStamp(endsMs)}${expiry}.`,
      });
    } catch (err) {
      return this.write(incident.id, { ...base, outcome: 'failed', message: `Alertmanager did not create the silence: ${errText(err)}` });
    } finally {
      client.close();
    }
  }

  async expireSilence(incidentId: number, mitigationId: string, why = ''): Promise<MitigationRecord> {
    const incident = this.records.require(incidentId);
    const silence = this.records.mitigations.get(mitigationId);
    if (!silence || silence.incidentId !== incident.id || silence.kind !== 'silence' || silence.silenceId === null) {
      throw new AppFailure('not-found', `${incident.ref} has no silence with record id ${mitigationId}.`);
    }
    if (!activeSilences(this.records.mitigations.list(incident.id), this.ctx.now()).some((s) => s.id === silence.id)) {
      throw new AppFailure('invalid-transition', `Silence ${silence.silenceId} is no longer active (expired or ran out).`);
    }
    if (this.expiring.has(silence.id)) throw new AppFailure('conflict', `Silence ${silence.silenceId} is being expired already.`);
    this.expiring.add(silence.id);
    try {
      const source = this.usableSource(silence.sourceId, 'alertmanager');
      const base = {
        kind: 'silence-expire' as const,
        sourceId: source.id,
        sourceName: source.name,
        target: silence.target,
        relatesTo: silence.id,
      };
      const client = AlertmanagerClient.connect(connectionFor(source));
      try {
        await client.expireSilence(silence.silenceId);
        return this.write(incident.id, {
          ...base,
          silenceId: silence.silenceId,
          outcome: 'ok',
          message: `Silence ${silence.silenceId} expired${why}.`,
        });
      } catch (err) {
        const message = errText(err);
        // Expired by someone else meanwhile: the silence is gone, which is what was asked.
        if (/already expired/i.test(message)) {
          return this.write(incident.id, {
            ...base,
            silenceId: silence.silenceId,
            outcome: 'ok',
            message: `Silence ${silence.silenceId} was already expired.`,
          });
        }
        return this.write(incident.id, {
          ...base,
          silenceId: silence.silenceId,
          outcome: 'failed',
          message: `Alertmanager did not expire the silence: ${message}`,
        });
      } finally {
        client.close();
      }
    } finally {
      this.expiring.delete(silence.id);
    }
  }

  /**
   * Silences the IC asked to end with the incident: expired once it is resolved. Run after every
   * incident change and once at start (a crash between resolving and expiring must not leave them).
   */
  async expireOnResolve(incidentIds: readonly number[] = this.records.mitigations.incidentsWithSilencesToExpire()): Promise<void> {
    for (const id of incidentIds) {
      const incident = this.records.incidents.get(id);
      if (!incident || (incident.status !== 'resolved' && incident.status !== 'closed')) continue;
      const due = activeSilences(this.records.mitigations.list(id), this.ctx.now()).filter(
        (s) => s.expireOnResolve && !this.expiring.has(s.id),
      );
      for (const s of due) {
        try {
          await this.expireSilence(id, s.id, ` because ${incident.ref} was resolved`);
        } catch (err) {
          this.ctx.log(`expiring silence ${s.silenceId ?? s.id} of ${incident.ref} failed`, err);
        }
      }
    }
  }

  /** A source a mitigation may go through: the right kind, enabled, and not known to be down. */
  private usableSource(sourceId: number, kind: 'asynqmon' | 'alertmanager'): ResolvedSource {
    const source = this.ctx.sources.resolve(sourceId);
    const name = KIND_NAME[kind] ?? kind;
    if (source.kind !== kind) throw new AppFailure('bad-input', `"${source.name}" is a ${source.kind} source; this needs ${name}.`);
    if (!source.enabled)
      throw new AppFailure('unavailable', `${name} "${source.name}" is disabled; enable it under Sources first. Nothing was sent.`);
    const health = this.ctx.runtime.health(sourceId);
    if (health?.state === 'down') {
      const why = health.lastError ? ` (${health.lastError.message})` : '';
      throw new AppFailure('unavailable', `${name} "${source.name}" is down${why}. Nothing was sent.`);
    }
    return source;
  }

  private write(incidentId: number, r: NewRecord): MitigationRecord {
    const { record, incident } = this.records.db.transaction(() => {
      const inc: Incident = this.records.require(incidentId);
      const rec: MitigationRecord = {
        relatesTo: null,
        silenceId: null,
        matchers: null,
        endsAt: null,
        expireOnResolve: false,
        ...r,
        id: newId(),
        incidentId: inc.id,
        at: this.ctx.now(),
        author: this.ctx.operator(),
      };
      this.records.mitigations.insert(rec);
      this.records.incidents.appendEvent({
        incidentId: inc.id,
        at: rec.at,
        kind: 'mitigation',
        actor: rec.author,
        summary: summary(rec),
        data: {
          mitigationId: rec.id,
          action: rec.kind,
          outcome: rec.outcome,
          source: rec.sourceName,
          target: rec.target,
          silenceId: rec.silenceId,
        },
      });
      return { record: rec, incident: inc };
    })();
    this.records.changed(incident);
    return record;
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const ACTION: Readonly<Record<MitigationRecord['kind'], string>> = {
  'queue-pause': 'Pause queue',
  'queue-resume': 'Resume queue',
  silence: 'Silence alerts',
  'silence-expire': 'Expire silence',
};

function summary(r: MitigationRecord): string {
  const what = r.kind === 'queue-pause' || r.kind === 'queue-resume' ? `"${r.target}"` : r.target;
  return `${ACTION[r.kind]} ${what} on ${r.sourceName}: ${r.outcome === 'ok' ? 'done' : 'FAILED'} — ${r.message}`;
}
