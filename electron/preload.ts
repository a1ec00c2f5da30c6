import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channels } from '../shared/contract/channels';
import { PUSHED_EVENTS } from '../shared/contract/events';
import type { PitwallBridge } from '../shared/contract/bridge';

// Only contract channels and events cross the bridge; the renderer gets no ipcRenderer.
const allowedChannels = new Set<string>(Object.keys(channels));
const allowedEvents = new Set<string>(PUSHED_EVENTS);

const bridge: PitwallBridge = {
  invoke(channel, input) {
    if (!allowedChannels.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `Unknown channel: ${String(channel)}` } });
    }
    return ipcRenderer.invoke(channel, input) as Promise<unknown>;
  },
  on(event, listener) {
    if (!allowedEvents.has(event)) return () => {};
    const wrapped = (_e: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
};

contextBridge.exposeInMainWorld('pitwall', bridge);
