import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, formatBytes } from './base64';

describe('base64 for file chunks', () => {
  it('round-trips any bytes, including chunks larger than one String.fromCharCode call takes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), (bytes) => {
        expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
      }),
    );
    const big = new Uint8Array(150_000).map((_, i) => (i * 31) % 256);
    expect(base64ToBytes(bytesToBase64(big))).toEqual(big);
    expect(bytesToBase64(new Uint8Array([0xfb, 0xff, 0x00]))).toBe('+/8A');
  });

  it('says sizes the way people read them', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(354_000)).toBe('346 KB');
    expect(formatBytes(12_900_000)).toBe('12.3 MB');
  });
});
