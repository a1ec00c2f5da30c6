import { z } from 'zod';
import { EDITABLE_TIMES } from '../domain/incident';
import { ROLES } from '../domain/roles';
import { SEVERITIES } from '../domain/severity';
import { STATUSES } from '../domain/status';
import { ESCALATION_LEVELS, RESPONSE_CLOCK_STARTS } from '../policy/severity-policy';
import { MAX_LIST_ITEMS, MAX_NAME, MAX_TEXT, MAX_TITLE } from './limits';

/** Reusable zod pieces for channel inputs. Every object is strict: unknown keys are an error, not ignored. */

const trimmed = (max: number, what: string) =>
  z.string().trim().min(1, `${what} must not be empty`).max(max, `${what} must be at most ${max} characters`);

export const incidentId = z.number().int().positive();
export const severity = z.enum(SEVERITIES);
export const status = z.enum(STATUSES);
export const role = z.enum(ROLES);
export const title = trimmed(MAX_TITLE, 'title');
export const personName = trimmed(MAX_NAME, 'name');
export const longText = z.string().max(MAX_TEXT, `text must be at most ${MAX_TEXT} characters`);
export const nameList = z.array(trimmed(MAX_NAME, 'name')).max(MAX_LIST_ITEMS);
/** Epoch milliseconds within a sane range (2000-01-01 .. 2100-01-01). */
export const epochMs = z.number().int().min(946_684_800_000).max(4_102_444_800_000);
export const editableTime = z.enum(EDITABLE_TIMES);

export const declareInput = z.strictObject({
  title,
  summary: longText.default(''),
  severity,
  services: nameList.default([]),
  tenants: nameList.default([]),
  impactStartedAt: epochMs.nullable().default(null),
  detectedAt: epochMs.nullable().default(null),
});

export const listInput = z.strictObject({
  search: z.string().trim().max(200).default(''),
  includeClosed: z.boolean().default(true),
  limit: z.number().int().min(1).max(500).default(200),
});

const rule = z.strictObject({
  responseSlaMin: z.number().int().min(1).max(10_080),
  escalationMin: z.number().int().min(1).max(10_080).nullable(),
  notificationChannels: nameList,
  updateCadenceMin: z.number().int().min(1).max(10_080).nullable(),
});

const level = z.enum(ESCALATION_LEVELS).nullable();

export const policyInput = z.strictObject({
  rules: z.strictObject({ SEV1: rule, SEV2: rule, SEV3: rule, SEV4: rule }),
  escalationMatrix: z
    .array(
      z.strictObject({
        fromMin: z.number().int().min(0).max(100_000),
        engage: z.strictObject({ SEV1: level, SEV2: level, SEV3: level, SEV4: level }),
      }),
    )
    .min(1)
    .max(20)
    .refine(
      (steps) => steps.every((s, i) => i === 0 || s.fromMin > (steps[i - 1]?.fromMin ?? -1)),
      'escalation steps must be in increasing time order',
    )
    .refine((steps) => steps[0]?.fromMin === 0, 'the first escalation step must start at 0 minutes'),
  // Optional: a client that edits only the rules and matrix leaves the stored choice as it is, and a
  // policy saved before this setting existed reads as the default (PolicyService).
  responseClockFrom: z.enum(RESPONSE_CLOCK_STARTS).optional(),
});
