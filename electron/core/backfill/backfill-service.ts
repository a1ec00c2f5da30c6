import type Database from 'better-sqlite3';
import type { EventMessage } from '../../../shared/contract/events';
import type { Incident, IncidentTimes } from '../../../shared/domain/incident';
import { fetchRange, historyQueries } from '../../poller/backfill';
import type { CollectedSample, ResolvedSource } from '../../poller/types';
import { isSourceError } from '../../sources/source-error';
import { BackfillRepo, type BackfillJob } from '../../store/backfill/backfill-repo';
import { IncidentRepo } from '../../store/incidents/incident-repo';
import type { CoreContext } from '../context';
import type { EventHub } from '../event-hub';
import { newId } from '../ids';
import type { IncidentService } from '../incidents/incident-service';
import type { SourceService } from '../sources/source-service';
import type { TelemetryService } from '../telemetry/telemetry-service';
import { count, sourceWords, utcRange } from './backfill-text';

export interface BackfillDeps {
  db: Database.Database;
  incidents: IncidentService;
  sources: SourceService;
  telemetry: TelemetryService;
  hub: EventHub;
  now: () => number;
  operator: () => string;
  log: (message: string, err?: unknown) => void;
  /** How work is started after the change that needs it commits (tests may run it at once). */
  defer?: (run: () => void) => void;
}

/** Who writes the outcome events: the fetch is Pitwall's, on behalf of the person who changed the times. */
export const BACKFILL_ACTOR = 'Pitwall';

/** A failed job is retried when its source answers again, but not more often than this (doubling per failure). */
const RETRY_BASE_MS = 30_000;
const RETRY_CAP_MS = 15 * 60_000;

const TIME_WORDS: Readonly<Record<string, string>> = { impactStartedAt: 'impact start', detectedAt: 'detection time' };

/** The start of what the incident keeps in full (store/telemetry/retention.ts incidentWindows): the lead-in before its earliest time. */
export function windowStart(times: IncidentTimes, leadInMin: number): number {
  return Math.min(times.impactStartedAt ?? Infinity, times.detectedAt ?? Infinity, times.declaredAt) - leadInMin * 60_000;
}

interface Outcome {
  kind: 'fetched' | 'partial' | 'failed' | 'source-gone';
  points: number;
  series: number;
  stepSeconds: number | null;
  error: string | null;
}

/**
 * Fills the history an incident newly covers from the sources that keep it (Prometheus, Loki):
 * the lead-in when it is declared, and the range a corrected impact start or detection time adds
 * in front of its window. Each need is a backfill_jobs row written inside the change's transaction
 * (incident hooks), so it survives a crash or restart; the network fetch runs after the commit.
 * What happened is written on the incident's timeline in words — points fetched, no data, or why
 * not — together with the samples, in one transaction. A failed fetch stays pending and is tried
 * again when its source answers (a 'source:health' event) or is edited; never skipped in silence.
 */
export class BackfillService {
  private readonly jobs: BackfillRepo;
  private readonly timeline: IncidentRepo;
  private readonly defer: (run: () => void) => void;
  private readonly running = new Map<number, Promise<void>>();
  /** Sources asked to run again (forced) while their jobs were running. */
  private readonly again = new Set<number>();
  /** Whether each source answered its last poll, as seen from 'source:health' events. */
  private readonly answering = new Map<number, boolean>();
  private readonly abort = new AbortController();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(private readonly deps: BackfillDeps) {
    this.jobs = new BackfillRepo(deps.db);
    this.timeline = new IncidentRepo(deps.db);
    this.defer = deps.defer ?? ((run) => void setImmediate(run));
    deps.incidents.hooks.on('declared', (incident, at) => {
      const leadIn = deps.telemetry.getRetention().leadInMin;
      // Without a source that keeps history there is nothing to try: the declaration stays as it is.
      this.plan(incident, windowStart(incident.times, leadIn), incident.times.declaredAt, 'lead-in before declaration', at, false);
    });
    deps.incidents.hooks.on('timeChanged', (incident, field, from, at) => {
      const words = TIME_WORDS[field];
      if (!words) return;
      const leadIn = deps.telemetry.getRetention().leadInMin;
      const before = windowStart({ ...incident.times, [field]: from }, leadIn);
      const after = windowStart(incident.times, leadIn);
      if (after < before) this.plan(incident, after, before, `${words} moved earlier`, at, true);
    });
    this.unsubscribe = deps.hub.subscribe((m) => this.onEvent(m));
  }

  /** Pending jobs of one incident (what the timeline says is still to come). */
  pendingFor(incidentId: number): BackfillJob[] {
    return this.jobs.forIncident(incidentId);
  }

  /** Runs every pending job whose retry is due (on start-up, after a restart, and from tests). */
  runPending(options: { force?: boolean } = {}): Promise<void> {
    if (this.closed) return Promise.resolve();
    const sources = new Set(this.jobs.pending().map((j) => j.sourceId));
    return Promise.all([...sources].map((id) => this.runSource(id, options.force ?? false))).then(() => undefined);
  }

  /** Stops fetching (an in-flight fetch is aborted and its job stays pending) and waits for it. */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    this.abort.abort();
    await Promise.allSettled([...this.running.values()]);
  }

  /**
   * Inside the change's transaction: one job per source that keeps history; with none, a timeline line
   * saying so when the person asked for the range (a corrected time), so the empty stretch is explained.
   */
  private plan(incident: Incident, fromMs: number, toMs: number, reason: string, at: number, sayIfNone: boolean): void {
    if (!(toMs > fromMs)) return;
    try {
      // A savepoint: if planning fails, only the plan is undone — the incident change itself goes ahead.
      this.deps.db.transaction(() => this.insertJobs(incident, fromMs, toMs, reason, at, sayIfNone))();
    } catch (err) {
      this.deps.log(`could not plan the backfill of ${utcRange(fromMs, toMs)} for incident ${incident.ref}`, err);
    }
  }

  private insertJobs(incident: Incident, fromMs: number, toMs: number, reason: string, at: number, sayIfNone: boolean): void {
    const able = this.deps.sources.list().filter((s) => s.enabled && historyQueries(s).length > 0);
    if (able.length === 0) {
      if (!sayIfNone) return;
      this.event(
        incident.id,
        at,
        `Nothing fetched for ${utcRange(fromMs, toMs)} (${reason}): no Prometheus or Loki source with metric queries is switched on, so the chart holds only what Pitwall polled itself.`,
        {
          outcome: 'no-source',
          fromMs,
          toMs,
          reason,
        },
      );
      return;
    }
    const author = this.deps.operator();
    for (const s of able) {
      this.jobs.insert({ id: newId(), incidentId: incident.id, sourceId: s.id, fromMs, toMs, reason, author, createdAt: at });
    }
    // Runs after the commit: a rolled-back change leaves no job behind to find.
    this.defer(() => void this.runPending({ force: true }));
  }

  private onEvent(m: EventMessage): void {
    if (this.closed) return;
    if (m.event === 'source:health') {
      const h = m.payload as EventMessage<'source:health'>['payload'];
      const answering = h.state === 'ok' || h.state === 'degraded';
      const was = this.answering.get(h.sourceId);
      this.answering.set(h.sourceId, answering);
      // Answering again (or for the first time since start-up) retries at once; while it keeps
      // answering, a job whose range query keeps failing waits out its backoff.
      if (answering) void this.runSource(h.sourceId, was !== true);
    } else if (m.event === 'source:changed') {
      // An edited source (fixed query, new URL) deserves an immediate retry.
      void this.runSource((m.payload as EventMessage<'source:changed'>['payload']).id, true);
    }
  }

  /**
   * One source's pending jobs, one after another. A call while they run joins that run; a forced one
   * (the source answers again, was edited, a new job) also goes over the jobs once more afterwards.
   */
  private runSource(sourceId: number, force: boolean): Promise<void> {
    const busy = this.running.get(sourceId);
    if (busy) {
      if (force) this.again.add(sourceId);
      return busy;
    }
    const run = (async () => {
      let forced = force;
      do {
        this.again.delete(sourceId);
        for (const job of this.jobs.pending(sourceId)) {
          if (this.closed) return;
          if (!forced && !this.due(job)) continue;
          await this.runJob(job);
        }
        forced = true;
      } while (this.again.has(sourceId) && !this.closed);
    })()
      .catch((err: unknown) => this.deps.log(`backfilling from source ${sourceId} failed unexpectedly`, err))
      .finally(() => this.running.delete(sourceId));
    this.running.set(sourceId, run);
    return run;
  }

  private due(job: BackfillJob): boolean {
    if (job.attempts === 0 || job.lastAttemptAt === null) return true;
    const wait = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (job.attempts - 1));
    return this.deps.now() - job.lastAttemptAt >= wait;
  }

  private async runJob(job: BackfillJob): Promise<void> {
    let source: ResolvedSource | null = null;
    try {
      source = this.deps.sources.resolve(job.sourceId);
    } catch (err) {
      // Deleted: said on the timeline. Any other reason (a lost secret) waits like a down source.
      if (this.deps.sources.name(job.sourceId) !== null) {
        this.deps.log(`backfill source ${job.sourceId} cannot be used`, err);
        return;
      }
    }
    if (source && !source.enabled) return;
    const outcome = source ? await this.fetch(job, source) : null;
    if (this.closed && outcome?.kind === 'failed') return;
    this.finish(job, source, outcome ?? { kind: 'source-gone', points: 0, series: 0, stepSeconds: null, error: null });
  }

  private async fetch(job: BackfillJob, source: ResolvedSource): Promise<Outcome & { samples?: readonly CollectedSample[] }> {
    try {
      const h = await fetchRange(source, job.fromMs, job.toMs, this.abort.signal);
      const series = new Set(h.samples.map((s) => `${s.metric}\u0000${JSON.stringify(s.labels)}`)).size;
      const error = h.partialErrors.length > 0 ? h.partialErrors.map((e) => e.message).join('; ') : null;
      return {
        kind: error ? 'partial' : 'fetched',
        points: h.samples.length,
        series,
        stepSeconds: h.stepSeconds,
        error,
        samples: h.samples,
      };
    } catch (err) {
      const message = isSourceError(err) || err instanceof Error ? err.message : String(err);
      return { kind: 'failed', points: 0, series: 0, stepSeconds: null, error: message };
    }
  }

  /** Samples, the job's new state and the timeline line, in one transaction. */
  private finish(job: BackfillJob, source: ResolvedSource | null, outcome: Outcome & { samples?: readonly CollectedSample[] }): void {
    const at = this.deps.now();
    const who = source ? sourceWords(source.kind, source.name) : `source ${job.sourceId}`;
    const range = utcRange(job.fromMs, job.toMs);
    let changed = false;
    this.deps.db.transaction(() => {
      const current = this.jobs.get(job.id);
      if (!current) return;
      if (source && outcome.samples && outcome.samples.length > 0) this.deps.telemetry.store.backfill(source.id, outcome.samples);
      const data = {
        outcome: outcome.kind,
        sourceId: job.sourceId,
        source: source?.name ?? null,
        fromMs: job.fromMs,
        toMs: job.toMs,
        reason: job.reason,
        points: outcome.points,
        series: outcome.series,
        stepSeconds: outcome.stepSeconds,
        attempts: current.attempts + 1,
        error: outcome.error,
      };
      const retried = current.attempts > 0 ? ` (after ${count(current.attempts, 'failed attempt')})` : '';
      if (outcome.kind === 'source-gone') {
        this.jobs.remove(job.id);
        this.event(
          job.incidentId,
          at,
          `Nothing fetched for ${range} (${job.reason}): the source it was to come from (id ${job.sourceId}) was deleted.`,
          data,
        );
        changed = true;
      } else if (outcome.kind === 'fetched') {
        this.jobs.remove(job.id);
        const what =
          outcome.points > 0
            ? `Fetched ${count(outcome.points, 'point')} (${count(outcome.series, 'series', 'series')}) from ${who} for ${range}`
            : `${who} has no samples for ${range}`;
        this.event(job.incidentId, at, `${what} — ${job.reason}${retried}.`, data);
        changed = true;
      } else {
        this.jobs.recordAttempt(job.id, at, outcome.error);
        // The first failure is said on the timeline; retries update the job until one succeeds.
        if (current.attempts === 0) {
          const got =
            outcome.kind === 'partial'
              ? `Fetched ${count(outcome.points, 'point')} from ${who} for ${range}, but not all of it`
              : `Could not fetch ${range} from ${who}`;
          this.event(
            job.incidentId,
            at,
            `${got} (${job.reason}): ${outcome.error ?? 'no answer'}. Pitwall tries again when the source answers.`,
            data,
          );
          changed = true;
        }
      }
    })();
    if (changed) {
      const head = this.timeline.head(job.incidentId);
      if (head) this.deps.hub.emit('incident:changed', { id: head.id, ref: head.ref });
    }
    if (source && outcome.points > 0) this.deps.hub.emit('telemetry:updated', { sourceId: source.id, at });
  }

  private event(incidentId: number, at: number, summary: string, data: Record<string, unknown>): void {
    this.timeline.appendEvent({ incidentId, at, kind: 'backfill', actor: BACKFILL_ACTOR, summary, data });
  }
}

/** The backfill domain from the core context; it stops (aborting a fetch in flight) before the database closes. */
export function createBackfills(ctx: CoreContext): BackfillService {
  const service = new BackfillService(ctx);
  ctx.onClose(() => service.close());
  return service;
}
