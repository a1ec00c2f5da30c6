import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../shared/domain/telemetry';
import { buildRetentionInput, retentionFormFrom, retentionLimits } from './retention-form';

describe('retention form', () => {
  it('round-trips the settings', () => {
    expect(buildRetentionInput(retentionFormFrom(DEFAULT_RETENTION))).toEqual({ ok: true, input: DEFAULT_RETENTION });
  });

  it('explains each bad field with the bounds main enforces', () => {
    const form = { ...retentionFormFrom(DEFAULT_RETENTION), leadInMin: '-5', rollupStepSec: '7.5', maxSeriesPerMetric: '' };
    const r = buildRetentionInput(form);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.leadInMin).toBe('Lead-in must be a whole number of minutes from 0 to 1440.');
    expect(r.errors.rollupStepSec).toMatch(/whole number of seconds from 15 to 3600/);
    expect(r.errors.maxSeriesPerMetric).toMatch(/from 10 to 50000/);
    expect(r.errors.rawKeepHours).toBeUndefined();
  });

  it('reads its limits from the contract', () => {
    expect(retentionLimits('rawKeepHours')).toEqual({ min: 1, max: 336 });
  });
});
