import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { peerAllowed } from './security';

const from = (remoteAddress: string | undefined): Pick<IncomingMessage, 'socket'> =>
  ({ socket: { remoteAddress } }) as unknown as Pick<IncomingMessage, 'socket'>;

describe('browser mode peers', () => {
  it('answers loopback only, in every form the OS reports it', () => {
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(peerAllowed(from(a))).toBe(true);
    for (const a of ['10.0.0.5', '192.168.1.20', '::ffff:10.0.0.5', '0.0.0.0', '127.0.0.2', '', undefined])
      expect(peerAllowed(from(a))).toBe(false);
  });
});
