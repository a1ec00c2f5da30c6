import { create } from 'zustand';
import type { AppInfo } from '../../shared/contract/channels';
import { call, errorMessage } from '../api/client';
import type { ConnectionState } from '../api/http-bridge';

interface AppInfoState {
  info: AppInfo | null;
  infoError: string | null;
  connection: ConnectionState;
}

const useAppInfoStore = create<AppInfoState>()(() => ({ info: null, infoError: null, connection: 'connecting' }));

export const useAppInfo = (): AppInfo | null => useAppInfoStore((s) => s.info);
export const useAppInfoError = (): string | null => useAppInfoStore((s) => s.infoError);
export const useConnection = (): ConnectionState => useAppInfoStore((s) => s.connection);

/** Outside React: what the app knows about its host (null until loaded). */
export function getAppInfo(): AppInfo | null {
  return useAppInfoStore.getState().info;
}

export async function loadAppInfo(): Promise<void> {
  try {
    useAppInfoStore.setState({ info: await call('app:get-info', {}), infoError: null });
  } catch (err) {
    useAppInfoStore.setState({ infoError: errorMessage(err) });
  }
}

export function setConnection(connection: ConnectionState): void {
  useAppInfoStore.setState({ connection });
}
