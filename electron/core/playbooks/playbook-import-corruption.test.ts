import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type Result } from '../../../shared/contract/result';
import { tempDir } from '../../test-support/temp-dir';
import { createCore, type PitwallCore } from '../app';

/**
 * Corrupted playbook files (truncated at many offsets, single bytes flipped, lines dropped or
 * duplicated, YAML and JSON): each import is refused cleanly (an error value in words, nothing
 * written) or, when the damage left a valid playbook (a flipped letter in a description), imported
 * as what it now says. Nothing breaks: no internal error, no exception, the file stays intact.
 */

const t = tempDir('pitwall-playbook-corrupt-');
let core: PitwallCore;
const tally = { tried: 0, refused: 0, accepted: 0, broke: [] as string[] };

beforeAll(() => {
  core = createCore({ dataDir: t.dir, mode: 'browser', version: 'test', operator: 'bob', poll: false });
});
afterAll(async () => {
  await core.close();
  const raw = new Database(join(t.dir, 'pitwall.db'), { readonly: true });
  try {
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    raw.close();
    t.cleanup();
  }
  console.log(
    `[playbook corpus] tried ${tally.tried}, refused cleanly ${tally.refused}, imported as valid ${tally.accepted}, broke ${tally.broke.length}`,
  );
});

function storedVersions(): number {
  const raw = new Database(join(t.dir, 'pitwall.db'), { readonly: true });
  try {
    return (raw.prepare('SELECT count(*) AS n FROM playbook_versions').get() as { n: number }).n;
  } finally {
    raw.close();
  }
}

async function value<T>(channel: string, input: unknown): Promise<T> {
  const r = (await core.dispatch(channel, input)) as Result<T>;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** One import of a damaged file, judged and counted. */
async function tryImport(text: string, fileName: string, what: string): Promise<void> {
  tally.tried++;
  const before = storedVersions();
  let r: Result<unknown>;
  try {
    r = await core.dispatch('playbook:import', { text, fileName, replace: false });
  } catch (err) {
    tally.broke.push(`${what}: threw ${String(err)}`);
    return;
  }
  if (r.ok) {
    tally.accepted++;
    return;
  }
  const { code, message } = r.error;
  const inWords = message.length > 10 && !/\n\s+at |undefined|\[object /.test(message);
  if (code === 'internal' || !(ERROR_CODES as readonly string[]).includes(code) || !inWords) {
    tally.broke.push(`${what}: ${code}: ${message.slice(0, 160)}`);
  } else if (storedVersions() !== before) {
    tally.broke.push(`${what}: refused, yet a version was written`);
  } else tally.refused++;
}

describe('corrupted playbook imports', () => {
  it('are refused cleanly or read for what they now say, never anything else', async () => {
    await value('playbook:duplicate', { id: 'gpu-oom', newId: 'gpu-oom-ours' });
    for (const format of ['yaml', 'json'] as const) {
      const good = (await value<{ text: string }>('playbook:export', { id: 'gpu-oom-ours', format })).text;
      const fileName = `gpu-oom-ours.${format}`;
      // Truncated at 40 offsets, from the first byte to the last.
      for (let i = 0; i < 40; i++) await tryImport(good.slice(0, Math.floor((good.length * i) / 40)), fileName, `${format} cut at ${i}/40`);
      // A line dropped, a line repeated.
      const lines = good.split('\n');
      for (let i = 0; i < lines.length; i += Math.max(1, Math.floor(lines.length / 30))) {
        await tryImport([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'), fileName, `${format} without line ${i + 1}`);
        await tryImport([...lines.slice(0, i + 1), ...lines.slice(i)].join('\n'), fileName, `${format} line ${i + 1} twice`);
      }
      // Single characters replaced by control, quote, bracket, colon, indentation and non-ASCII ones.
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: good.length - 1 }),
          fc.constantFrom('\u0000', '"', "'", '{', ']', ':', '\t', ' ', '\n', '-', '&', '*', '!', '#', '\u202e', '\ud800', 'é'),
          async (at, ch) =>
            tryImport(`${good.slice(0, at)}${ch}${good.slice(at + 1)}`, fileName, `${format} char ${at} → ${JSON.stringify(ch)}`),
        ),
        { numRuns: 100, seed: format === 'yaml' ? 11 : 12 },
      );
    }
    expect(tally.broke).toEqual([]);
    expect(tally.tried).toBeGreaterThan(300);
    // The original is untouched by all of it.
    expect((await value<{ playbook: { version: number } }>('playbook:get', { id: 'gpu-oom-ours' })).playbook.version).toBe(1);
  }, 120_000);
});
