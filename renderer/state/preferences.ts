import { create } from 'zustand';
import type { ChannelInput } from '../../shared/contract/channels';
import type { Preferences, TimeDisplay } from '../../shared/domain/preferences';
import { call, errorMessage } from '../api/client';
import { setTimeDisplay } from '../logic/format';
import { loadAppInfo } from './app-info';
import type { Outcome } from './commands';
import { showBanner } from './ui';

interface PreferencesState {
  prefs: Preferences | null;
  /** The first-run prompt was put off for this page load ("later"). */
  promptDismissed: boolean;
}

const usePreferencesStore = create<PreferencesState>()(() => ({ prefs: null, promptDismissed: false }));

export const usePreferences = (): Preferences | null => usePreferencesStore((s) => s.prefs);
/** The zone every time is written in; UTC until the saved choice arrives. */
export const useTimeDisplay = (): TimeDisplay => usePreferencesStore((s) => s.prefs?.timeDisplay ?? 'utc');
/** True on a first run: nobody has said who is at this console, and no name came with the shell. */
export const useOperatorPromptOpen = (): boolean =>
  usePreferencesStore((s) => s.prefs !== null && s.prefs.operatorSource === 'os-user' && !s.promptDismissed);

function apply(prefs: Preferences): void {
  // format.ts first: the re-render this state change causes must already write times the new way.
  setTimeDisplay(prefs.timeDisplay);
  usePreferencesStore.setState({ prefs });
}

export async function loadPreferences(): Promise<void> {
  try {
    apply(await call('preferences:get', {}));
  } catch (err) {
    showBanner(`Could not read the operator name and time display: ${errorMessage(err)}`);
  }
}

export async function savePreferences(input: ChannelInput<'preferences:set'>): Promise<Outcome<Preferences>> {
  try {
    const prefs = await call('preferences:set', input);
    apply(prefs);
    void loadAppInfo();
    return { ok: true, value: prefs };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

export function dismissOperatorPrompt(): void {
  usePreferencesStore.setState({ promptDismissed: true });
}
