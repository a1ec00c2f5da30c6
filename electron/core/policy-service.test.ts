import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/policy/severity-policy';
import { openTestStore } from '../store/test-fixtures';
import { SettingsRepo } from '../store/settings-repo';
import { PolicyService } from './policy-service';

let close: () => void = () => undefined;
afterEach(() => close());

function service(): { svc: PolicyService; settings: SettingsRepo } {
  const store = openTestStore();
  close = store.close;
  const settings = new SettingsRepo(store.db);
  return { svc: new PolicyService(settings), settings };
}

describe('the response-clock start in the severity policy', () => {
  it('counts from detection by default, also for a policy saved before the setting existed', () => {
    const { svc, settings } = service();
    expect(svc.get().responseClockFrom).toBe('detected');
    const { responseClockFrom: _clock, ...older } = DEFAULT_POLICY;
    settings.write('severity-policy', { ...older, rules: { ...older.rules, SEV1: { ...older.rules.SEV1, responseSlaMin: 7 } } });
    expect(svc.get()).toMatchObject({ responseClockFrom: 'detected', rules: { SEV1: { responseSlaMin: 7 } } });
  });

  it('keeps the stored choice when an editor saves only the rules and matrix', () => {
    const { svc } = service();
    svc.set({ ...DEFAULT_POLICY, escalationMatrix: [...DEFAULT_POLICY.escalationMatrix], responseClockFrom: 'declared' });
    const { responseClockFrom: _clock, ...rulesAndMatrix } = DEFAULT_POLICY;
    const saved = svc.set({ ...rulesAndMatrix, escalationMatrix: [...rulesAndMatrix.escalationMatrix] });
    expect(saved.responseClockFrom).toBe('declared');
    expect(svc.set({ ...saved, escalationMatrix: [...saved.escalationMatrix], responseClockFrom: 'detected' }).responseClockFrom).toBe(
      'detected',
    );
  });
});
