import { create } from 'zustand';
import type { Postmortem, PostmortemTemplate, PostmortemVersionMeta } from '../../shared/domain/postmortem';
import { MAX_POSTMORTEM_CHARS } from '../../shared/domain/postmortem';
import { ApiError, call, errorMessage } from '../api/client';
import { Autosaver, type SaveResult } from '../logic/autosave';

export type SaveStatus =
  | { kind: 'saved'; at: number | null }
  | { kind: 'pending' }
  | { kind: 'saving' }
  /** Will retry by itself. */
  | { kind: 'retrying'; message: string }
  /** Refused until the text changes or the user acts (too long, changed elsewhere). */
  | { kind: 'refused'; message: string };

interface PostmortemState {
  incidentId: number | null;
  postmortem: Postmortem | null;
  loading: boolean;
  error: string | null;
  /** What the editor holds: the text being typed, saved or not. */
  text: string;
  status: SaveStatus;
  /** Bumped when the text is replaced from outside (load, restore, redraft), so the editor takes it. */
  epoch: number;
  versions: PostmortemVersionMeta[];
}

const usePmStore = create<PostmortemState>()(() => ({
  incidentId: null,
  postmortem: null,
  loading: false,
  error: null,
  text: '',
  status: { kind: 'saved', at: null },
  epoch: 0,
  versions: [],
}));

export const usePostmortem = (): Postmortem | null => usePmStore((s) => s.postmortem);
export const usePostmortemLoading = (): boolean => usePmStore((s) => s.loading);
export const usePostmortemError = (): string | null => usePmStore((s) => s.error);
export const usePostmortemText = (): string => usePmStore((s) => s.text);
export const useSaveStatus = (): SaveStatus => usePmStore((s) => s.status);
export const useEditorEpoch = (): number => usePmStore((s) => s.epoch);
export const useVersions = (): PostmortemVersionMeta[] => usePmStore((s) => s.versions);

/** Outside React: the text the editor holds (tests, the restore dialog). */
export function currentText(): string {
  return usePmStore.getState().text;
}

/** Idle 250 ms, at most 400 ms while typing: with a round trip on a loaded machine, inside the one second a crash may cost. */
const AUTOSAVE = { idleMs: 250, maxWaitMs: 400, retryMs: 3_000 };

let saver: Autosaver | null = null;

async function saveText(text: string): Promise<SaveResult> {
  const { incidentId, postmortem } = usePmStore.getState();
  if (incidentId === null || !postmortem) return 'stop';
  if (text.length > MAX_POSTMORTEM_CHARS) {
    usePmStore.setState({
      status: {
        kind: 'refused',
        message: `Not saved: the text is ${text.length.toLocaleString('en-US')} characters, over the ${MAX_POSTMORTEM_CHARS.toLocaleString('en-US')} limit. Shorten it; nothing typed is lost, it stays here.`,
      },
    });
    return 'stop';
  }
  usePmStore.setState({ status: { kind: 'saving' } });
  try {
    const out = await call('postmortem:save', { incidentId, body: text, revision: postmortem.revision });
    const s = usePmStore.getState();
    if (s.incidentId !== incidentId || !s.postmortem) return 'saved';
    usePmStore.setState({
      postmortem: { ...s.postmortem, body: text, revision: out.revision, updatedAt: out.updatedAt },
      status: saver?.dirty && s.text !== text ? { kind: 'pending' } : { kind: 'saved', at: out.updatedAt },
      versions: out.version ? [out.version, ...s.versions] : s.versions,
    });
    return 'saved';
  } catch (err) {
    const refused = err instanceof ApiError && ['conflict', 'bad-input', 'too-large', 'not-found'].includes(err.code);
    usePmStore.setState({
      status: refused
        ? { kind: 'refused', message: errorMessage(err) }
        : { kind: 'retrying', message: `Not saved yet (${errorMessage(err)}); retrying. Your text stays here.` },
    });
    return refused ? 'stop' : 'retry';
  }
}

function startSaver(stored: string): void {
  void saver?.dispose();
  saver = new Autosaver(stored, { ...AUTOSAVE, save: saveText });
}

function take(postmortem: Postmortem | null, extra: Partial<PostmortemState> = {}): void {
  startSaver(postmortem?.body ?? '');
  usePmStore.setState((s) => ({
    postmortem,
    text: postmortem?.body ?? '',
    status: { kind: 'saved', at: postmortem?.updatedAt ?? null },
    epoch: s.epoch + 1,
    loading: false,
    error: null,
    ...extra,
  }));
}

let loadSeq = 0;

/** Shows an incident's postmortem (saving what was typed into another one first). */
export async function openPostmortem(incidentId: number): Promise<void> {
  const s = usePmStore.getState();
  if (s.incidentId === incidentId && (s.postmortem || s.loading)) return;
  await saver?.flush();
  const mine = ++loadSeq;
  usePmStore.setState({ incidentId, postmortem: null, text: '', loading: true, error: null, versions: [] });
  try {
    const pm = await call('postmortem:get', { incidentId });
    if (mine !== loadSeq) return;
    take(pm);
    if (pm) void loadVersions();
  } catch (err) {
    if (mine !== loadSeq) return;
    usePmStore.setState({ loading: false, error: `Could not load the postmortem: ${errorMessage(err)}` });
  }
}

/** Every keystroke from the editor. */
export function editText(text: string): void {
  usePmStore.setState({
    text,
    status: text === usePmStore.getState().postmortem?.body ? { kind: 'saved', at: null } : { kind: 'pending' },
  });
  saver?.change(text);
}

export async function flushPostmortem(): Promise<void> {
  await saver?.flush();
}

/** True while typed text is not yet stored: leaving the page then asks first. */
export function hasUnsavedText(): boolean {
  return saver?.dirty ?? false;
}

export async function draftPostmortem(template: PostmortemTemplate, replace: boolean): Promise<string | null> {
  const { incidentId } = usePmStore.getState();
  if (incidentId === null) return 'No incident is open.';
  await saver?.flush();
  try {
    take(await call('postmortem:draft', { incidentId, template, replace }));
    void loadVersions();
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}

export async function loadVersions(): Promise<void> {
  const { incidentId } = usePmStore.getState();
  if (incidentId === null) return;
  try {
    const versions = await call('postmortem:list-versions', { incidentId });
    if (usePmStore.getState().incidentId === incidentId) usePmStore.setState({ versions });
  } catch {
    // The history panel shows what it has; the next save or open reads it again.
  }
}

export async function saveVersionNow(): Promise<string | null> {
  const { incidentId } = usePmStore.getState();
  if (incidentId === null) return 'No incident is open.';
  await saver?.flush();
  try {
    await call('postmortem:snapshot', { incidentId });
    await loadVersions();
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}

export async function restoreVersion(versionId: string): Promise<string | null> {
  const { incidentId } = usePmStore.getState();
  await saver?.flush();
  const { postmortem, status } = usePmStore.getState();
  if (incidentId === null || !postmortem) return 'No postmortem is open.';
  if (status.kind === 'refused') return `The current text is not saved (${status.message}); fix that before restoring, so nothing is lost.`;
  try {
    take(await call('postmortem:restore-version', { incidentId, versionId, revision: postmortem.revision }));
    await loadVersions();
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}

/** Another window saved this postmortem: take its text unless something typed here is not stored yet. */
export async function postmortemSavedElsewhere(incidentId: number, revision: number): Promise<void> {
  const s = usePmStore.getState();
  if (s.incidentId !== incidentId || !s.postmortem || revision <= s.postmortem.revision) return;
  // Our own write's notice can arrive before its answer; if another window wrote, that write is refused as a conflict.
  if (saver?.saving) return;
  if (saver?.dirty) {
    usePmStore.setState({
      status: {
        kind: 'refused',
        message: 'This postmortem was changed in another window; your unsaved text stays here. Copy it, then reload.',
      },
    });
    return;
  }
  try {
    const pm = await call('postmortem:get', { incidentId });
    if (usePmStore.getState().incidentId === incidentId && !saver?.dirty) take(pm);
    void loadVersions();
  } catch {
    // Shown as it was; the next open reads it again.
  }
}

/** Reloads the postmortem from the store, dropping a refused text (the user chose to). */
export async function reloadPostmortem(): Promise<void> {
  const { incidentId } = usePmStore.getState();
  if (incidentId === null) return;
  saver?.reset(usePmStore.getState().postmortem?.body ?? '');
  usePmStore.setState({ postmortem: null, loading: true });
  const pm = await call('postmortem:get', { incidentId }).catch(() => null);
  take(pm);
  void loadVersions();
}
