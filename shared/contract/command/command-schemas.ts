import { z } from 'zod';
import { PUBLIC_STATUSES } from '../../command/comms-values';
import { MATCHER_OPS, SILENCE_MAX_MINUTES, SILENCE_MIN_MINUTES } from '../../command/silence';
import { TEMPLATE_IDS } from '../../command/templates';
import { ESCALATION_LEVELS } from '../../policy/severity-policy';
import { MAX_LIST_ITEMS, MAX_NAME, MAX_TEXT } from '../limits';
import { incidentId } from '../schemas';

/** zod pieces for the command domain's channels (due items, comms, mitigations). */

export const sourceId = z.number().int().positive();
export const templateId = z.enum(TEMPLATE_IDS);
export const escalationLevel = z.enum(ESCALATION_LEVELS);
/** UUIDv7 text ids of comms and mitigation records. */
export const recordId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not a record id');
export const dueKey = z.string().min(1).max(200);

const field = z.string().max(2_000, 'a field must be at most 2000 characters');

export const stakeholderFields = z.strictObject({
  publicStatus: z.enum(PUBLIC_STATUSES),
  impact: field,
  nextSteps: field,
  eta: field,
  resolution: field,
  followUp: field,
});

export const markSentInput = z.strictObject({
  id: incidentId,
  templateId,
  text: z.string().trim().min(1, 'the message is empty').max(MAX_TEXT, `the message must be at most ${MAX_TEXT} characters`),
  fields: stakeholderFields,
  audience: z.array(z.string().trim().min(1).max(MAX_NAME)).max(MAX_LIST_ITEMS),
});

/** asynq queue names are free text to asynq; here they are bounded and checked against the source's list before use. */
export const queueName = z.string().trim().min(1, 'name the queue').max(MAX_NAME);

export const queueActionInput = z.strictObject({ id: incidentId, sourceId, queue: queueName });

export const matcher = z.strictObject({
  name: z.string().trim().max(MAX_NAME),
  op: z.enum(MATCHER_OPS),
  value: z.string().max(1_000),
});

export const createSilenceInput = z.strictObject({
  id: incidentId,
  sourceId,
  matchers: z.array(matcher).max(MAX_LIST_ITEMS),
  durationMin: z
    .number()
    .int('the duration must be whole minutes')
    .min(SILENCE_MIN_MINUTES, `a silence must last at least ${SILENCE_MIN_MINUTES} minutes`)
    .max(SILENCE_MAX_MINUTES, `a silence may last at most ${SILENCE_MAX_MINUTES / 60} hours`),
  comment: z.string().trim().min(1, 'Alertmanager requires a comment').max(1_000),
  expireOnResolve: z.boolean(),
});

export const templateBodyInput = z.strictObject({
  id: templateId,
  body: z.string().trim().min(1, 'the template is empty').max(MAX_TEXT),
});

export const statusPageInput = z.strictObject({
  url: z
    .string()
    .trim()
    .max(500)
    .refine((u) => u === '' || /^https?:\/\/\S+$/.test(u), 'the status page must be an http(s) URL, or empty'),
});

export const snoozeInput = z.strictObject({
  incidentId,
  dueKey,
  minutes: z
    .number()
    .int()
    .min(1, 'snooze for at least a minute')
    .max(24 * 60, 'snooze for at most 24 hours'),
});
