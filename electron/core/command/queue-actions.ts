import type { LiveQueue } from '../../../shared/command/types';
import { AppFailure } from '../../../shared/contract/result';
import type { AsynqmonClient, AsynqQueue } from '../../sources/asynqmon';

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

/**
 * Pause or resume one queue: the one place a mitigation talks to AsynqMon, so a better client
 * (name checks, HTML-200 detection, read-back) replaces only this function.
 *
 * Refused before anything is sent (AppFailure): the queue list cannot be read, or the source has no
 * such queue — AsynqMon itself "pauses" any name, and an unknown name must not look like success.
 * Once sent, the queue is read back, and the outcome is what AsynqMon then reports, never only
 * what the POST answered.
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
  let said: string;
  try {
    said = verb === 'pause' ? await client.pause(queue) : await client.resume(queue);
  } catch (err) {
    return { outcome: 'failed', message: `AsynqMon did not ${verb} "${queue}": ${errText(err)}` };
  }
  let after: LiveQueue;
  try {
    after = live((await client.getQueue(queue)).current);
  } catch (err) {
    return { outcome: 'failed', message: `AsynqMon accepted the ${verb} of "${queue}" but reading it back failed: ${errText(err)}` };
  }
  const wanted = verb === 'pause';
  const counts = `${after.pending} pending, ${after.active} active`;
  if (after.paused !== wanted) {
    return {
      outcome: 'failed',
      message: `AsynqMon accepted the ${verb} but still reports "${queue}" ${after.paused ? 'paused' : 'running'} (${counts}).`,
    };
  }
  const already = said === 'already-paused' || said === 'already-running';
  return {
    outcome: 'ok',
    message: `${already ? `"${queue}" was already ${wanted ? 'paused' : 'running'}` : `${wanted ? 'Paused' : 'Resumed'} "${queue}"`}; AsynqMon now reports it ${wanted ? 'paused' : 'running'} (${counts}).`,
  };
}
