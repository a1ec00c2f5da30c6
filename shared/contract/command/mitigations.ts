import { z } from 'zod';
import type { LiveQueue, MitigationRecord, SilenceProposal } from '../../command/types';
import * as c from './command-schemas';
import { out } from '../define';
import { incidentId } from '../schemas';

/**
 * Mitigations through the sources. Each is refused before anything is sent when the source is down
 * or the input is wrong; once sent, the outcome (done or failed, in words) is recorded on the timeline.
 */
export const mitigationChannels = {
  /** The queues an AsynqMon source reports right now (read live, so the dialog shows the current state). */
  'mitigation:list-queues': { input: z.strictObject({ sourceId: c.sourceId }), output: out<LiveQueue[]>() },
  'mitigation:pause-queue': { input: c.queueActionInput, output: out<MitigationRecord>() },
  'mitigation:resume-queue': { input: c.queueActionInput, output: out<MitigationRecord>() },
  /** Matchers for the incident's alerts on record, and those alerts, for the silence dialog. */
  'mitigation:propose-silence': { input: z.strictObject({ id: incidentId }), output: out<SilenceProposal>() },
  'mitigation:create-silence': { input: c.createSilenceInput, output: out<MitigationRecord>() },
  'mitigation:expire-silence': { input: z.strictObject({ id: incidentId, mitigationId: c.recordId }), output: out<MitigationRecord>() },
} as const;
