import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** What one writer run printed before it was killed (or finished). */
export interface CrashRun {
  /** Every `ACK <key> <value>` line, in order: each one a write the writer saw committed. */
  acked: [string, string][];
  /** The writer printed DONE (it was not killed). */
  done: boolean;
}

/** Spins for about `us` microseconds: a timer cannot wait less than a millisecond, a write takes less. */
function spin(us: number): void {
  const until = performance.now() + us / 1000;
  while (performance.now() < until);
}

/**
 * Runs a crash writer (a script in test-support printing `ACK <key> <value>` per committed write and
 * `DONE` at the end) in step with it: the writer waits for a `go` line before each write (`paced()`),
 * so it cannot run ahead of what this side has read. On the `killAfter`th acknowledgement the next
 * write is let go and, `killDelayUs` later, the writer is SIGKILLed — at some instant in or around that
 * write, which varies with the delay. With killAfter beyond the writer's count it is left to finish.
 * stdout to a pipe is synchronous on Linux, so an ACK line is printed only after its transaction committed.
 */
export function crashRun(writer: string, args: readonly string[], killAfter: number, killDelayUs = 0): Promise<CrashRun> {
  return new Promise((resolve, reject) => {
    // Node itself with tsx as a loader, not the tsx command: that one runs the script in a child
    // process of its own, so a SIGKILL would end the wrapper and leave the writer running.
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, writer), ...args], {
      cwd: join(import.meta.dirname, '..', '..'),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const go = (): boolean => child.stdin.write('go\n');
    child.stdin.on('error', () => {}); // the writer is gone (killed or done): nothing left to pace
    go();
    const acked: [string, string][] = [];
    let done = false;
    let buffer = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^ACK (\S+) (\S+)$/.exec(line);
        if (m) {
          acked.push([m[1] as string, m[2] as string]);
          go();
          if (acked.length === killAfter) {
            spin(killDelayUs);
            child.kill('SIGKILL');
          }
        } else if (line === 'DONE') {
          done = true;
          child.stdin.end(); // its pacing input ends, so the writer can exit
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ acked, done });
      else reject(new Error(`${writer} exited with ${code}: ${err}`));
    });
  });
}

/** For the writer: resolves on each `go` line from the test (see crashRun). */
export function paced(): () => Promise<void> {
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  return async () => {
    const next = await lines.next();
    if (next.done) throw new Error('the crash test stopped pacing');
  };
}
