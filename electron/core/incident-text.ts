import type { EditableTime } from '../../shared/domain/incident';

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
