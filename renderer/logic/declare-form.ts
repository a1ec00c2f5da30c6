import type { ChannelInput } from '../../shared/contract/channels';
import { declareInput } from '../../shared/contract/schemas';
import type { Severity } from '../../shared/domain/severity';
import { fromTimeInput, splitList } from './format';

/** What the declare dialog holds while someone types. */
export interface DeclareForm {
  title: string;
  summary: string;
  severity: Severity;
  services: string[];
  otherServices: string;
  tenants: string;
  impactStartedAt: string;
  detectedAt: string;
}

export type DeclareField = 'title' | 'summary' | 'severity' | 'services' | 'tenants' | 'impactStartedAt' | 'detectedAt';
export type FieldErrors = Partial<Record<DeclareField, string>>;

export const EMPTY_DECLARE_FORM: DeclareForm = {
  title: '',
  summary: '',
  severity: 'SEV2',
  services: [],
  otherServices: '',
  tenants: '',
  impactStartedAt: '',
  detectedAt: '',
};

const FIELDS: readonly string[] = ['title', 'summary', 'severity', 'services', 'tenants', 'impactStartedAt', 'detectedAt'];
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Turns the form into the channel input, checked with the same zod schema main
 * uses, so the dialog can say what is wrong next to the field before a round trip.
 */
export function buildDeclareInput(
  form: DeclareForm,
  now: number,
): { ok: true; input: ChannelInput<'incident:declare'> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const impact = fromTimeInput(form.impactStartedAt);
  const detected = fromTimeInput(form.detectedAt);
  if (Number.isNaN(impact)) errors.impactStartedAt = 'Write it as YYYY-MM-DD HH:MM (seconds optional), 24-hour.';
  if (Number.isNaN(detected)) errors.detectedAt = 'Write it as YYYY-MM-DD HH:MM (seconds optional), 24-hour.';
  if (impact !== null && impact > now + FUTURE_TOLERANCE_MS) errors.impactStartedAt = 'Impact start is in the future.';
  if (detected !== null && detected > now + FUTURE_TOLERANCE_MS) errors.detectedAt = 'Detection time is in the future.';
  if (impact !== null && detected !== null && !errors.detectedAt && !errors.impactStartedAt && detected < impact) {
    errors.detectedAt = 'Detected cannot be before impact start.';
  }

  const services = [...form.services];
  for (const s of splitList(form.otherServices)) if (!services.includes(s)) services.push(s);
  const candidate = {
    title: form.title,
    summary: form.summary.trim(),
    severity: form.severity,
    services,
    tenants: splitList(form.tenants),
    impactStartedAt: Number.isNaN(impact) ? null : impact,
    detectedAt: Number.isNaN(detected) ? null : detected,
  };
  const parsed = declareInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      const field = (typeof key === 'string' && FIELDS.includes(key) ? key : 'title') as DeclareField;
      errors[field] ??= capitalise(issue.message);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
