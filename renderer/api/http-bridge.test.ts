import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { createHttpBridge, eventsUrl, type HttpBridgeDeps, type SocketLike } from './http-bridge';

class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {}
  close(): void {
    this.onclose?.({});
  }
}

function setup(fetchImpl: HttpBridgeDeps['fetch'] = () => Promise.reject(new Error('no fetch'))) {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const requests: { url: string; body: string; headers: Record<string, string> }[] = [];
  const bridge = createHttpBridge({
    fetch: (url, init) => {
      requests.push({ url, body: init.body, headers: init.headers });
      return fetchImpl(url, init);
    },
    openSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    origin: 'http://127.0.0.1:8123',
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    random: () => 0.5,
  });
  return { bridge, sockets, timers, requests };
}

const reply = (status: number, text: string) => () => Promise.resolve({ status, text: () => Promise.resolve(text) });

describe('http bridge', () => {
  it('POSTs JSON to /api/invoke/<channel> and returns the Result body, even on non-2xx', async () => {
    const { bridge, requests } = setup(reply(400, JSON.stringify({ ok: false, error: { code: 'bad-input', message: 'title: too long' } })));
    await expect(bridge.invoke('incident:declare', { title: 'x' })).resolves.toEqual({
      ok: false,
      error: { code: 'bad-input', message: 'title: too long' },
    });
    expect(requests[0]).toEqual({
      url: 'http://127.0.0.1:8123/api/invoke/incident:declare',
      body: '{"title":"x"}',
      headers: { 'Content-Type': 'application/json' },
    });
  });

  it('reports network failure and unreadable answers as unavailable values', async () => {
    const down = setup();
    await expect(down.bridge.invoke('app:get-info', {})).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const html = setup(reply(502, '<html>Bad gateway</html>'));
    expect(JSON.stringify(await html.bridge.invoke('app:get-info', {}))).toMatch(/"code":"unavailable".*HTTP 502/);
    const noSession = setup(reply(401, 'Not signed in.'));
    expect(JSON.stringify(await noSession.bridge.invoke('app:get-info', {}))).toMatch(/"code":"unavailable".*not signed in/);
  });

  it('delivers pushed events and ignores garbage', () => {
    const { bridge, sockets } = setup();
    const got: unknown[] = [];
    bridge.on('incident:changed', (p) => got.push(p));
    const s = sockets[0]!;
    expect(s.url).toBe('ws://127.0.0.1:8123/api/events');
    s.onopen?.({});
    s.onmessage?.({ data: '{"event":"incident:changed","payload":{"id":3,"ref":"INC-1"}}' });
    s.onmessage?.({ data: 'not json' });
    s.onmessage?.({ data: '{"event":"nope","payload":{}}' });
    expect(got).toEqual([{ id: 3, ref: 'INC-1' }]);
  });

  it('reconnects with backoff and says when it reconnected', () => {
    const { bridge, sockets, timers } = setup();
    const states: string[] = [];
    bridge.onConnection((state, reconnected) => states.push(`${state}${reconnected ? '+re' : ''}`));
    sockets[0]!.onopen?.({});
    sockets[0]!.close();
    expect(timers).toHaveLength(1);
    timers[0]!.fn();
    sockets[1]!.close(); // failed attempt: the delay grows
    expect(timers[1]!.ms).toBeGreaterThan(timers[0]!.ms);
    timers[1]!.fn();
    sockets[2]!.onopen?.({});
    expect(states).toEqual(['connecting', 'open', 'closed', 'connecting', 'closed', 'connecting', 'open+re']);
  });

  it('derives wss from https', () => {
    expect(eventsUrl('https://pitwall.local')).toBe('wss://pitwall.local/api/events');
  });
});

describe('backoffDelay', () => {
  it('grows exponentially with jitter and caps', () => {
    expect(backoffDelay(0, { random: () => 0 })).toBe(250);
    expect(backoffDelay(0, { random: () => 1 })).toBe(500);
    expect(backoffDelay(3, { random: () => 1 })).toBe(4000);
    expect(backoffDelay(50, { random: () => 1 })).toBe(30_000);
  });
});
