import { execFileSync } from 'node:child_process';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/result';
import { createCore, type PitwallCore } from '../core/app';
import { tempDir } from '../test-support/temp-dir';

/**
 * A data directory on a small tmpfs that fills up: a write refused by a full disk is a storage error
 * in words (which disk, nothing written, what to do), the incident stays readable, and writing works
 * again once space is freed. Mounting needs root (or CAP_SYS_ADMIN); elsewhere the test is skipped
 * with the reason printed.
 */
const mount = tempDir('pitwall-tmpfs-');
/** Mounts a 3 MiB tmpfs on the temp directory; false (with the reason printed) where that is not permitted. */
function mountTmpfs(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
    return true;
  } catch (err) {
    const reason = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
    console.log(`disk-full test skipped: cannot mount a tmpfs here (${reason})`);
    return false;
  }
}
const mounted = mountTmpfs(mount.dir);

let core: PitwallCore;
const dataDir = join(mount.dir, 'data');
const filler = join(mount.dir, 'filler');

function ok<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** Writes until the disk refuses, so the next database page has nowhere to go. */
function fillDisk(): void {
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(!mounted)('a full disk under the data directory', () => {
  beforeAll(() => {
    core = createCore({ dataDir, mode: 'browser', version: 'test', operator: 'alice', poll: false });
  });
  afterAll(async () => {
    await core.close();
    execFileSync('umount', [mount.dir]);
    mount.cleanup();
  });

  it('refuses a note and a postmortem autosave in plain words, keeps the incident and its postmortem readable, and writes again once space is free', async () => {
    const incident = ok<{ id: number }>(await core.dispatch('incident:declare', { title: 'GPU OOM on gpu-node-01', severity: 'SEV2' }));
    const drafted = ok<{ body: string; revision: number }>(
      await core.dispatch('postmortem:draft', { incidentId: incident.id, template: 'lecture' }),
    );
    fillDisk();
    const text = 'the disk is full, '.repeat(1_000);
    let refused: Result<unknown> | null = null;
    let written = 0;
    // Pages already in the WAL can still take a note or two; the disk refuses soon after.
    for (let i = 0; i < 200 && refused === null; i += 1) {
      const r = await core.dispatch('incident:add-note', { id: incident.id, text: `${i}: ${text}` });
      if (r.ok) written += 1;
      else refused = r;
    }
    expect(refused).not.toBeNull();
    if (refused === null || refused.ok) return;
    expect(refused.error.code).toBe('storage');
    expect(refused.error.message).toContain(`The disk holding Pitwall's data (${dataDir}) is full`);
    expect(refused.error.message).toContain('was not saved and nothing was written');
    expect(refused.error.message).toContain('Free some space on that disk');
    expect(refused.error.message).not.toMatch(/^Pitwall could not complete/);

    const detail = ok<{ incident: { title: string }; timeline: { kind: string }[] }>(
      await core.dispatch('incident:get', { id: incident.id }),
    );
    expect(detail.incident.title).toBe('GPU OOM on gpu-node-01');
    // Every acknowledged note is there, the refused one is not.
    expect(detail.timeline.filter((e) => e.kind === 'note')).toHaveLength(written);

    // The commander's postmortem autosave on the same full disk: refused the same way, the stored text kept.
    const typed = `${drafted.body}\n\n${'Root cause: fragmented VRAM on gpu-node-01. '.repeat(1_500)}`;
    const save = await core.dispatch('postmortem:save', { incidentId: incident.id, body: typed, revision: drafted.revision });
    expect(save.ok).toBe(false);
    if (save.ok) return;
    expect(save.error.code).toBe('storage');
    expect(save.error.message).toContain('is full');
    expect(save.error.message).toContain('Free some space on that disk');
    const kept = ok<{ body: string; revision: number }>(await core.dispatch('postmortem:get', { incidentId: incident.id }));
    expect(kept).toMatchObject({ body: drafted.body, revision: drafted.revision });

    rmSync(filler);
    ok(await core.dispatch('incident:add-note', { id: incident.id, text: 'space freed' }));
    const after = ok<{ timeline: { kind: string }[] }>(await core.dispatch('incident:get', { id: incident.id }));
    expect(after.timeline.filter((e) => e.kind === 'note')).toHaveLength(written + 1);
    // The text the editor still holds is saved on the next autosave, on the revision it was typed on.
    ok(await core.dispatch('postmortem:save', { incidentId: incident.id, body: typed, revision: drafted.revision }));
    expect(ok<{ body: string }>(await core.dispatch('postmortem:get', { incidentId: incident.id })).body).toBe(typed);
  });
});

if (!mounted) mount.cleanup();
