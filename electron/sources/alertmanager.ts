import { z } from 'zod';
import type { SourceConnection } from '../../shared/domain/sources';
import type { CallOptions, Readiness } from './client-types';
import { createHttpClient, httpStatusError, type HttpClient, type HttpResponse, type QueryValue } from './http';
import { labelsSchema } from './samples';
import { bodySnippet, parseJson, parseWith, type SourceError } from './source-error';

const stringList = z
  .array(z.string())
  .nullable()
  .transform((v) => v ?? []);

const alertSchema = z
  .object({
    labels: labelsSchema,
    annotations: labelsSchema.default({}),
    startsAt: z.string(),
    endsAt: z.string(),
    updatedAt: z.string(),
    fingerprint: z.string(),
    generatorURL: z.string().optional(),
    receivers: z.array(z.object({ name: z.string() })).default([]),
    status: z.object({
      state: z.string(),
      silencedBy: stringList.default([]),
      inhibitedBy: stringList.default([]),
      // Only from v0.28; Debian's 0.25 leaves it out.
      mutedBy: stringList.default([]),
    }),
  })
  .transform((a) => ({
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    updatedAt: a.updatedAt,
    fingerprint: a.fingerprint,
    generatorURL: a.generatorURL,
    receivers: a.receivers.map((r) => r.name),
    state: a.status.state,
    silencedBy: a.status.silencedBy,
    inhibitedBy: a.status.inhibitedBy,
    mutedBy: a.status.mutedBy,
  }));
export type AmAlert = z.output<typeof alertSchema>;

/** `alertmanagerStatus` of the v2 spec; only what Pitwall shows is read (cluster and config are left out). */
const statusSchema = z
  .object({
    versionInfo: z.object({ version: z.string(), revision: z.string().default(''), branch: z.string().default('') }),
    uptime: z.string().optional(),
  })
  .transform((s) => ({ ...s.versionInfo, uptime: s.uptime ?? null }));
export type AmStatus = z.output<typeof statusSchema>;

const silenceCreated = z.object({ silenceID: z.string().min(1) });

/** go-openapi schema failures: `{"code": 602, "message": "createdBy in body is required"}`. */
const validationError = z.object({ code: z.number(), message: z.string() });

export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  /** false means `!=` / `!~`; Alertmanager defaults it to true. */
  isEqual?: boolean;
}

export interface NewSilence {
  matchers: SilenceMatcher[];
  startsMs: number;
  endsMs: number;
  createdBy: string;
  comment: string;
  /** Updating an existing silence may still yield a new ID: always keep the returned one. */
  id?: string;
}

export interface AlertFilter {
  active?: boolean;
  silenced?: boolean;
  inhibited?: boolean;
  unprocessed?: boolean;
  /** Matchers such as `alertname="GPUMemHigh"`, ANDed by Alertmanager. */
  filter?: string[];
  receiver?: string;
}

export class AlertmanagerClient {
  constructor(private readonly http: HttpClient) {}

  static connect(conn: SourceConnection): AlertmanagerClient {
    return new AlertmanagerClient(createHttpClient(conn, 'Alertmanager'));
  }

  close(): void {
    this.http.close();
  }

  /** v2 answers a bare JSON array, not an envelope. */
  async alerts(options: CallOptions & AlertFilter = {}): Promise<AmAlert[]> {
    const query: Record<string, QueryValue> = {
      active: options.active,
      silenced: options.silenced,
      inhibited: options.inhibited,
      unprocessed: options.unprocessed,
      filter: options.filter,
      receiver: options.receiver,
    };
    const res = this.expectOk(await this.http.request({ path: '/api/v2/alerts', query, signal: options.signal }));
    return parseWith(z.array(alertSchema), parseJson(res.text, 'the Alertmanager alert list'), 'the Alertmanager alert list');
  }

  /** Returns the silence ID. `annotations` is deliberately not sent: servers before v0.32 do not know it. */
  async createSilence(silence: NewSilence, options: CallOptions = {}): Promise<string> {
    const body = {
      ...(silence.id === undefined ? {} : { id: silence.id }),
      matchers: silence.matchers.map((m) => ({
        name: m.name,
        value: m.value,
        isRegex: m.isRegex,
        isEqual: m.isEqual ?? true,
      })),
      startsAt: new Date(silence.startsMs).toISOString(),
      endsAt: new Date(silence.endsMs).toISOString(),
      createdBy: silence.createdBy,
      comment: silence.comment,
    };
    const res = this.expectOk(
      await this.http.request({
        method: 'POST',
        path: '/api/v2/silences',
        body: { contentType: 'application/json', text: JSON.stringify(body) },
        signal: options.signal,
      }),
    );
    const what = 'the Alertmanager silence reply';
    return parseWith(silenceCreated, parseJson(res.text, what), what).silenceID;
  }

  async expireSilence(id: string, options: CallOptions = {}): Promise<void> {
    const path = `/api/v2/silence/${encodeURIComponent(id)}`;
    this.expectOk(await this.http.request({ method: 'DELETE', path, signal: options.signal }));
  }

  /** The server's version and start time (GET /api/v2/status). */
  async status(options: CallOptions = {}): Promise<AmStatus> {
    const res = this.expectOk(await this.http.request({ path: '/api/v2/status', signal: options.signal }));
    const what = 'the Alertmanager status';
    return parseWith(statusSchema, parseJson(res.text, what), what);
  }

  async ready(options: CallOptions = {}): Promise<Readiness> {
    const res = await this.http.request({ path: '/-/ready', accept: 'text/plain', signal: options.signal });
    const message = bodySnippet(res.text);
    if (res.status === 200) return { ready: true, message };
    if (res.status === 503) return { ready: false, message };
    throw this.statusError(res);
  }

  private expectOk(res: HttpResponse): HttpResponse {
    if (res.status >= 200 && res.status < 300) return res;
    throw this.statusError(res);
  }

  /** Handler errors are a JSON-encoded string; schema errors are `{code, message}`; proxies send anything. */
  private statusError(res: HttpResponse): SourceError {
    let said = res.text;
    try {
      const json: unknown = JSON.parse(res.text);
      if (typeof json === 'string') said = json;
      else {
        const v = validationError.safeParse(json);
        if (v.success) said = v.data.message;
      }
    } catch {
      // Not JSON: the plain text is the message.
    }
    return httpStatusError(this.http.where, res.status, said);
  }
}
