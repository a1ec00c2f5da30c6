import type { PitwallBridge } from '../../shared/contract/bridge';
import type { Channel } from '../../shared/contract/channels';
import { PUSHED_EVENTS, type PushedEvent } from '../../shared/contract/events';
import { backoffDelay } from './backoff';
import { toResult, unavailable } from './result-value';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** The bridge the renderer uses: the contract's bridge plus, where it applies, live-connection state. */
export interface RendererBridge extends PitwallBridge {
  /** Called with the push connection's state; 'open' after a reconnect means events may have been lost. */
  onConnection(listener: (state: ConnectionState, reconnected: boolean) => void): () => void;
}

/** The minimum of a WebSocket this bridge uses, so tests can pass a fake. */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  close(): void;
}

export interface HttpBridgeDeps {
  fetch: (
    url: string,
    init: { method: string; headers: Record<string, string>; body: string; credentials: 'same-origin' },
  ) => Promise<{ status: number; text(): Promise<string> }>;
  openSocket: (url: string) => SocketLike;
  /** e.g. "http://127.0.0.1:8123" — the page's own origin. */
  origin: string;
  setTimer: (fn: () => void, ms: number) => unknown;
  random?: () => number;
}

export function eventsUrl(origin: string): string {
  return `${origin.replace(/^http/, 'ws')}/api/events`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isPushedEvent(v: unknown): v is PushedEvent {
  return typeof v === 'string' && (PUSHED_EVENTS as readonly string[]).includes(v);
}

/**
 * Browser-mode transport: POST /api/invoke/<channel> for calls, one WebSocket at
 * /api/events for pushed events, reconnecting with backoff. Authentication is
 * the HttpOnly session cookie the server set when the tokened URL was opened.
 */
export function createHttpBridge(deps: HttpBridgeDeps): RendererBridge {
  const listeners = new Map<PushedEvent, Set<(payload: unknown) => void>>();
  const connListeners = new Set<(state: ConnectionState, reconnected: boolean) => void>();
  let socket: SocketLike | null = null;
  let attempt = 0;
  let started = false;
  let everOpened = false;

  const setState = (state: ConnectionState, reconnected = false): void => {
    for (const l of connListeners) l(state, reconnected);
  };

  const connect = (): void => {
    setState('connecting');
    let ws: SocketLike;
    try {
      ws = deps.openSocket(eventsUrl(deps.origin));
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      const reconnected = everOpened;
      everOpened = true;
      setState('open', reconnected);
    };
    ws.onmessage = (ev) => {
      const msg = typeof ev.data === 'string' ? parseJson(ev.data) : undefined;
      if (typeof msg !== 'object' || msg === null) return;
      const { event, payload } = msg as { event?: unknown; payload?: unknown };
      if (!isPushedEvent(event)) return;
      for (const l of listeners.get(event) ?? []) l(payload);
    };
    ws.onerror = () => {
      // Always followed by onclose, which schedules the reconnect.
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      setState('closed');
      scheduleReconnect();
    };
  };

  const scheduleReconnect = (): void => {
    const delay = backoffDelay(attempt++, deps.random ? { random: deps.random } : {});
    deps.setTimer(connect, delay);
  };

  const ensureConnected = (): void => {
    if (started) return;
    started = true;
    connect();
  };

  return {
    async invoke(channel: Channel, input: unknown): Promise<unknown> {
      let res: { status: number; text(): Promise<string> };
      try {
        res = await deps.fetch(`${deps.origin}/api/invoke/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch (err) {
        return unavailable(`The Pitwall server could not be reached (${err instanceof Error ? err.message : String(err)}).`);
      }
      const body = parseJson(await res.text().catch(() => ''));
      if (body !== undefined) return toResult(body);
      if (res.status === 401 || res.status === 403) {
        return unavailable('This browser session is not signed in to Pitwall. Open the URL that `npm run serve` printed.');
      }
      return unavailable(`The Pitwall server answered HTTP ${res.status} without a readable result.`);
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      ensureConnected();
      return () => set.delete(listener);
    },
    onConnection(listener) {
      connListeners.add(listener);
      ensureConnected();
      return () => connListeners.delete(listener);
    },
  };
}
