import { createHttpBridge, type RendererBridge } from './http-bridge';

let bridge: RendererBridge | null = null;

/**
 * The transport, chosen once: the Electron preload's `window.pitwall` when present
 * (its IPC never drops, so there is no connection state to report), otherwise
 * HTTP + WebSocket to the browser-mode server this page was served from.
 */
export function getBridge(): RendererBridge {
  if (bridge) return bridge;
  const native = window.pitwall;
  if (native) {
    bridge = {
      invoke: (channel, input) => native.invoke(channel, input),
      on: (event, listener) => native.on(event, listener),
      onConnection: (listener) => {
        listener('open', false);
        return () => {};
      },
    };
  } else {
    bridge = createHttpBridge({
      fetch: (url, init) => window.fetch(url, init),
      openSocket: (url) => new WebSocket(url),
      origin: window.location.origin,
      setTimer: (fn, ms) => window.setTimeout(fn, ms),
    });
  }
  return bridge;
}
