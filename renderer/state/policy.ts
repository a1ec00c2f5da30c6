import { create } from 'zustand';
import { DEFAULT_POLICY, type SeverityPolicy } from '../../shared/policy/severity-policy';
import { call, errorMessage } from '../api/client';
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
