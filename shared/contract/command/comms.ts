import { z } from 'zod';
import type { CommsRecord, CommsSettings } from '../../command/types';
import * as c from './command-schemas';
import { emptyInput, out } from '../define';

/** Stakeholder communications: templates (settings) and messages marked sent. */
export const commsChannels = {
  'comms:get-settings': { input: emptyInput, output: out<CommsSettings>() },
  /** Refused with the line and name of any unknown placeholder. */
  'comms:save-template': { input: c.templateBodyInput, output: out<CommsSettings>() },
  'comms:reset-template': { input: z.strictObject({ id: c.templateId }), output: out<CommsSettings>() },
  'comms:set-status-page': { input: c.statusPageInput, output: out<CommsSettings>() },
  /** Records the final text on the timeline; an update resets the update timer, a resolution notice answers its due item. */
  'comms:mark-sent': { input: c.markSentInput, output: out<CommsRecord>() },
} as const;
