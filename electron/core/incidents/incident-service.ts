import type Database from 'better-sqlite3';
import type { ParsedInput } from '../../../shared/contract/channels';
import { AppFailure } from '../../../shared/contract/result';
import type { Incident, IncidentDetail, IncidentSummary, TimelineEvent } from '../../../shared/domain/incident';
import { ROLE_LABEL } from '../../../shared/domain/roles';
import { severityLabel } from '../../../shared/domain/severity';
import { canTransition, statusIndex, type Status } from '../../../shared/domain/status';
import { IncidentRepo, TIME_COLUMN, type NewEvent } from '../../store/incidents/incident-repo';
import { IncidentHooks } from './incident-hooks';
import { describeEdit, timeFieldLabel, utcDateStamp } from './incident-text';

export interface IncidentServiceDeps {
  db: Database.Database;
  operator: () => string;
  now?: () => number;
  onChanged?: (incident: { id: number; ref: string }) => void;
  /** Other domains' reactions, run inside each change's transaction. */
  hooks?: IncidentHooks;
}

/** Allow a little clock skew between machines, but not times in the future. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * The incident commander's actions. Each one validates against the current
 * state, then writes the change and its timeline event in ONE transaction, so a
 * crash can never leave a change without its event or an event without its change.
 */
export class IncidentService {
  private readonly repo: IncidentRepo;
  private readonly now: () => number;
  readonly hooks: IncidentHooks;

  constructor(private readonly deps: IncidentServiceDeps) {
    this.repo = new IncidentRepo(deps.db);
    this.now = deps.now ?? Date.now;
    this.hooks = deps.hooks ?? new IncidentHooks();
  }

  list(input: ParsedInput<'incident:list'>): IncidentSummary[] {
    return this.repo.list(input);
  }

  get(id: number): IncidentDetail {
    return { incident: this.require(id), timeline: this.repo.timeline(id) };
  }

  declare(input: ParsedInput<'incident:declare'>): Incident {
    const at = this.now();
    this.checkNotFuture(input.impactStartedAt, 'impact start', at);
    this.checkNotFuture(input.detectedAt, 'detected', at);
    const id = this.deps.db.transaction(() => {
      const prefix = `INC-${utcDateStamp(at)}-`;
      const ref = `${prefix}${String(this.repo.lastRefNumber(prefix) + 1).padStart(3, '0')}`;
      const newId = this.repo.insert({
        ref,
        title: input.title,
        summary: input.summary,
        severity: input.severity,
        services: input.services,
        tenants: input.tenants,
        impactStartedAt: input.impactStartedAt,
        // Without a better answer, detection is the moment someone declared it.
        detectedAt: input.detectedAt ?? at,
        declaredAt: at,
      });
      this.event(newId, at, 'declared', `Declared ${severityLabel(input.severity)}: ${input.title}`, {
        severity: input.severity,
        services: input.services,
        tenants: input.tenants,
      });
      this.repo.reindex(newId);
      this.hooks.run('declared', this.require(newId), at);
      return newId;
    })();
    return this.changed(id);
  }

  setSeverity(input: ParsedInput<'incident:set-severity'>): Incident {
    return this.mutate(input.id, (inc, at) => {
      if (inc.severity === input.severity) throw new AppFailure('invalid-transition', `${inc.ref} is already ${input.severity}.`);
      this.repo.update(inc.id, at, { severity: input.severity });
      const why = input.reason ? ` — ${input.reason}` : '';
      this.event(inc.id, at, 'severity', `Severity ${severityLabel(inc.severity)} → ${severityLabel(input.severity)}${why}`, {
        from: inc.severity,
        to: input.severity,
        reason: input.reason,
      });
      this.hooks.run('severityChanged', this.require(inc.id), inc.severity, at);
    });
  }

  setStatus(input: ParsedInput<'incident:set-status'>): Incident {
    return this.mutate(
      input.id,
      (inc, at) => {
        if (!canTransition(inc.status, input.status)) {
          throw new AppFailure('invalid-transition', `${inc.ref} cannot go from ${inc.status} to ${input.status}.`);
        }
        const times = statusTimes(inc, input.status, at);
        this.repo.update(inc.id, at, { status: input.status, ...times.columns });
        const reopened = statusIndex(input.status) < statusIndex(inc.status) ? ' (reopened)' : '';
        const why = input.reason ? ` — ${input.reason}` : '';
        this.event(inc.id, at, 'status', `Status ${inc.status} → ${input.status}${reopened}${why}`, {
          from: inc.status,
          to: input.status,
          reason: input.reason,
          set: times.set,
          cleared: times.cleared,
        });
        this.hooks.run('statusChanged', this.require(inc.id), inc.status, at);
      },
      { allowClosed: false },
    );
  }

  setTime(input: ParsedInput<'incident:set-time'>): Incident {
    return this.mutate(input.id, (inc, at) => {
      this.checkNotFuture(input.at, timeFieldLabel(input.field), at);
      const resolved = inc.times.resolvedAt;
      if (
        (input.field === 'impactStartedAt' || input.field === 'detectedAt') &&
        input.at !== null &&
        resolved !== null &&
        input.at > resolved
      ) {
        throw new AppFailure(
          'bad-input',
          `The ${timeFieldLabel(input.field).toLowerCase()} time ${new Date(input.at).toISOString()} is after ${inc.ref} was resolved (${new Date(resolved).toISOString()}).`,
        );
      }
      const before = inc.times[input.field];
      this.repo.update(inc.id, at, { [TIME_COLUMN[input.field]]: input.at });
      const shown = input.at === null ? 'cleared' : `set to ${new Date(input.at).toISOString()}`;
      this.event(inc.id, at, 'timestamp', `${timeFieldLabel(input.field)} ${shown}`, { field: input.field, from: before, to: input.at });
      this.hooks.run('timeChanged', this.require(inc.id), input.field, before, at);
    });
  }

  acknowledge(id: number): Incident {
    return this.mutate(id, (inc, at) => {
      if (inc.times.acknowledgedAt !== null) {
        throw new AppFailure(
          'invalid-transition',
          `${inc.ref} was already acknowledged at ${new Date(inc.times.acknowledgedAt).toISOString()}.`,
        );
      }
      this.repo.update(inc.id, at, { acknowledged_at: at });
      this.event(inc.id, at, 'timestamp', `Acknowledged by ${this.deps.operator()}`, { field: 'acknowledgedAt', from: null, to: at });
      this.hooks.run('timeChanged', this.require(inc.id), 'acknowledgedAt', null, at);
    });
  }

  assignRole(input: ParsedInput<'incident:assign-role'>): Incident {
    return this.mutate(input.id, (inc, at) => {
      const current = inc.roles.find((r) => r.role === input.role);
      if (current?.person === input.person) {
        throw new AppFailure('invalid-transition', `${input.person} already holds ${ROLE_LABEL[input.role]} on ${inc.ref}.`);
      }
      this.repo.assignRole(inc.id, input.role, input.person, at);
      const note = input.note ? ` — ${input.note}` : '';
      if (current) {
        this.event(inc.id, at, 'handoff', `${ROLE_LABEL[input.role]} handed off from ${current.person} to ${input.person}${note}`, {
          role: input.role,
          from: current.person,
          to: input.person,
          note: input.note,
        });
      } else {
        this.event(inc.id, at, 'role', `${input.person} is ${ROLE_LABEL[input.role]}${note}`, {
          role: input.role,
          to: input.person,
          note: input.note,
        });
      }
      // Someone taking command is the acknowledgement, if nobody acknowledged before.
      if (input.role === 'commander' && inc.times.acknowledgedAt === null) {
        this.repo.update(inc.id, at, { acknowledged_at: at });
        this.event(inc.id, at, 'timestamp', `Acknowledged (${input.person} took command)`, { field: 'acknowledgedAt', from: null, to: at });
      }
    });
  }

  edit(input: ParsedInput<'incident:edit'>): Incident {
    return this.mutate(input.id, (inc, at) => {
      const clauses = describeEdit(inc, input);
      if (clauses.length === 0) throw new AppFailure('bad-input', `Nothing to change: ${inc.ref} already reads like that.`);
      const changes: Record<string, string> = {};
      const changed: string[] = [];
      const put = (field: string, column: string, value: string): void => {
        changes[column] = value;
        changed.push(field);
      };
      if (input.title !== undefined && input.title !== inc.title) put('title', 'title', input.title);
      if (input.summary !== undefined && input.summary !== inc.summary) put('summary', 'summary', input.summary);
      if (input.services !== undefined && !sameList(input.services, inc.services))
        put('services', 'services', JSON.stringify(input.services));
      if (input.tenants !== undefined && !sameList(input.tenants, inc.tenants)) put('tenants', 'tenants', JSON.stringify(input.tenants));
      this.repo.update(inc.id, at, changes);
      this.event(inc.id, at, 'edit', clauses.join('; '), {
        before: { title: inc.title, summary: inc.summary, services: inc.services, tenants: inc.tenants },
        after: Object.fromEntries(changed.map((f) => [f, input[f as 'title' | 'summary' | 'services' | 'tenants']])),
        changed,
      });
      this.repo.reindex(inc.id);
    });
  }

  addNote(input: ParsedInput<'incident:add-note'>): TimelineEvent {
    // Notes are welcome on a closed incident too: postmortem work goes on after close.
    const head = this.repo.head(input.id);
    if (!head) throw new AppFailure('not-found', `No incident with id ${input.id}.`);
    const event = this.deps.db.transaction(() =>
      this.repo.appendNote({ incidentId: head.id, at: this.now(), actor: this.deps.operator(), summary: input.text, data: {} }),
    )();
    this.deps.onChanged?.({ id: head.id, ref: head.ref });
    return event;
  }

  private require(id: number): Incident {
    const inc = this.repo.get(id);
    if (!inc) throw new AppFailure('not-found', `No incident with id ${id}.`);
    return inc;
  }

  private mutate(id: number, change: (inc: Incident, at: number) => void, opts: { allowClosed?: boolean } = {}): Incident {
    this.deps.db.transaction(() => {
      const inc = this.require(id);
      if (inc.status === 'closed' && !opts.allowClosed) {
        throw new AppFailure('invalid-transition', `${inc.ref} is closed; only notes can be added.`);
      }
      change(inc, this.now());
    })();
    return this.changed(id);
  }

  private changed(id: number): Incident {
    const inc = this.require(id);
    this.deps.onChanged?.({ id: inc.id, ref: inc.ref });
    return inc;
  }

  private event(incidentId: number, at: number, kind: NewEvent['kind'], summary: string, data: Record<string, unknown>): void {
    this.repo.appendEvent({ incidentId, at, kind, actor: this.deps.operator(), summary, data });
  }

  private checkNotFuture(value: number | null, what: string, now: number): void {
    if (value !== null && value > now + FUTURE_TOLERANCE_MS) {
      throw new AppFailure('bad-input', `The ${what} time ${new Date(value).toISOString()} is in the future.`);
    }
  }
}

/**
 * Timestamps a status change sets or clears. Moving to monitoring means a
 * mitigation is in place; resolved means impact ended. Reopening clears the
 * "resolved" moment (impact is back) but keeps the first mitigation time.
 */
function statusTimes(inc: Incident, to: Status, at: number): { columns: Record<string, number | null>; set: string[]; cleared: string[] } {
  const columns: Record<string, number | null> = {};
  const set: string[] = [];
  const cleared: string[] = [];
  const put = (field: keyof typeof TIME_COLUMN, value: number | null): void => {
    columns[TIME_COLUMN[field]] = value;
    (value === null ? cleared : set).push(field);
  };
  const t = inc.times;
  if (t.acknowledgedAt === null) put('acknowledgedAt', at);
  if (statusIndex(to) >= statusIndex('monitoring') && t.mitigatedAt === null) put('mitigatedAt', at);
  if (to === 'resolved' && t.resolvedAt === null) put('resolvedAt', at);
  if (to === 'closed') put('closedAt', at);
  if (statusIndex(to) < statusIndex('resolved') && t.resolvedAt !== null) put('resolvedAt', null);
  return { columns, set, cleared };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
