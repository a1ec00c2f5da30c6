import { z } from 'zod';
import { ACTION_STATUSES, isCalendarDate, type ActionItem } from '../domain/action-items';
import {
  MAX_POSTMORTEM_CHARS,
  POSTMORTEM_TEMPLATES,
  type Postmortem,
  type PostmortemVersion,
  type PostmortemVersionMeta,
  type SaveOutcome,
} from '../domain/postmortem';
import { out } from './define';
import { MAX_NAME, MAX_TITLE } from './limits';
import { incidentId } from './schemas';

/** Postmortems (drafted from a seed template, autosaved, versioned) and action items. */

const versionId = z.uuid({ message: 'not a version id' });
const actionId = z.uuid({ message: 'not an action item id' });
const revision = z.number().int().min(0);

export const postmortemBody = z
  .string()
  .max(
    MAX_POSTMORTEM_CHARS,
    `the postmortem is longer than ${MAX_POSTMORTEM_CHARS.toLocaleString('en-US')} characters; shorten it (nothing was saved)`,
  );

const dueDate = z
  .string()
  .trim()
  .refine(isCalendarDate, 'due date must be a calendar date written YYYY-MM-DD (for example 2025-03-31)')
  .nullable();

const actionTitle = z
  .string()
  .trim()
  .min(1, 'an action item needs a title')
  .max(MAX_TITLE, `the title must be at most ${MAX_TITLE} characters`);
const owner = z.string().trim().max(MAX_NAME, `the owner must be at most ${MAX_NAME} characters`);
const ticket = z.string().trim().max(MAX_NAME, `the ticket reference must be at most ${MAX_NAME} characters`);
const actionStatus = z.enum(ACTION_STATUSES);

export const actionListInput = z.strictObject({
  incidentId: incidentId.optional(),
  statuses: z.array(actionStatus).max(ACTION_STATUSES.length).default([]),
  owner: z.string().trim().max(MAX_NAME).default(''),
  overdueOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(2_000).default(500),
});

export const postmortemChannels = {
  /** Null until a postmortem is drafted for the incident. */
  'postmortem:get': { input: z.strictObject({ incidentId }), output: out<Postmortem | null>() },
  /** Drafts from a template, prefilled from the stored incident. Redrafting keeps the current text as a version first. */
  'postmortem:draft': {
    input: z.strictObject({ incidentId, template: z.enum(POSTMORTEM_TEMPLATES), replace: z.boolean().default(false) }),
    output: out<Postmortem>(),
  },
  /** Autosave: `revision` is the one the text was typed on; an unchanged text writes nothing. */
  'postmortem:save': { input: z.strictObject({ incidentId, body: postmortemBody, revision }), output: out<SaveOutcome>() },
  'postmortem:snapshot': { input: z.strictObject({ incidentId }), output: out<PostmortemVersionMeta>() },
  'postmortem:list-versions': { input: z.strictObject({ incidentId }), output: out<PostmortemVersionMeta[]>() },
  'postmortem:get-version': { input: z.strictObject({ incidentId, versionId }), output: out<PostmortemVersion>() },
  /** The current text is kept as a version first, so a restore never loses anything. */
  'postmortem:restore-version': { input: z.strictObject({ incidentId, versionId, revision }), output: out<Postmortem>() },
  'action:list': { input: actionListInput, output: out<ActionItem[]>() },
  'action:create': {
    input: z.strictObject({
      incidentId,
      title: actionTitle,
      owner: owner.default(''),
      ticket: ticket.default(''),
      dueDate: dueDate.default(null),
      status: actionStatus.default('open'),
    }),
    output: out<ActionItem>(),
  },
  'action:update': {
    input: z
      .strictObject({
        id: actionId,
        title: actionTitle.optional(),
        owner: owner.optional(),
        ticket: ticket.optional(),
        dueDate: dueDate.optional(),
        status: actionStatus.optional(),
      })
      .refine((i) => Object.keys(i).length > 1, 'nothing to change'),
    output: out<ActionItem>(),
  },
} as const;
