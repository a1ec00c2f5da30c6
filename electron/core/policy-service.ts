import type { ParsedInput } from '../../shared/contract/channels';
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
    if (!parsed.success) return DEFAULT_POLICY;
    return { ...parsed.data, responseClockFrom: parsed.data.responseClockFrom ?? DEFAULT_POLICY.responseClockFrom };
  }

  /** Saves a policy; without a clock start, the stored one is kept (an editor of rules and matrix only). */
  set(policy: ParsedInput<'policy:set'>): SeverityPolicy {
    this.settings.write(KEY, { ...policy, responseClockFrom: policy.responseClockFrom ?? this.get().responseClockFrom });
    return this.get();
  }
}
