import type { EditableTime } from '../../../shared/domain/incident';

const TIME_LABEL: Readonly<Record<EditableTime, string>> = {
  impactStartedAt: 'Impact start',
  detectedAt: 'Detected',
  acknowledgedAt: 'Acknowledged',
  mitigatedAt: 'Mitigated',
};

export function timeFieldLabel(field: EditableTime): string {
  return TIME_LABEL[field];
}

/** YYYYMMDD in UTC, for incident refs: the same incident gets the same ref in every time zone. */
export function utcDateStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');
}

/** What an edit changed, as timeline text: one clause per field, old and new values where they are short. */
export function describeEdit(
  before: { title: string; summary: string; services: readonly string[]; tenants: readonly string[] },
  after: {
    title?: string | undefined;
    summary?: string | undefined;
    services?: readonly string[] | undefined;
    tenants?: readonly string[] | undefined;
  },
): string[] {
  const clauses: string[] = [];
  if (after.title !== undefined && after.title !== before.title) clauses.push(`Title "${before.title}" → "${after.title}"`);
  if (after.summary !== undefined && after.summary !== before.summary) {
    clauses.push(after.summary === '' ? 'Summary cleared' : before.summary === '' ? 'Summary added' : 'Summary rewritten');
  }
  for (const [name, from, to] of [
    ['Services', before.services, after.services],
    ['Tenants', before.tenants, after.tenants],
  ] as const) {
    if (to === undefined) continue;
    const added = to.filter((x) => !from.includes(x));
    const removed = from.filter((x) => !to.includes(x));
    if (added.length === 0 && removed.length === 0) continue;
    const parts = [added.length > 0 ? `+${added.join(', +')}` : '', removed.length > 0 ? `−${removed.join(', −')}` : ''].filter(Boolean);
    clauses.push(`${name} ${parts.join(' ')}`);
  }
  return clauses;
}
