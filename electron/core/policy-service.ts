import { policyInput } from '../../shared/contract/schemas';
import { DEFAULT_POLICY, type SeverityPolicy } from '../../shared/policy/severity-policy';
import type { SettingsRepo } from '../store/settings-repo';

const KEY = 'severity-policy';

/** The severity policy: seed defaults until the team edits it. */
export class PolicyService {
  constructor(private readonly settings: SettingsRepo) {}

  get(): SeverityPolicy {
    const parsed = policyInput.safeParse(this.settings.read(KEY));
    // A stored policy that no longer parses (hand-edited file, older shape) falls back to the defaults rather than breaking the header timers.
    return parsed.success ? parsed.data : DEFAULT_POLICY;
  }

  set(policy: SeverityPolicy): SeverityPolicy {
    this.settings.write(KEY, policy);
    return this.get();
  }
}
