import { z } from 'zod';
import type { SourceConnection } from '../../shared/domain/sources';
import { AlertmanagerClient } from '../sources/alertmanager';
import { createHttpClient, type HttpClient } from '../sources/http';
import { SourceError } from '../sources/source-error';
import { firingFromAlertmanager } from './alerts';
import { outcome, plural, type Collector, type TestAnswer } from './collector-kit';
import type { Collection } from './types';

const statusSchema = z.object({ versionInfo: z.object({ version: z.string() }) });

/** The version from /api/v2/status, for the test line only; a missing one is not a failure. */
async function version(http: HttpClient, signal: AbortSignal): Promise<string | null> {
  try {
    const res = await http.request({ path: '/api/v2/status', signal });
    if (res.status !== 200) return null;
    const parsed = statusSchema.safeParse(JSON.parse(res.text));
    return parsed.success ? parsed.data.versionInfo.version : null;
  } catch {
    return null;
  }
}

export function createAlertmanagerCollector(conn: SourceConnection): Collector {
  const http = createHttpClient(conn, 'Alertmanager');
  const client = new AlertmanagerClient(http);
  const where = `Alertmanager at ${conn.baseUrl}`;
  // Alertmanager filters server-side; the client-side filter in firingFromAlertmanager is a second check.
  // Unprocessed alerts are kept: they fire, the dispatcher just has not routed them yet.
  const filter = { active: true, silenced: false, inhibited: false };

  return {
    async collect(signal): Promise<Collection> {
      const alerts = firingFromAlertmanager(await client.alerts({ ...filter, signal }));
      return { samples: [], alerts, partialErrors: [] };
    },

    test(signal) {
      return outcome(where, async (): Promise<TestAnswer> => {
        const ready = await client.ready({ signal });
        if (!ready.ready) {
          const message = `Alertmanager is not ready: ${ready.message}`;
          return { summary: message, details: [], failure: new SourceError('http', message, { status: 503 }) };
        }
        const [v, alerts] = await Promise.all([version(http, signal), client.alerts({ ...filter, signal })]);
        const firing = firingFromAlertmanager(alerts);
        return {
          summary: `Alertmanager${v ? ` ${v}` : ''} — ${plural(firing.length, 'alert')} firing`,
          details: firing.slice(0, 10).map((a) => `${a.name}${a.severity ? ` (${a.severity})` : ''}${a.summary ? `: ${a.summary}` : ''}`),
        };
      });
    },

    close() {
      http.close();
    },
  };
}
