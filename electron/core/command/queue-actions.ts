import type { LiveQueue } from '../../../shared/command/types';
import { AppFailure } from '../../../shared/contract/result';
import type { AsynqmonClient, AsynqQueue, QueueActionResult } from '../../sources/asynqmon';
import { isSourceError } from '../../sources/source-error';

export type QueueVerb = 'pause' | 'resume';

export interface QueueActionOutcome {
  outcome: 'ok' | 'failed';
  /** What happened, as AsynqMon showed it afterwards. */
  message: string;
}

const live = (q: AsynqQueue): LiveQueue => ({ queue: q.queue, paused: q.paused, pending: q.pending, active: q.active });

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function readQueues(client: AsynqmonClient, sourceName: string): Promise<LiveQueue[]> {
  try {
    return (await client.listQueues()).map(live);
  } catch (err) {
    throw new AppFailure('unavailable', `Could not read the queue list of AsynqMon "${sourceName}": ${errText(err)}. Nothing was sent.`, {
      cause: err,
    });
  }
}

/** AsynqMon's own clock as the record shows it: "12:03:41Z". */
function clockOf(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)}Z`;
}

/**
 * Pause or resume one queue: the one place a mitigation talks to AsynqMon, through the client's
 * pauseQueue / resumeQueue (electron/sources/asynqmon.ts), which refuse an unknown queue or a name
 * AsynqMon cannot address before sending, treat a 200 web page as a failure, and read the queue back.
 *
 * Refused before anything is sent (AppFailure): the queue list cannot be read, or the source has no
 * such queue — AsynqMon itself "pauses" any name, and an unknown name must not look like success.
 * Once sent, the outcome is the state AsynqMon reports afterwards, with its time, never only what
 * the POST answered.
 */
export async function pauseOrResume(
  client: AsynqmonClient,
  sourceName: string,
  queue: string,
  verb: QueueVerb,
): Promise<QueueActionOutcome> {
  const queues = await readQueues(client, sourceName);
  if (!queues.some((q) => q.queue === queue)) {
    const known =
      queues
        .map((q) => q.queue)
        .sort()
        .join(', ') || 'none';
    throw new AppFailure('bad-input', `AsynqMon "${sourceName}" has no queue "${queue}" (its queues: ${known}). Nothing was sent.`);
  }
  let result: QueueActionResult;
  try {
    const options = { knownQueues: queues.map((q) => q.queue) };
    result = verb === 'pause' ? await client.pauseQueue(queue, options) : await client.resumeQueue(queue, options);
  } catch (err) {
    // Refused by the client before sending (a name its API cannot address): the person's input, nothing sent.
    if (isSourceError(err) && err.kind === 'rejected') throw new AppFailure('bad-input', err.message, { cause: err });
    return { outcome: 'failed', message: `AsynqMon did not ${verb} "${queue}": ${errText(err)}` };
  }
  const wanted = verb === 'pause';
  const seen = result.observed;
  if (!result.confirmed || seen === null) {
    return { outcome: 'failed', message: `${result.unconfirmed ?? `AsynqMon did not confirm the ${verb} of "${queue}"`}.` };
  }
  const state = wanted ? 'paused' : 'running';
  const counts = `${seen.pending} pending, ${seen.active} active`;
  const what = result.answer === 'already' ? `"${queue}" was already ${state}` : `${wanted ? 'Paused' : 'Resumed'} "${queue}"`;
  return { outcome: 'ok', message: `${what}; confirmed ${state} at ${clockOf(seen.atMs)} by AsynqMon (${counts}).` };
}
