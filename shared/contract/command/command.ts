import { z } from 'zod';
import type { CommandState, Notice, Snooze } from '../../command/types';
import type { TimelineEvent } from '../../domain/incident';
import { commsChannels } from './comms';
import * as c from './command-schemas';
import { emptyInput, out } from '../define';
import { mitigationChannels } from './mitigations';
import { incidentId } from '../schemas';

/**
 * Incident command: what is due and the notifications it raises; comms (comms.ts) and mitigations
 * (mitigations.ts) are merged in here so channels.ts gains one line for the whole domain.
 */
export const commandChannels = {
  /** Due items, comms sent, mitigations and what is still open, for one incident. */
  'command:get-state': { input: z.strictObject({ id: incidentId }), output: out<CommandState>() },
  /** Record that an escalation-matrix level was engaged (answers that step). */
  'command:mark-engaged': { input: z.strictObject({ id: incidentId, level: c.escalationLevel }), output: out<TimelineEvent>() },
  /** Notify again about a due item after `minutes`, not before. */
  'command:snooze': { input: c.snoozeInput, output: out<Snooze>() },
  /** Recent notifications, newest first (for the in-app list after a reload). */
  'command:list-notices': { input: emptyInput, output: out<Notice[]>() },
  /** Copy through the host's clipboard (Electron); browser mode copies in the page instead. */
  'command:copy-text': { input: z.strictObject({ text: z.string().max(100_000) }), output: out<{ copied: true }>() },
  ...commsChannels,
  ...mitigationChannels,
} as const;
