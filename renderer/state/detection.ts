import { create } from 'zustand';
import type { ChannelInput } from '../../shared/contract/channels';
import type { DetectionSettings } from '../../shared/detection/settings';
import type { DeclareOutcome, DetectionView, Suggestion } from '../../shared/detection/types';
import { call, errorMessage, onConnection, onEvent } from '../api/client';
import type { Outcome } from './commands';
import { selectIncident } from './detail';
import { loadIncidents } from './incidents';

interface DetectionState {
  view: DetectionView | null;
  error: string | null;
  /** What the last declare / attach did, in words (pinned evidence, a playbook that could not be attached). */
  notice: { text: string; problems: string[] } | null;
}

const useDetectionStore = create<DetectionState>()(() => ({ view: null, error: null, notice: null }));

const EMPTY: Suggestion[] = [];
export const useSuggestions = (): Suggestion[] => useDetectionStore((s) => s.view?.suggestions ?? EMPTY);
export const useDetectionView = (): DetectionView | null => useDetectionStore((s) => s.view);
export const useDetectionError = (): string | null => useDetectionStore((s) => s.error);
export const useDetectionNotice = (): DetectionState['notice'] => useDetectionStore((s) => s.notice);

let seq = 0;

/** Re-reads suggestions and rule states; only the newest answer is kept. */
export async function loadDetection(): Promise<void> {
  const mine = ++seq;
  try {
    const view = await call('detection:get', {});
    if (mine === seq) useDetectionStore.setState({ view, error: null });
  } catch (err) {
    if (mine === seq) useDetectionStore.setState({ error: `Could not load suggested incidents: ${errorMessage(err)}` });
  }
}

export function clearDetectionNotice(): void {
  useDetectionStore.setState({ notice: null });
}

function noticeFor(verb: string, out: DeclareOutcome): DetectionState['notice'] {
  const pinned = out.pinned === 1 ? '1 evidence window' : `${out.pinned} evidence windows`;
  const playbook = out.playbook?.attached ? `, playbook ${out.playbook.id} attached` : '';
  return { text: `${verb} ${out.incident.ref}: ${pinned} pinned${playbook}.`, problems: out.problems };
}

async function act<T>(run: () => Promise<T>, after: (value: T) => void | Promise<void>): Promise<Outcome<T>> {
  try {
    const value = await run();
    await after(value);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  } finally {
    await loadDetection();
  }
}

export function declareSuggestion(input: ChannelInput<'detection:declare'>): Promise<Outcome<DeclareOutcome>> {
  return act(
    () => call('detection:declare', input),
    async (out) => {
      useDetectionStore.setState({ notice: noticeFor('Declared', out) });
      selectIncident(out.incident.id);
      await loadIncidents();
    },
  );
}

export function attachSuggestion(input: ChannelInput<'detection:attach'>): Promise<Outcome<DeclareOutcome>> {
  return act(
    () => call('detection:attach', input),
    (out) => {
      useDetectionStore.setState({ notice: noticeFor('Attached to', out) });
      selectIncident(out.incident.id);
    },
  );
}

export function dismissSuggestion(input: ChannelInput<'detection:dismiss'>): Promise<Outcome<Suggestion>> {
  return act(
    () => call('detection:dismiss', input),
    () => undefined,
  );
}

export async function getDetectionSettings(): Promise<Outcome<DetectionSettings>> {
  try {
    return { ok: true, value: await call('detection:get-settings', {}) };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

export async function saveDetectionSettings(settings: DetectionSettings): Promise<Outcome<DetectionSettings>> {
  try {
    const value = await call('detection:set-settings', settings);
    await loadDetection();
    return { ok: true, value };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

/**
 * Live: every pushed detection event (and an incident change, which can cover or uncover a
 * suggestion) causes one coalesced re-read; a reconnect re-reads, since events sent meanwhile are gone.
 */
export function startDetection(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = (): void => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void loadDetection();
    }, 100);
  };
  const offs = [
    onEvent('detection:changed', refresh),
    onEvent('detection:suggested', refresh),
    onEvent('incident:changed', refresh),
    onConnection((_state, reconnected) => reconnected && refresh()),
  ];
  void loadDetection();
  return () => {
    clearTimeout(timer);
    for (const off of offs) off();
  };
}
