import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/policy/severity-policy';
import { buildPolicy, policyFormFrom } from './policy-form';

describe('policy form', () => {
  it("round-trips the seeds' defaults", () => {
    const { responseClockFrom: _clock, ...rulesAndMatrix } = DEFAULT_POLICY;
    expect(buildPolicy(policyFormFrom(DEFAULT_POLICY))).toEqual({ ok: true, policy: rulesAndMatrix });
  });

  it('reads blank escalation and cadence as "never", and a channel list as typed', () => {
    const form = policyFormFrom(DEFAULT_POLICY);
    form.rules.SEV2 = {
      responseSlaMin: '10',
      escalationMin: '',
      channels: 'pagerduty,  slack-incidents , pagerduty',
      updateCadenceMin: '',
    };
    const r = buildPolicy(form);
    expect(r.ok && r.policy.rules.SEV2).toEqual({
      responseSlaMin: 10,
      escalationMin: null,
      notificationChannels: ['pagerduty', 'slack-incidents'],
      updateCadenceMin: null,
    });
  });

  it('names each bad field and keeps what was typed', () => {
    const form = policyFormFrom(DEFAULT_POLICY);
    form.rules.SEV1.responseSlaMin = '0';
    form.rules.SEV3.updateCadenceMin = 'soon';
    const r = buildPolicy(form);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual({
      'SEV1.responseSlaMin': 'SEV1 response SLA must be a whole number of minutes from 1 to 10080.',
      'SEV3.updateCadenceMin': 'SEV3 update cadence must be a whole number of minutes from 1 to 10080, or blank for none.',
    });
    expect(form.rules.SEV3.updateCadenceMin).toBe('soon');
  });

  it("applies the contract's rules on the matrix: first step at 0, steps in time order", () => {
    const form = policyFormFrom(DEFAULT_POLICY);
    form.matrix[2] = { ...form.matrix[2]!, fromMin: '10' };
    const r = buildPolicy(form);
    expect(!r.ok && r.errors.form).toMatch(/increasing time order/);
    const first = policyFormFrom(DEFAULT_POLICY);
    first.matrix[0] = { ...first.matrix[0]!, fromMin: '5' };
    expect(!buildPolicy(first).ok).toBe(true);
  });
});
