import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Browser mode as a user runs it (the built dist/serve.cjs) on a free port, without the demo lab:
 * e2e specs and the browser benchmarks start their own upstreams. Resolves once it printed its URL.
 */
export function startServeProcess(dataDir: string, operator: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'dist', 'serve.cjs'), '--port', '0', '--no-lab', '--data-dir', dataDir, '--static', join(ROOT, 'dist', 'renderer')],
      { cwd: ROOT, env: { ...process.env, PITWALL_OPERATOR: operator }, stdio: ['ignore', 'pipe', 'pipe'] },
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

/** Stops it as a user quitting would (SIGTERM: the poller stops, SQLite closes) and waits for the exit. */
export function stopServeProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
