import { create } from 'zustand';

export type AppState = 'loading' | 'loaded' | 'error';

interface UiState {
  appState: AppState;
  declareOpen: boolean;
  /** The last action that failed, in words; null when there is nothing to say. */
  banner: string | null;
}

const useUiStore = create<UiState>()(() => ({ appState: 'loading', declareOpen: false, banner: null }));

export const useAppState = (): AppState => useUiStore((s) => s.appState);
export const useDeclareOpen = (): boolean => useUiStore((s) => s.declareOpen);
export const useBanner = (): string | null => useUiStore((s) => s.banner);

export function setAppState(appState: AppState): void {
  // 'loaded' is sticky: a later failed refresh shows a banner but the app stays usable.
  if (useUiStore.getState().appState === 'loaded' && appState !== 'loaded') return;
  useUiStore.setState({ appState });
}

export function openDeclare(): void {
  useUiStore.setState({ declareOpen: true });
}

export function closeDeclare(): void {
  useUiStore.setState({ declareOpen: false });
}

export function showBanner(message: string): void {
  useUiStore.setState({ banner: message });
}

export function dismissBanner(): void {
  useUiStore.setState({ banner: null });
}
