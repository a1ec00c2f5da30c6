import { describe, expect, it } from 'vitest';
import type { PitwallBridge } from '../../shared/contract/bridge';
import { ApiError, createCall } from './client';

function bridgeReturning(reply: unknown): PitwallBridge {
  return { invoke: () => Promise.resolve(reply), on: () => () => {} };
}

function bridgeThrowing(err: Error): PitwallBridge {
  return { invoke: () => Promise.reject(err), on: () => () => {} };
}

async function caught(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected a throw');
}

describe('call', () => {
  it('refuses an input over the cap before sending it, with the words main would use', async () => {
    let sent = 0;
    const call = createCall(() => ({
      invoke: () => {
        sent += 1;
        return Promise.resolve({ ok: true, value: null });
      },
      on: () => () => {},
    }));
    for (const size of [300 * 1024, 8 * 1024 * 1024]) {
      const err = await caught(call('incident:add-note', { id: 1, text: 'x'.repeat(size) }));
      expect(err.code).toBe('too-large');
      expect(err.message).toBe('Input is larger than 256 KiB.');
    }
    // Multi-byte text counts in bytes: 100,000 × "€" is 300,000 bytes.
    expect((await caught(call('incident:add-note', { id: 1, text: '€'.repeat(100_000) }))).code).toBe('too-large');
    expect(sent).toBe(0);
    await expect(call('incident:add-note', { id: 1, text: 'x'.repeat(1000) })).resolves.toBeNull();
    expect(sent).toBe(1);
  });

  it('returns the value of an ok result', async () => {
    const call = createCall(() => bridgeReturning({ ok: true, value: [{ id: 1 }] }));
    await expect(call('incident:list', {})).resolves.toEqual([{ id: 1 }]);
  });

  it('throws ApiError with the code and message of an error value', async () => {
    const call = createCall(() => bridgeReturning({ ok: false, error: { code: 'invalid-transition', message: 'INC-1 is closed.' } }));
    const err = await caught(call('incident:acknowledge', { id: 1 }));
    expect(err.code).toBe('invalid-transition');
    expect(err.message).toBe('INC-1 is closed.');
  });

  it('maps an unknown error code to internal but keeps the message', async () => {
    const call = createCall(() => bridgeReturning({ ok: false, error: { code: 'weird', message: 'boom' } }));
    const err = await caught(call('policy:get', {}));
    expect(err.code).toBe('internal');
    expect(err.message).toBe('boom');
  });

  it('treats a malformed reply as an error, not a value', async () => {
    for (const reply of [undefined, null, 'ok', { ok: true }, { ok: false }, [1, 2]]) {
      const call = createCall(() => bridgeReturning(reply));
      const err = await caught(call('app:get-info', {}));
      expect(err.code).toBe('internal');
    }
  });

  it('turns a bridge that throws into unavailable', async () => {
    const call = createCall(() => bridgeThrowing(new Error('ipc closed')));
    const err = await caught(call('app:get-info', {}));
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/ipc closed/);
  });
});
