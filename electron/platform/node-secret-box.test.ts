import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir';
import { NodeSecretBox, SECRET_KEY_FILE } from './node-secret-box';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});
function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}
const posix = process.platform !== 'win32';

describe('NodeSecretBox', () => {
  it('round-trips a secret and never leaves the plaintext in the sealed bytes', () => {
    const box = NodeSecretBox.open(dir());
    const sealed = box.encrypt('hunter2-päss');
    expect(sealed[0]).toBe(1);
    expect(sealed.includes(Buffer.from('hunter2'))).toBe(false);
    expect(box.decrypt(sealed)).toBe('hunter2-päss');
    // A fresh IV each time: the same secret never seals to the same bytes.
    expect(box.encrypt('hunter2-päss').equals(sealed)).toBe(false);
  });

  it('creates a 32-byte key file with mode 0600 and reuses it on the next open', () => {
    const d = dir();
    const box = NodeSecretBox.open(d);
    const keyPath = join(d, SECRET_KEY_FILE);
    expect(readFileSync(keyPath).length).toBe(32);
    if (posix) expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(box.description).toContain(keyPath);
    const sealed = box.encrypt('token');
    expect(NodeSecretBox.open(d).decrypt(sealed)).toBe('token');
  });

  it.skipIf(!posix)('refuses a key file other users can read, naming the fix', () => {
    const d = dir();
    NodeSecretBox.open(d);
    chmodSync(join(d, SECRET_KEY_FILE), 0o644);
    expect(() => NodeSecretBox.open(d)).toThrow(/readable by other users.*chmod 600/s);
  });

  it('gives a clear error when the key file was replaced', () => {
    const d = dir();
    const sealed = NodeSecretBox.open(d).encrypt('token');
    writeFileSync(join(d, SECRET_KEY_FILE), Buffer.alloc(32, 7), { mode: 0o600 });
    expect(() => NodeSecretBox.open(d).decrypt(sealed)).toThrow(/cannot be decrypted.*key file was replaced/);
  });

  it('rejects tampered and unknown-format data', () => {
    const box = NodeSecretBox.open(dir());
    const sealed = box.encrypt('token');
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    expect(() => box.decrypt(flipped)).toThrow(/cannot be decrypted/);
    expect(() => box.decrypt(Buffer.from([9, 1, 2]))).toThrow(/unknown format/);
  });

  it('refuses a damaged key file', () => {
    const d = dir();
    writeFileSync(join(d, SECRET_KEY_FILE), Buffer.alloc(5), { mode: 0o600 });
    expect(() => NodeSecretBox.open(d)).toThrow(/damaged \(5 bytes/);
  });
});
