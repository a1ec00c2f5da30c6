import { describe, expect, it } from 'vitest';
import { channels, type Channel } from '../../shared/contract/channels';
import { AppFailure } from '../../shared/contract/result';
import { createDispatch, type Handlers } from './dispatch';

/** Handlers that echo what they were given, so the tests see what parsing produced. */
const echo = Object.fromEntries(Object.keys(channels).map((c) => [c, (input: unknown) => ({ channel: c, input })])) as unknown as Handlers;

describe('dispatch: the boundary every renderer call crosses', () => {
  const dispatch = createDispatch(echo);

  it.each([
    ['unknown channel', 'incident:drop-table', {}, 'unknown-channel'],
    ['channel name that is not a string', 42, {}, 'unknown-channel'],
    ['prototype key as channel', '__proto__', {}, 'unknown-channel'],
    ['wrong type', 'incident:get', { id: 'one' }, 'bad-input'],
    ['negative id', 'incident:get', { id: -1 }, 'bad-input'],
    ['extra key', 'incident:get', { id: 1, admin: true }, 'bad-input'],
    ['missing field', 'incident:declare', { severity: 'SEV1' }, 'bad-input'],
    ['unknown severity', 'incident:declare', { title: 'x', severity: 'SEV0' }, 'bad-input'],
    ['blank title', 'incident:declare', { title: '   ', severity: 'SEV1' }, 'bad-input'],
    ['over-long title', 'incident:declare', { title: 'x'.repeat(201), severity: 'SEV1' }, 'bad-input'],
    ['array instead of object', 'incident:list', [1, 2, 3], 'bad-input'],
    ['string instead of object', 'incident:add-note', 'hello', 'bad-input'],
    ['oversized input', 'incident:add-note', { id: 1, text: 'x'.repeat(300_000) }, 'too-large'],
    ['time before 2000', 'incident:set-time', { id: 1, field: 'detectedAt', at: 5 }, 'bad-input'],
    ['non-editable time field', 'incident:set-time', { id: 1, field: 'closedAt', at: Date.now() }, 'bad-input'],
  ])('%s gets an error value, not a crash', async (_name, channel, input, code) => {
    const r = await dispatch(channel, input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message.length).toBeGreaterThan(10);
    }
  });

  it('names the offending field in the message', async () => {
    const r = await dispatch('incident:declare', { title: 'ok', severity: 'SEV9' });
    expect(!r.ok && r.error.message).toMatch(/severity/);
  });

  it('survives circular input', async () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    const r = await dispatch('incident:list', loop);
    expect(r.ok).toBe(false);
  });

  it('applies defaults, trims text and passes only parsed data to the handler', async () => {
    const r = await dispatch('incident:declare', { title: '  GPU OOM  ', severity: 'SEV2' });
    expect(r).toEqual({
      ok: true,
      value: {
        channel: 'incident:declare',
        input: { title: 'GPU OOM', summary: '', severity: 'SEV2', services: [], tenants: [], impactStartedAt: null, detectedAt: null },
      },
    });
  });

  it('turns handler failures into values: AppFailure keeps its code, anything else is internal', async () => {
    const failing = createDispatch({
      ...echo,
      'incident:get': () => {
        throw new AppFailure('not-found', 'No incident with id 7.');
      },
      'incident:list': () => {
        throw new TypeError('boom');
      },
    });
    expect(await failing('incident:get', { id: 7 })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No incident with id 7.' },
    });
    const r = await failing('incident:list', {});
    expect(!r.ok && r.error.code).toBe('internal');
    expect(!r.ok && r.error.message).toMatch(/boom/);
  });

  it('has a strict object schema for every channel (unknown keys rejected everywhere)', async () => {
    for (const channel of Object.keys(channels) as Channel[]) {
      const r = await dispatch(channel, { definitelyNotAField: 1 });
      expect(r.ok, channel).toBe(false);
    }
  });
});
