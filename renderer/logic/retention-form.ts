import { retentionInput } from '../../shared/contract/source-schemas';
import type { RetentionSettings } from '../../shared/domain/telemetry';

export type RetentionField = keyof RetentionSettings;
/** The retention form as typed: strings, so a rejected value stays in the field. */
export type RetentionForm = Record<RetentionField, string>;
export type RetentionErrors = Partial<Record<RetentionField, string>>;

export const RETENTION_FIELDS: readonly { field: RetentionField; label: string; unit: string; hint: string }[] = [
  { field: 'leadInMin', label: 'Lead-in', unit: 'minutes', hint: 'Kept (and backfilled) before an incident starts.' },
  { field: 'rawKeepHours', label: 'Raw samples kept', unit: 'hours', hint: 'Outside incident windows, then rolled up.' },
  { field: 'rollupStepSec', label: 'Rollup step', unit: 'seconds', hint: 'Width of one rolled-up bucket.' },
  { field: 'rollupKeepDays', label: 'Rollups kept', unit: 'days', hint: 'Incident windows are always kept in full.' },
  { field: 'maxSeriesPerMetric', label: 'Max series per metric', unit: 'series', hint: 'New label sets beyond this are dropped.' },
];

/** The bounds main enforces, read from the contract's schema so the hints never drift from it. */
export function retentionLimits(field: RetentionField): { min: number; max: number } {
  const schema = retentionInput.shape[field];
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

export function retentionFormFrom(settings: RetentionSettings): RetentionForm {
  const form = {} as RetentionForm;
  for (const { field } of RETENTION_FIELDS) form[field] = String(settings[field]);
  return form;
}

export function buildRetentionInput(form: RetentionForm): { ok: true; input: RetentionSettings } | { ok: false; errors: RetentionErrors } {
  const errors: RetentionErrors = {};
  const input = {} as RetentionSettings;
  for (const { field, label, unit } of RETENTION_FIELDS) {
    const { min, max } = retentionLimits(field);
    const text = form[field].trim();
    const n = text === '' ? Number.NaN : Number(text);
    if (!Number.isInteger(n) || n < min || n > max) errors[field] = `${label} must be a whole number of ${unit} from ${min} to ${max}.`;
    input[field] = n;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // The schema is the last word; a failure here means the table above drifted from it.
  const parsed = retentionInput.safeParse(input);
  if (!parsed.success) return { ok: false, errors: { leadInMin: parsed.error.issues[0]?.message ?? 'Invalid settings.' } };
  return { ok: true, input: parsed.data };
}
