import { describe, expect, it } from 'vitest';
import { METRICS } from '../../domain/telemetry';
import { frame, gen, NOW, OK_SOURCES } from '../frame-fixtures';
import { DEFAULT_DETECTION_SETTINGS } from '../settings';
import { authRule } from './auth';

const settings = DEFAULT_DETECTION_SETTINGS.rules['auth-outage'];
const STALE = 90_000;
const gateway = { namespace: 'platform', app: 'api-gateway' };
const hour = { fromSecAgo: 7_200, sourceId: 3 };

describe('auth-outage rule', () => {
  it('fires on a surge of 401 / token-error lines against the hour before', () => {
    const s = gen(gateway, (ago) => (ago <= 120 ? 118 : 2), hour);
    const out = authRule(frame({ [METRICS.logAuthFailures]: [s] }), settings, STALE);
    expect(out.status.state).toBe('firing');
    const f = out.findings[0];
    expect(f?.affected.services).toEqual(['api-gateway']);
    expect(f?.since).toBe(NOW - 120_000);
    expect(f?.evidence[0]?.text).toBe(
      'api-gateway: 118 auth-failure log lines a minute (401 / token errors), raised for 2m 00s; median 2/min before it began',
    );
    expect(f?.evidence[0]?.match).toEqual(gateway);
  });

  it('near miss: a steady trickle of expired tokens, however high, is the baseline', () => {
    const out = authRule(frame({ [METRICS.logAuthFailures]: [gen(gateway, () => 30, hour)] }), settings, STALE);
    expect(out.status.state).toBe('clear');
    expect(out.status.detail).toBe('api-gateway: 30 auth-failure lines/min.');
  });

  it('near miss: a jump from nothing that stays below minPerMin', () => {
    const out = authRule(frame({ [METRICS.logAuthFailures]: [gen(gateway, (ago) => (ago <= 60 ? 12 : 0), hour)] }), settings, STALE);
    expect(out.status.state).toBe('clear');
  });

  it('an empty answer from a healthy Loki that runs the query is zero lines, not "no data"', () => {
    const sources = OK_SOURCES.map((s) => (s.id === 3 ? { ...s, metrics: [METRICS.logAuthFailures] } : s));
    const out = authRule(frame({}, { sources }), settings, STALE);
    expect(out.status).toMatchObject({ state: 'clear', detail: 'No 401 or token-error lines.' });
    const down = sources.map((s) => (s.id === 3 ? { ...s, state: 'down' as const, error: 'connection refused' } : s));
    expect(authRule(frame({}, { sources: down }), settings, STALE).status.detail).toContain('Lab Loki is down: connection refused');
  });

  it('says "no data" naming Loki when it is down, and a hint when no source stores the series', () => {
    const old = gen(gateway, () => 100, { ...hour, toSecAgo: 600 });
    const sources = OK_SOURCES.map((s) => (s.id === 3 ? { ...s, state: 'down' as const, error: 'HTTP 502' } : s));
    const down = authRule(frame({ [METRICS.logAuthFailures]: [old] }, { sources }), settings, STALE);
    expect(down.status.state).toBe('no-data');
    expect(down.status.detail).toContain('Lab Loki is down: HTTP 502');
    const none = authRule(frame({}), settings, STALE);
    expect(none.status.detail).toContain('add a Loki source');
  });
});

describe('auth-outage rule over a long outage', () => {
  it('keeps firing while the outage lasts (it never becomes its own baseline) until it outlasts the baseline window', () => {
    const outage = (minutes: number) =>
      gen(gateway, (ago) => (ago <= minutes * 60 ? 120 : 0), { fromSecAgo: settings.baselineMin * 60, sourceId: 3 });
    expect(authRule(frame({ [METRICS.logAuthFailures]: [outage(30)] }), settings, STALE).status.state).toBe('firing');
    expect(authRule(frame({ [METRICS.logAuthFailures]: [outage(settings.baselineMin - 5)] }), settings, STALE).status.state).toBe('firing');
    expect(authRule(frame({ [METRICS.logAuthFailures]: [outage(settings.baselineMin)] }), settings, STALE).status.state).toBe('clear');
  });
});
