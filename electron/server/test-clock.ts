import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/**
 * A clock e2e tests can move, for browser mode only: with PITWALL_TEST_CLOCK=1 the process reads
 * `advance <ms>` lines on its stdin and answers `clock <offset ms>` on stdout once Pitwall's `now`
 * has moved. Nothing reaches it over the network, and without the variable the real clock is used
 * untouched. Due items, notifications and every timestamp Pitwall writes follow it; upstreams (the
 * lab, Alertmanager) keep real time. The page's clock is moved by Playwright's clock API to match.
 */
export interface TestClock {
  now(): number;
  advance(ms: number): number;
}

export function offsetClock(base: () => number = Date.now): TestClock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance(ms) {
      offset += ms;
      return offset;
    },
  };
}

export function testClockFromEnv(env: NodeJS.ProcessEnv, input: Readable, output: Writable): TestClock | null {
  if (env.PITWALL_TEST_CLOCK !== '1') return null;
  const clock = offsetClock();
  createInterface({ input }).on('line', (line) => {
    const m = /^advance (-?\d{1,12})$/.exec(line.trim());
    if (!m) {
      output.write(`clock error: expected "advance <ms>", got "${line.slice(0, 80)}"\n`);
      return;
    }
    output.write(`clock ${clock.advance(Number(m[1]))}\n`);
  });
  return clock;
}
