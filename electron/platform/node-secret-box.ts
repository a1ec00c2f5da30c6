import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretBox } from './platform';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Format version 1: [0x01][12-byte IV][16-byte GCM tag][ciphertext]. A new format gets a new byte. */
const VERSION = 0x01;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export const SECRET_KEY_FILE = 'secret.key';

/**
 * Secrets at rest without Electron: AES-256-GCM under a random key kept in `<dataDir>/secret.key`
 * (mode 0600). The key never leaves this object. GCM authenticates the ciphertext, so a replaced
 * key file or a tampered blob fails loudly instead of decrypting to garbage.
 */
export class NodeSecretBox implements SecretBox {
  readonly description: string;
  private readonly key: Buffer;

  private constructor(key: Buffer, keyPath: string) {
    this.key = key;
    this.description = `key file ${keyPath} (0600)`;
  }

  /** Reads the key, creating it on first use. Throws (with the path) when it is unsafe or unreadable. */
  static open(dataDir: string): NodeSecretBox {
    const keyPath = join(dataDir, SECRET_KEY_FILE);
    return new NodeSecretBox(loadOrCreateKey(keyPath), keyPath);
  }

  encrypt(plain: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  decrypt(sealed: Buffer): string {
    if (sealed.length < HEADER_BYTES || sealed[0] !== VERSION) {
      throw new Error(
        `A stored secret is in an unknown format (version ${sealed[0] ?? 'none'}); it may come from a newer Pitwall. Re-enter it in the source settings.`,
      );
    }
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, HEADER_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
    } catch (err) {
      throw new Error(
        `A stored secret cannot be decrypted with the ${this.description}: the key file was replaced or the data was copied from another machine. Re-enter the password or token in the source settings.`,
        { cause: err },
      );
    }
  }
}

function loadOrCreateKey(keyPath: string): Buffer {
  let fd: number;
  try {
    fd = openSync(keyPath, constants.O_RDONLY);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`Cannot read the secret key file ${keyPath}: ${(err as Error).message}`, { cause: err });
    return createKey(keyPath);
  }
  try {
    // fstat the open descriptor so the mode checked is the mode of the file read.
    const mode = fstatSync(fd).mode;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new Error(
        `The secret key file ${keyPath} is readable by other users (mode ${(mode & 0o777).toString(8)}). ` +
          `Run \`chmod 600 ${keyPath}\` and start Pitwall again.`,
      );
    }
    const key = readFileSync(fd);
    if (key.length !== KEY_BYTES) {
      throw new Error(
        `The secret key file ${keyPath} is damaged (${key.length} bytes, expected ${KEY_BYTES}). Restore it from a backup, or move it aside and re-enter source secrets.`,
      );
    }
    return key;
  } finally {
    closeSync(fd);
  }
}

function createKey(keyPath: string): Buffer {
  const key = randomBytes(KEY_BYTES);
  let fd: number;
  try {
    // O_EXCL: never overwrite a key another process just wrote; the mode applies at creation, before any byte is written.
    fd = openSync(keyPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKey(keyPath);
    throw new Error(`Cannot create the secret key file ${keyPath}: ${(err as Error).message}`, { cause: err });
  }
  try {
    writeSync(fd, key);
  } finally {
    closeSync(fd);
  }
  return key;
}
