import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Browser mode as a user runs it (the built dist/serve.cjs) on a free port, without the demo lab:
 * e2e specs and the browser benchmarks start their own upstreams. Resolves once it printed its URL.
 * `operator` is passed as PITWALL_OPERATOR; null starts it as a first run does, with no name given.
 */
export function startServeProcess(
  dataDir: string,
  operator: string | null,
  opts: { testClock?: boolean } = {},
): Promise<{ child: ChildProcess; url: string }> {
  if (!existsSync(join(ROOT, 'dist', 'serve.cjs')) || !existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) {
    return Promise.reject(new Error('Pitwall is not built (dist/serve.cjs, dist/renderer): run `npm run build` first.'));
  }
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'dist', 'serve.cjs'), '--port', '0', '--no-lab', '--data-dir', dataDir, '--static', join(ROOT, 'dist', 'renderer')],
      {
        cwd: ROOT,
        env: { ...withOperator(operator), ...(opts.testClock ? { PITWALL_TEST_CLOCK: '1' } : {}) },
        stdio: [opts.testClock ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Pitwall browser mode did not start within 20 s:\n${out}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /Open: (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Pitwall browser mode exited with ${code}:\n${out}`));
    });
  });
}

function withOperator(operator: string | null): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (operator === null) delete env.PITWALL_OPERATOR;
  else env.PITWALL_OPERATOR = operator;
  return env;
}

/** Stops a child process (browser mode, a lab) as a user quitting would (SIGTERM: the poller stops, SQLite closes) and waits for the exit. */
export function stopServeProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    // A process killed by a signal has no exit code, only a signal code, and will never exit again.
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A loopback port that nothing listens on: bound, read and released. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Moves a browser-mode process's clock (started with `testClock`) forward by `ms` and resolves once
 * it says so (electron/server/test-clock.ts).
 */
export function advanceServeClock(child: ChildProcess, ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    if (!child.stdin || !child.stdout) return reject(new Error('This Pitwall was not started with a test clock.'));
    let out = '';
    const timer = setTimeout(() => done(new Error(`Pitwall did not confirm the clock move:\n${out}`)), 10_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /clock (-?\d+)\n/.exec(out);
      if (m) done(null, Number(m[1]));
      else if (/clock error/.test(out)) done(new Error(out));
    };
    const done = (err: Error | null, offset = 0): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      if (err) reject(err);
      else resolve(offset);
    };
    child.stdout.on('data', onData);
    child.stdin.write(`advance ${Math.round(ms)}\n`);
  });
}
