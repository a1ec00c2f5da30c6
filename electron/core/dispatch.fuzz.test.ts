import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { channels, type Channel } from '../../shared/contract/channels';
import { ERROR_CODES } from '../../shared/contract/result';
import { tempDir } from '../test-support/temp-dir';
import { arbitraryFor } from '../test-support/zod-arbitrary';
import { createCore } from './app';

/** Inputs per channel: the hardening bar is at least 200 random and boundary inputs for every channel. */
const PER_CHANNEL = 220;
/** A call that takes longer than this is a hang, i.e. broken (upstream calls here only reach closed loopback ports). */
const HANG_MS = 15_000;

interface Tally {
  tried: number;
  refused: number;
  accepted: number;
  broke: string[];
}

function withDeadline<T>(p: Promise<T>): Promise<T | 'hang'> {
  return Promise.race([p, new Promise<'hang'>((r) => setTimeout(() => r('hang'), HANG_MS).unref())]);
}

const t = tempDir('pitwall-fuzz-');
afterAll(() => t.cleanup());

describe('every IPC channel, fuzzed', () => {
  it('answers every random and boundary input with a value: refused cleanly or accepted only when valid, never a crash', async () => {
    const dataDir = join(t.dir, 'data');
    const core = createCore({ dataDir, mode: 'browser', version: 'fuzz', operator: 'fuzzer', poll: false });
    // Something for id-taking channels to find.
    await core.dispatch('incident:declare', { title: 'fuzz target', severity: 'SEV2' });
    const tallies = new Map<Channel, Tally>();
    try {
      for (const channel of Object.keys(channels) as Channel[]) {
        const schema = channels[channel].input;
        const tally: Tally = { tried: 0, refused: 0, accepted: 0, broke: [] };
        tallies.set(channel, tally);
        const inputs = fc.sample(arbitraryFor(schema), { numRuns: PER_CHANNEL, seed: 4242 });
        for (const input of inputs) {
          tally.tried++;
          let answer: unknown;
          try {
            answer = await withDeadline(core.dispatch(channel, input));
          } catch (err) {
            tally.broke.push(`threw: ${String(err)}`);
            continue;
          }
          if (answer === 'hang') {
            tally.broke.push(`no answer within ${HANG_MS} ms for ${JSON.stringify(input)?.slice(0, 200)}`);
            continue;
          }
          const r = answer as { ok: boolean; error?: { code: string; message: string } };
          if (r.ok) {
            tally.accepted++;
            if (!schema.safeParse(input).success) tally.broke.push(`accepted invalid input ${JSON.stringify(input)?.slice(0, 200)}`);
          } else {
            tally.refused++;
            const code = r.error?.code ?? '';
            if (code === 'internal' || !(ERROR_CODES as readonly string[]).includes(code) || !r.error?.message) {
              tally.broke.push(`${code}: ${r.error?.message} for ${JSON.stringify(input)?.slice(0, 200)}`);
            }
          }
        }
      }
    } finally {
      await core.close();
    }
    const rows = [...tallies].map(
      ([c, x]) => `${c.padEnd(32)} tried ${x.tried}  refused ${x.refused}  accepted ${x.accepted}  broke ${x.broke.length}`,
    );
    const total = [...tallies.values()].reduce(
      (a, x) => ({ tried: a.tried + x.tried, refused: a.refused + x.refused, broke: a.broke + x.broke.length }),
      {
        tried: 0,
        refused: 0,
        broke: 0,
      },
    );
    console.log(
      `[fuzz] ${tallies.size} channels: tried ${total.tried}, refused cleanly ${total.refused}, broke ${total.broke}\n${rows.join('\n')}`,
    );
    const broken = [...tallies].flatMap(([c, x]) => x.broke.slice(0, 3).map((b) => `${c}: ${b}`));
    expect(broken).toEqual([]);
    const db = new Database(join(dataDir, 'pitwall.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 600_000);
});
