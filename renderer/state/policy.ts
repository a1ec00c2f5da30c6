import { create } from 'zustand';
import { DEFAULT_POLICY, type ResponseClockStart, type SeverityPolicy } from '../../shared/policy/severity-policy';
import { call, errorMessage } from '../api/client';
import type { Outcome } from './commands';
import { showBanner } from './ui';

interface PolicyState {
  policy: SeverityPolicy;
  /** False until the configured policy arrived; the seed defaults stand in until then. */
  loaded: boolean;
}

const usePolicyStore = create<PolicyState>()(() => ({ policy: DEFAULT_POLICY, loaded: false }));

export const usePolicy = (): SeverityPolicy => usePolicyStore((s) => s.policy);
export const usePolicyLoaded = (): boolean => usePolicyStore((s) => s.loaded);

export async function loadPolicy(): Promise<void> {
  try {
    const policy = await call('policy:get', {});
    usePolicyStore.setState({ policy, loaded: true });
  } catch (err) {
    showBanner(`Could not load the severity policy (showing the defaults): ${errorMessage(err)}`);
  }
}

/** Saves the policy with only its response-clock start changed; the rest is sent back as loaded. */
export async function setResponseClockFrom(from: ResponseClockStart): Promise<Outcome<SeverityPolicy>> {
  try {
    const current = usePolicyStore.getState().policy;
    const policy = await call('policy:set', {
      rules: { ...current.rules },
      escalationMatrix: current.escalationMatrix.map((s) => ({ fromMin: s.fromMin, engage: { ...s.engage } })),
      responseClockFrom: from,
    });
    usePolicyStore.setState({ policy, loaded: true });
    return { ok: true, value: policy };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}
