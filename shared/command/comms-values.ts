import type { EventKind, Incident, TimelineEvent } from '../domain/incident';
import { formatDuration } from '../domain/response-metrics';
import { PRIORITY_OF, severityLabel, type Severity } from '../domain/severity';
import { statusIndex, type Status } from '../domain/status';
import type { SeverityPolicy } from '../policy/severity-policy';
import type { PlaceholderValues } from './templates';

/**
 * What stakeholders are told, kept apart from the internal status: the IC may still say
 * "Investigating" while the team has "identified" a suspect, and says "Monitoring" only when sure.
 */
export const PUBLIC_STATUSES = ['Investigating', 'Identified', 'Monitoring', 'Resolved'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

/** The stakeholder-facing fields the IC edits beside a draft; each sent message records them. */
export interface StakeholderFields {
  publicStatus: PublicStatus;
  impact: string;
  nextSteps: string;
  eta: string;
  resolution: string;
  followUp: string;
}

/** Lecture's Severity enum values, upper-cased as its Slack message does. */
const SEVERITY_WORD: Readonly<Record<Severity, string>> = { SEV1: 'CRITICAL', SEV2: 'HIGH', SEV3: 'MEDIUM', SEV4: 'LOW' };

/** "2025-11-22 14:05 UTC": stakeholders sit in many time zones, so comms always name UTC. */
export function utcStamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function minutesText(min: number): string {
  return min === 1 ? '1 minute' : min % 60 === 0 && min >= 120 ? `${min / 60} hours` : `${min} minutes`;
}

/** A public status to start from when nothing was told yet: the internal one, as a stakeholder word. */
export function publicStatusFor(status: Status): PublicStatus {
  const i = Math.min(statusIndex(status), 3);
  return PUBLIC_STATUSES[i] ?? 'Investigating';
}

/** Timeline kinds that are news to stakeholders; pinned evidence, edits and comms themselves are not. */
const NEWS: ReadonlySet<EventKind> = new Set<EventKind>([
  'severity',
  'status',
  'mitigation',
  'timestamp',
  'handoff',
  'role',
  'note',
  'escalation',
]);
const MAX_CHANGES = 12;

/** What changed since the last update, one line per timeline event, newest last. */
export function changesSince(timeline: readonly TimelineEvent[], since: number | null): string | null {
  const news = timeline.filter((e) => NEWS.has(e.kind) && (since === null || e.at > since));
  if (news.length === 0) return null;
  const shown = news.slice(-MAX_CHANGES);
  // "•" rather than a Markdown list: the lines follow "Update:" inside a paragraph, and a list there
  // would swallow the template's next line as a lazy continuation.
  const lines = shown.map((e) => `• ${utcStamp(e.at).slice(11)} ${oneLine(e.summary)}`);
  if (news.length > shown.length) lines.unshift(`• (${news.length - shown.length} earlier changes not listed)`);
  return `\n${lines.join('\n')}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

export interface CommsContext {
  incident: Incident;
  timeline: readonly TimelineEvent[];
  policy: SeverityPolicy;
  /** When the last stakeholder update was marked sent (null: none yet). */
  lastUpdateSentAt: number | null;
  /** When the next update falls due (null: no cadence, or resolved). */
  nextUpdateAt: number | null;
  /** Mitigations still in place, one line each. */
  mitigations: readonly string[];
  /** Open checklist items, or null where no checklist domain answers. */
  openChecklist: readonly string[] | null;
  statusPage: string;
  now: number;
}

const bullets = (lines: readonly string[]): string => lines.map((l) => `- ${l}`).join('\n');

/** Fills every placeholder from the incident's live state and the IC's stakeholder fields. */
export function placeholderValues(ctx: CommsContext, fields: StakeholderFields): PlaceholderValues {
  const { incident, policy, now } = ctx;
  const t = incident.times;
  const rule = policy.rules[incident.severity];
  const commander = incident.roles.find((r) => r.role === 'commander')?.person ?? null;
  const start = t.impactStartedAt ?? t.declaredAt;
  const end = t.resolvedAt ?? now;
  const text = (v: string): string | null => (v.trim() === '' ? null : v.trim());
  return {
    ref: incident.ref,
    ref_lower: incident.ref.toLowerCase(),
    title: incident.title,
    summary: text(incident.summary),
    description: `${incident.ref} — ${incident.title}`,
    severity: incident.severity,
    priority: PRIORITY_OF[incident.severity],
    severity_label: severityLabel(incident.severity),
    severity_word: SEVERITY_WORD[incident.severity],
    services: incident.services.length > 0 ? incident.services.join(', ') : null,
    impact: text(fields.impact),
    started: utcStamp(start),
    elapsed: formatDuration(Math.max(0, now - t.declaredAt)),
    duration: formatDuration(Math.max(0, end - start)),
    status: incident.status,
    public_status: fields.publicStatus,
    commander,
    changes: changesSince(ctx.timeline, ctx.lastUpdateSentAt),
    next_steps: text(fields.nextSteps),
    eta: text(fields.eta),
    resolution: text(fields.resolution),
    follow_up: text(fields.followUp),
    audience: rule.notificationChannels.length > 0 ? rule.notificationChannels.join(', ') : null,
    update_cadence: rule.updateCadenceMin === null ? null : minutesText(rule.updateCadenceMin),
    next_update: ctx.nextUpdateAt === null ? null : utcStamp(ctx.nextUpdateAt),
    now: utcStamp(now),
    status_page: text(ctx.statusPage),
    mitigations: ctx.mitigations.length > 0 ? bullets(ctx.mitigations) : '- none',
    open_checklist: ctx.openChecklist === null ? null : ctx.openChecklist.length > 0 ? bullets(ctx.openChecklist) : '- none',
  };
}

/** Fields to start a draft from: what was last sent, else what the incident says. */
export function initialFields(incident: Incident, last: StakeholderFields | null, mitigations: readonly string[]): StakeholderFields {
  return {
    publicStatus: last?.publicStatus ?? publicStatusFor(incident.status),
    impact: last?.impact ?? incident.summary,
    nextSteps: last?.nextSteps ?? '',
    eta: last?.eta ?? '',
    resolution: last?.resolution || mitigations.join('; '),
    followUp: last?.followUp ?? '',
  };
}
