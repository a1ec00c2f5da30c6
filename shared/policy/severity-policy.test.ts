import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, escalationAt } from './severity-policy';

describe('escalation matrix (seed: 0-15m, 15m-1h, 1h-4h, 4h+)', () => {
  it.each([
    ['SEV1', 0, 'on-call', { level: 'team lead', atMin: 15 }],
    ['SEV1', 20, 'team lead', { level: 'management', atMin: 60 }],
    ['SEV1', 300, 'executive', null],
    ['SEV2', 14, 'on-call', { level: 'team lead', atMin: 60 }],
    ['SEV3', 5, null, { level: 'on-call', atMin: 15 }],
    ['SEV4', 59, null, { level: 'on-call', atMin: 60 }],
    ['SEV4', 1000, 'on-call', null],
  ] as const)('%s after %d min engages %s', (sev, min, current, next) => {
    expect(escalationAt(DEFAULT_POLICY, sev, min)).toEqual({ current, next });
  });

  it('keeps the seed SLAs: SEV1 5 min response, 15 min escalation; SEV4 never escalates by time', () => {
    expect(DEFAULT_POLICY.rules.SEV1).toMatchObject({ responseSlaMin: 5, escalationMin: 15 });
    expect(DEFAULT_POLICY.rules.SEV4.escalationMin).toBeNull();
  });
});
