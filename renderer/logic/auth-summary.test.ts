import { describe, expect, it } from 'vitest';
import type { SeriesData, SeriesPoint } from '../../shared/domain/telemetry';
import { authSummary } from './auth-summary';

let id = 0;
const s = (labels: Record<string, string>, points: SeriesPoint[]): SeriesData => ({ id: ++id, sourceId: 1, metric: 'm', labels, points });
const MIN = 60_000;
const counter = (perMin: number, minutes = 5): SeriesPoint[] => Array.from({ length: minutes + 1 }, (_, i) => [i * MIN, i * perMin]);
const win = { fromMs: 0, toMs: 5 * MIN };

describe('auth summary', () => {
  it('calls a Keycloak outage what it is: 401s per minute, their share, the service and the provider down', () => {
    const requests = [
      s({ service: 'echo-api', code: '200' }, counter(900)),
      s({ service: 'echo-api', code: '401' }, counter(600)),
      s({ service: 'jupyterhub', code: '401' }, counter(60)),
      s({ service: 'minio', code: '200' }, counter(400)),
    ];
    const failures = [s({ provider: 'keycloak' }, counter(640)), s({ provider: 'local' }, counter(2))];
    const up = [
      s({ provider: 'keycloak' }, [
        [4 * MIN, 1],
        [5 * MIN, 0],
      ]),
      s({ provider: 'local' }, [[5 * MIN, 1]]),
    ];
    const a = authSummary(requests, failures, up, win);
    expect(a.unauthorizedPerMin).toBeCloseTo(660);
    expect(a.unauthorizedShare).toBeCloseTo(660 / (900 + 600 + 60 + 400));
    expect(a.byService).toEqual([
      { service: 'echo-api', perMin: 600 },
      { service: 'jupyterhub', perMin: 60 },
    ]);
    expect(a.providers).toEqual([
      { provider: 'keycloak', up: false, failuresPerMin: 640 },
      { provider: 'local', up: true, failuresPerMin: 2 },
    ]);
    expect(a.tone).toBe('breach');
    expect(a.trend.filter((p) => p[1] !== null).every((p) => Math.abs((p[1] ?? 0) - 660) < 1e-9)).toBe(true);
  });

  it('reads a trickle of expired tokens on a healthy day as fine', () => {
    const a = authSummary(
      [s({ service: 'echo-api', code: '200' }, counter(1000)), s({ service: 'echo-api', code: '401' }, counter(3))],
      [],
      [s({ provider: 'keycloak' }, [[5 * MIN, 1]])],
      win,
    );
    expect(a.tone).toBe('ok');
    expect(a.unauthorizedShare).toBeCloseTo(3 / 1003);
  });

  it('says nothing is known without series, and counts storage-full refusals', () => {
    expect(authSummary([], [], [], win)).toMatchObject({ unauthorizedPerMin: null, tone: 'unknown', providers: [] });
    const full = authSummary([s({ service: 'minio', code: '507' }, counter(45))], [], [], win);
    expect(full.storageFullPerMin).toBe(45);
  });
});
