import { describe, expect, it } from 'vitest';
import type { SourceHealth } from '../../../shared/domain/source-config';
import { healthText } from './health-text';

const NOW = 1_700_000_000_000;
const base: SourceHealth = {
  sourceId: 1,
  state: 'ok',
  lastAttemptAt: NOW - 4_000,
  lastSuccessAt: NOW - 4_000,
  lastError: null,
  consecutiveFailures: 0,
  latencyMs: 38.4,
  nextPollAt: NOW + 11_000,
};

describe('healthText', () => {
  it('says when an ok source was polled and how fast it answered', () => {
    expect(healthText(base, NOW)).toBe('ok · polled 4s ago · 38 ms');
  });

  it('says why a source is down and how old its last good data is', () => {
    const down: SourceHealth = {
      ...base,
      state: 'down',
      lastAttemptAt: NOW,
      lastSuccessAt: NOW - 12 * 60_000,
      lastError: { at: NOW, kind: 'refused', message: 'nothing listens at 127.0.0.1:9090' },
      consecutiveFailures: 3,
    };
    expect(healthText(down, NOW)).toBe(
      'down · refused: nothing listens at 127.0.0.1:9090 · 3 failures in a row · last good data 12m 00s ago',
    );
    expect(healthText({ ...down, lastSuccessAt: null, consecutiveFailures: 1 }, NOW)).toBe(
      'down · refused: nothing listens at 127.0.0.1:9090 · no good data yet',
    );
  });

  it('covers sources not polled yet and switched off', () => {
    expect(healthText({ ...base, state: 'unknown', lastSuccessAt: null, nextPollAt: NOW + 2_500 }, NOW)).toBe(
      'not polled yet · first poll in 3s',
    );
    expect(healthText({ ...base, state: 'disabled', lastSuccessAt: NOW - 3 * 3_600_000 }, NOW)).toBe(
      'disabled · not polled · last good data 3h 00m ago',
    );
  });
});
