import { createHttpBridge, type RendererBridge, type SocketLike } from './http-bridge';

/** Adapts the DOM WebSocket to the small interface the bridge (and its tests) use. */
function openWebSocket(url: string): SocketLike {
  const ws = new WebSocket(url);
  const socket: SocketLike = { onopen: null, onclose: null, onerror: null, onmessage: null, close: () => ws.close() };
  ws.onopen = (ev) => socket.onopen?.(ev);
  ws.onclose = (ev) => socket.onclose?.(ev);
  ws.onerror = (ev) => socket.onerror?.(ev);
  ws.onmessage = (ev) => socket.onmessage?.({ data: ev.data });
  return socket;
}

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
      openSocket: openWebSocket,
      origin: window.location.origin,
      setTimer: (fn, ms) => window.setTimeout(fn, ms),
    });
  }
  return bridge;
}
