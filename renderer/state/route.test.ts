import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const call = vi.fn<(channel: string, input: Record<string, unknown>) => Promise<unknown>>();
vi.mock('../api/client', () => ({
  ApiError: class extends Error {},
  call: (channel: string, input: Record<string, unknown>) => call(channel, input),
  errorMessage: (err: unknown) => (err instanceof Error ? err.message : String(err)),
}));

/** Just enough of `window` for the hash: a location, replaceState, and hashchange events. */
function fakeWindow(hash: string) {
  const target = new EventTarget();
  const location = { hash, pathname: '/', search: '' };
  return Object.assign(target, {
    location,
    history: {
      replaceState: (_state: unknown, _title: string, url: string) => {
        location.hash = url.startsWith('#') ? url : '';
      },
    },
    /** What a typed hash or the back button does: a new hash, then hashchange. */
    navigate(next: string) {
      location.hash = next;
      target.dispatchEvent(new Event('hashchange'));
    },
  });
}

let win = fakeWindow('');

beforeEach(() => {
  call.mockReset();
  call.mockImplementation(() => new Promise(() => {}));
  win = fakeWindow('#/incident/5');
  vi.stubGlobal('window', win);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const { selectedId, selectIncident } = await import('./detail');
const { followHash, openSettings } = await import('./route');
const { getViewRange, setViewRange } = await import('./telemetry');

describe('followHash', () => {
  it('selects the incident the page opened on, then follows a typed hash or the back button', () => {
    const stop = followHash();
    expect(selectedId()).toBe(5);
    expect(call).toHaveBeenLastCalledWith('incident:get', { id: 5 });
    win.navigate('#/incident/9');
    expect(selectedId()).toBe(9);
    win.navigate('');
    expect(selectedId()).toBeNull();
    win.navigate('#/settings');
    expect(selectedId()).toBeNull();
    expect(win.location.hash).toBe('#/settings');
    stop();
    win.navigate('#/incident/3');
    expect(selectedId()).toBeNull();
  });
});

describe('each incident keeps its own window', () => {
  it('opens an incident on its own window, keeps a zoom with the incident it was made in, and the platform its own', () => {
    selectIncident(4);
    expect(getViewRange().preset).toBe('incident');
    setViewRange({ preset: 'custom', fromMs: 1_000, toMs: 2_000 });
    // Another incident opens on its own window, not the previous one's zoom.
    selectIncident(6);
    expect(getViewRange()).toEqual({ preset: 'incident', fromMs: null, toMs: null });
    setViewRange({ preset: '6h', fromMs: null, toMs: null });
    // The platform view keeps the last hour, and never an incident's window.
    openSettings();
    expect(getViewRange()).toEqual({ preset: '1h', fromMs: null, toMs: null });
    selectIncident(null);
    expect(getViewRange().preset).toBe('1h');
    // Back in each incident: its own choice.
    selectIncident(4);
    expect(getViewRange()).toEqual({ preset: 'custom', fromMs: 1_000, toMs: 2_000 });
    selectIncident(6);
    expect(getViewRange().preset).toBe('6h');
  });
});
