import type { Channel } from './channels';
import type { PushedEvent } from './events';

/**
 * What the renderer sees as `window.pitwall` (Electron preload) or builds itself
 * over HTTP/WebSocket (browser mode). Untyped at this level on purpose: the typed
 * client in renderer/api wraps it, and main parses every argument anyway.
 */
export interface PitwallBridge {
  invoke(channel: Channel, input: unknown): Promise<unknown>;
  on(event: PushedEvent, listener: (payload: unknown) => void): () => void;
}
