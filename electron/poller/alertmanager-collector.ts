import type { SourceConnection } from '../../shared/domain/sources';
import { AlertmanagerClient } from '../sources/alertmanager';
import { SourceError } from '../sources/source-error';
import { firingFromAlertmanager } from './alerts';
import { outcome, plural, type Collector, type TestAnswer } from './collector-kit';
import type { Collection } from './types';

export function createAlertmanagerCollector(conn: SourceConnection): Collector {
  const client = AlertmanagerClient.connect(conn);
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
        // The version is for the test line only: a server that will not say is not a failure.
        const [v, alerts] = await Promise.all([
          client.status({ signal }).then(
            (s) => s.version,
            () => null,
          ),
          client.alerts({ ...filter, signal }),
        ]);
        const firing = firingFromAlertmanager(alerts);
        return {
          summary: `Alertmanager${v ? ` ${v}` : ''} — ${plural(firing.length, 'alert')} firing`,
          details: firing.slice(0, 10).map((a) => `${a.name}${a.severity ? ` (${a.severity})` : ''}${a.summary ? `: ${a.summary}` : ''}`),
        };
      });
    },

    close() {
      client.close();
    },
  };
}
