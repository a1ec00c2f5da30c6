/** Helpers shared by the lab's tests (not used at runtime). */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
}

export async function http(url: string, init?: RequestInit): Promise<HttpReply> {
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export async function postJson(url: string, body: unknown): Promise<HttpReply> {
  return http(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

export function hasBinary(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export const RULES_FILE = new URL('../../assets/prometheus/pitwall-rules.yml', import.meta.url).pathname;

/**
 * The shipped rules use realistic `for:` durations (minutes). Integration tests run Prometheus in
 * real time for under a minute, so they load a copy with every `for:` set to 0s; expressions and
 * thresholds are unchanged.
 */
export function rulesForTests(text: string): string {
  return text.replace(/^(\s+)for: \S+$/gm, '$1for: 0s');
}

/** alert name -> its labels, read from the rules file without a YAML dependency. */
export function alertLabels(text: string): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const block of text.split(/\n\s+- alert: /).slice(1)) {
    const name = block.split('\n')[0]?.trim() ?? '';
    const labelsSection = /\n\s+labels:\n((?:\s{10}\w+: .*\n)+)/.exec(block)?.[1] ?? '';
    const labels: Record<string, string> = {};
    for (const m of labelsSection.matchAll(/^\s+(\w+): (.*)$/gm)) labels[m[1] ?? ''] = (m[2] ?? '').trim();
    out.set(name, labels);
  }
  return out;
}

/**
 * A fixed simulated start for tests that read what the lab logged in its last minute. The lab seeds
 * its randomness, but it starts at the wall clock's second by default, and from some start seconds a
 * gpu-oom minute holds no error line (8 start minutes in a day, measured): CI failed on one of them.
 */
export const LAB_TEST_START_MS = Date.UTC(2026, 0, 1, 12, 0, 0);
