import { create } from 'zustand';
import type { BackupView, RestoreStaged } from '../../shared/contract/maintenance';
import { call, errorMessage } from '../api/client';
import type { Outcome } from './commands';

interface MaintenanceState {
  backups: BackupView[];
  error: string | null;
  busy: boolean;
  staged: RestoreStaged | null;
}

const useMaintenanceStore = create<MaintenanceState>()(() => ({ backups: [], error: null, busy: false, staged: null }));

export const useBackups = (): BackupView[] => useMaintenanceStore((s) => s.backups);
export const useBackupError = (): string | null => useMaintenanceStore((s) => s.error);
export const useBackupBusy = (): boolean => useMaintenanceStore((s) => s.busy);
export const useStagedRestore = (): RestoreStaged | null => useMaintenanceStore((s) => s.staged);

export async function loadBackups(): Promise<void> {
  try {
    useMaintenanceStore.setState({ backups: await call('maintenance:list-backups', {}), error: null });
  } catch (err) {
    useMaintenanceStore.setState({ error: errorMessage(err) });
  }
}

async function busyWhile<T>(job: () => Promise<T>): Promise<Outcome<T>> {
  useMaintenanceStore.setState({ busy: true, error: null });
  try {
    return { ok: true, value: await job() };
  } catch (err) {
    const message = errorMessage(err);
    useMaintenanceStore.setState({ error: message });
    return { ok: false, message };
  } finally {
    useMaintenanceStore.setState({ busy: false });
  }
}

export async function backUpNow(): Promise<Outcome<BackupView>> {
  const outcome = await busyWhile(() => call('maintenance:backup', {}));
  await loadBackups();
  return outcome;
}

export async function restoreBackup(file: string): Promise<Outcome<RestoreStaged>> {
  const outcome = await busyWhile(() => call('maintenance:restore', { file }));
  if (outcome.ok) useMaintenanceStore.setState({ staged: outcome.value });
  return outcome;
}
