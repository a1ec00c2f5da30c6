import type { z } from 'zod';
import type { CallOptions } from './client-types';
import type { SourceConnection } from '../../shared/domain/sources';
import { createHttpClient, httpStatusError, type HttpClient, type HttpResponse } from './http';
import {
  queueReply,
  queuesReply,
  serversReply,
  tasksReply,
  type AsynqDailyStat,
  type AsynqQueue,
  type AsynqServer,
  type AsynqTask,
  type TaskState,
} from './asynqmon-schema';
import { SourceError, bodySnippet, parseJson, parseWith } from './source-error';

export { TASK_STATES } from './asynqmon-schema';
export type { AsynqDailyStat, AsynqQueue, AsynqServer, AsynqTask, TaskState } from './asynqmon-schema';

export type QueueAction = 'pause' | 'resume';

/**
 * What a pause or resume did, as read back from AsynqMon afterwards: a 2xx alone proves nothing
 * (AsynqMon answers 204 to pausing a queue that does not exist, and 200 with its web page to any
 * path it does not route — contracts/upstream-apis.md, "Measured against real servers").
 */
export interface QueueActionResult {
  queue: string;
  action: QueueAction;
  /** AsynqMon's answer to the request: it made the change, or the queue was already that way ("already paused"). */
  answer: 'changed' | 'already';
  /** The queue as read right after, stamped with AsynqMon's clock; null when that read failed (see `unconfirmed`). */
  observed: { paused: boolean; atMs: number; pending: number; active: number } | null;
  /** True only when the read-back shows the state that was asked for. */
  confirmed: boolean;
  /** Why the outcome is not confirmed, in words; null when it is. */
  unconfirmed: string | null;
}

export interface QueueActionOptions extends CallOptions {
  /** The queue names AsynqMon listed just now, when the caller has read them: the check uses them instead of asking again. */
  knownQueues?: readonly string[];
}

/** A 2xx whose body is a web page: the base URL points at AsynqMon's UI (or another site), not its API. */
export function isWebPage(res: HttpResponse): boolean {
  const type = String(res.headers['content-type'] ?? '').toLowerCase();
  return type.startsWith('text/html') || /^\s*<(?:!doctype\s+html|html)[\s>]/i.test(res.text);
}

export class AsynqmonClient {
  constructor(private readonly http: HttpClient) {}

  static connect(conn: SourceConnection): AsynqmonClient {
    return new AsynqmonClient(createHttpClient(conn, 'AsynqMon'));
  }

  close(): void {
    this.http.close();
  }

  async listQueues(options: CallOptions = {}): Promise<AsynqQueue[]> {
    return (await this.get('/api/queues', {}, queuesReply, 'queue list', options)).queues;
  }

  async getQueue(queue: string, options: CallOptions = {}): Promise<{ current: AsynqQueue; history: AsynqDailyStat[] }> {
    return this.get(`/api/queues/${encodeURIComponent(queue)}`, {}, queueReply, `queue "${queue}"`, options);
  }

  async listServers(options: CallOptions = {}): Promise<AsynqServer[]> {
    return (await this.get('/api/servers', {}, serversReply, 'server list', options)).servers;
  }

  /** `page` is 1-based; AsynqMon reads `size` (not `page_size`) and defaults it to 20. */
  async listTasks(
    queue: string,
    state: TaskState,
    options: CallOptions & { page?: number; size?: number } = {},
  ): Promise<{ tasks: AsynqTask[]; stats: AsynqQueue }> {
    const path = `/api/queues/${encodeURIComponent(queue)}/${state}_tasks`;
    const query = { page: options.page ?? 1, size: options.size ?? 20 };
    return this.get(path, query, tasksReply, `${state} tasks of "${queue}"`, options);
  }

  /**
   * Pauses a queue AsynqMon lists, then reads it back. Refused before anything is sent when the queue
   * is not in AsynqMon's queue list right now (AsynqMon would answer 204 and pause nothing visible).
   * Pausing twice is not a failure for an incident commander: the queue is paused either way.
   */
  pauseQueue(queue: string, options: QueueActionOptions = {}): Promise<QueueActionResult> {
    return this.queueAction(queue, 'pause', options);
  }

  /** Resumes a queue AsynqMon lists, then reads it back; "not paused" reads as already running. */
  resumeQueue(queue: string, options: QueueActionOptions = {}): Promise<QueueActionResult> {
    return this.queueAction(queue, 'resume', options);
  }

  private async queueAction(queue: string, action: QueueAction, options: QueueActionOptions): Promise<QueueActionResult> {
    await this.checkKnownQueue(queue, action, options);
    const res = await this.http.request({
      method: 'POST',
      path: `/api/queues/${encodeURIComponent(queue)}:${action}`,
      signal: options.signal,
    });
    const answer = this.actionAnswer(res, queue, action);
    const wantPaused = action === 'pause';
    let observed: QueueActionResult['observed'] = null;
    let unconfirmed: string | null = null;
    try {
      const { current } = await this.getQueue(queue, options);
      observed = { paused: current.paused, atMs: observedAt(current.timestamp), pending: current.pending, active: current.active };
      if (current.paused !== wantPaused) {
        unconfirmed = `${this.http.where} accepted the ${action}, but queue "${queue}" still reads ${current.paused ? 'paused' : 'running'}`;
      }
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      unconfirmed = `${this.http.where} accepted the ${action}, but reading queue "${queue}" back failed: ${detail}`;
    }
    return { queue, action, answer, observed, confirmed: unconfirmed === null, unconfirmed };
  }

  /** The name must be one AsynqMon lists now, and one its router can address (it decodes %2F before routing). */
  private async checkKnownQueue(queue: string, action: QueueAction, options: QueueActionOptions): Promise<void> {
    if (queue.includes('/')) {
      throw new SourceError(
        'rejected',
        `queue "${queue}" contains "/", which AsynqMon's API cannot address (it answers such paths with its web page); nothing was sent — ${action} it with the asynq CLI instead`,
      );
    }
    const names = options.knownQueues ?? (await this.listQueues(options)).map((q) => q.queue);
    if (names.includes(queue)) return;
    const known = names.length === 0 ? 'it lists no queues' : `it lists ${names.map((n) => `"${n}"`).join(', ')}`;
    throw new SourceError('rejected', `${this.http.where} has no queue "${queue}" (${known}); nothing was sent`);
  }

  private actionAnswer(res: HttpResponse, queue: string, action: QueueAction): QueueActionResult['answer'] {
    if (isOk(res)) {
      if (isWebPage(res)) throw this.webPageError(res);
      // 204 with an empty body is what the handler writes; anything else is not this API.
      if (res.text.trim() !== '') {
        throw new SourceError(
          'malformed',
          `${this.http.where} answered the ${action} of "${queue}" with an unexpected body: "${bodySnippet(res.text)}"`,
          {
            status: res.status,
          },
        );
      }
      return 'changed';
    }
    const already = action === 'pause' ? /is already paused/ : /is not paused/;
    if (res.status === 500 && already.test(res.text)) return 'already';
    throw this.statusError(res);
  }

  private async get<T>(path: string, query: Record<string, number>, schema: z.ZodType<T>, what: string, options: CallOptions): Promise<T> {
    const res = await this.http.request({ path, query, signal: options.signal });
    if (!isOk(res)) throw this.statusError(res);
    if (isWebPage(res)) throw this.webPageError(res);
    // AsynqMon sets no Content-Type, so Go sniffs JSON as text/plain: trust the body, not the header.
    const json = parseJson(res.text, `the AsynqMon ${what}`);
    return parseWith(schema, json, `the AsynqMon ${what}`);
  }

  private webPageError(res: HttpResponse): SourceError {
    return new SourceError(
      'malformed',
      `${this.http.where} answers with a web page, not the AsynqMon API — check the base URL (AsynqMon's own address, with its --root-path if it has one)`,
      { status: res.status },
    );
  }

  private statusError(res: HttpResponse): Error {
    const err = httpStatusError(this.http.where, res.status, res.text);
    // The most common 500s during an incident: AsynqMon is up but its Redis is not (refused), or hangs (i/o timeout).
    if (/dial tcp .*connect/.test(res.text)) err.message += ' (AsynqMon cannot reach Redis)';
    else if (/i\/o timeout/.test(res.text))
      err.message += ' (AsynqMon gets no answer from Redis in time: Redis is hung, overloaded or unreachable)';
    return err;
  }
}

/** AsynqMon stamps each queue snapshot with its own clock (RFC3339Nano); our clock stands in when it cannot be read. */
function observedAt(timestamp: string): number {
  const ms = Date.parse(timestamp);
  return Number.isFinite(ms) ? ms : Date.now();
}

function isOk(res: HttpResponse): boolean {
  return res.status >= 200 && res.status < 300;
}
