import type { PitwallBridge } from '../../shared/contract/bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode, where renderer/api builds an HTTP bridge. */
    pitwall?: PitwallBridge;
  }
}

export {};
