import type { Page } from '@playwright/test';

/**
 * A call through browser mode's own HTTP API, made from inside the page so it carries the session
 * cookie and our Origin — what the renderer does, without clicking through the UI. For e2e setup
 * and the browser benchmarks.
 */
export async function invokeFromPage<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([c, i]) => {
      const res = await fetch(`/api/invoke/${c}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(i),
      });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [channel, input] as const,
  );
  if (!result.ok) throw new Error(`${channel} failed: ${result.error?.message ?? 'unknown error'}`);
  return result.value as T;
}
