import { create } from 'zustand';
import type { ChannelInput } from '../../shared/contract/channels';
import type { PlaybookDetail, PlaybookSummary } from '../../shared/playbooks/library';
import type { PlaybookFormat } from '../../shared/playbooks/playbook-file';
import { ApiError, call, errorMessage, onConnection, onEvent } from '../api/client';
import { checklistsChanged } from './checklists';
import type { Outcome } from './commands';
import { selectedId } from './detail';

interface LibraryState {
  list: PlaybookSummary[];
  loaded: boolean;
  error: string | null;
  selected: string | null;
  detail: PlaybookDetail | null;
  detailError: string | null;
}

const useStore = create<LibraryState>()(() => ({ list: [], loaded: false, error: null, selected: null, detail: null, detailError: null }));

export const usePlaybookList = (): PlaybookSummary[] => useStore((s) => s.list);
export const useLibraryLoaded = (): boolean => useStore((s) => s.loaded);
export const useLibraryError = (): string | null => useStore((s) => s.error);
export const useSelectedPlaybook = (): string | null => useStore((s) => s.selected);
export const usePlaybookDetail = (): PlaybookDetail | null => useStore((s) => s.detail);
export const usePlaybookDetailError = (): string | null => useStore((s) => s.detailError);

export async function loadLibrary(): Promise<void> {
  try {
    const list = await call('playbook:list', {});
    useStore.setState({ list, loaded: true, error: null });
  } catch (err) {
    useStore.setState({ loaded: true, error: `Could not load the playbooks: ${errorMessage(err)}` });
  }
}

let detailSeq = 0;

export async function selectPlaybook(id: string | null, version?: number): Promise<void> {
  const mine = ++detailSeq;
  useStore.setState((s) =>
    s.selected === id && version === undefined ? { selected: id } : { selected: id, detail: null, detailError: null },
  );
  if (id === null) return;
  try {
    const detail = await call('playbook:get', version === undefined ? { id } : { id, version });
    if (mine === detailSeq) useStore.setState({ detail, detailError: null });
  } catch (err) {
    if (mine === detailSeq) useStore.setState({ detailError: errorMessage(err) });
  }
}

async function changed<T>(run: () => Promise<T>, select?: (value: T) => string | null): Promise<Outcome<T>> {
  try {
    const value = await run();
    await loadLibrary();
    if (select) await selectPlaybook(select(value));
    return { ok: true, value };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

export const savePlaybook = (input: ChannelInput<'playbook:save'>) =>
  changed(
    () => call('playbook:save', input),
    (s) => s.id,
  );
export const duplicatePlaybook = (id: string) =>
  changed(
    () => call('playbook:duplicate', { id }),
    (s) => s.id,
  );
export const deletePlaybook = (id: string) =>
  changed(
    () => call('playbook:delete', { id }),
    () => null,
  );
/** Like the others, plus whether the refusal was a conflict (same id exists): the page then offers to import it as the next version. */
export async function importPlaybook(input: ChannelInput<'playbook:import'>): Promise<Outcome<PlaybookSummary> & { conflict?: boolean }> {
  try {
    const value = await call('playbook:import', input);
    await loadLibrary();
    await selectPlaybook(value.id);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, message: errorMessage(err), conflict: err instanceof ApiError && err.code === 'conflict' };
  }
}

export async function exportPlaybook(
  id: string,
  format: PlaybookFormat,
  version?: number,
): Promise<Outcome<{ fileName: string; text: string }>> {
  try {
    return { ok: true, value: await call('playbook:export', { id, format, ...(version ? { version } : {}) }) };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

/**
 * Live updates for this domain: a library change re-reads the list (and the playbook shown); a
 * checklist or incident change re-reads the progress on screen and the shown incident's checklists.
 */
export function followPlaybooks(): () => void {
  const offPlaybook = onEvent('playbook:changed', () => {
    void loadLibrary();
    const shown = useStore.getState().selected;
    if (shown !== null) void selectPlaybook(shown);
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Bursts (a declaration attaches, the list and header refresh) become one re-read.
  const refresh = (): void => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      checklistsChanged(selectedId());
    }, 50);
  };
  const offChecklist = onEvent('checklist:changed', refresh);
  const offIncident = onEvent('incident:changed', refresh);
  // Events sent while the socket was down are gone: re-read what is on screen.
  const offConnection = onConnection((_state, reconnected) => {
    if (!reconnected) return;
    if (useStore.getState().loaded) void loadLibrary();
    refresh();
  });
  return () => {
    offConnection();
    offPlaybook();
    offChecklist();
    offIncident();
    clearTimeout(timer);
  };
}
