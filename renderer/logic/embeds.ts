import { parse } from 'yaml';
import { z } from 'zod';

/**
 * Embeds in a postmortem's Markdown: fenced code blocks the preview draws from data stored on this
 * machine, never from a source (README "Postmortem embeds"). In any other Markdown viewer they stay
 * readable code blocks.
 *
 *     ```pitwall-chart                      ```pitwall-evidence
 *     title: GPU memory against queue depth  event: 42
 *     from: 2025-01-15T09:50:00Z             ```
 *     to: 2025-01-15T11:05:00Z
 *     series:
 *       - metric: node.gpu.memory.share
 *       - metric: queue.depth
 *         match: { state: pending }
 *         sum: true
 *     ```
 *
 * A chart reads the stored samples of each series (one line per label set, or one summed line);
 * an evidence block shows a pinned chart or log line from the copy frozen in its timeline event.
 */

export const CHART_LANG = 'pitwall-chart';
export const EVIDENCE_LANG = 'pitwall-evidence';

const MAX_WINDOW_MS = 31 * 86_400_000;

const instant = z.union([z.string(), z.date()]).transform((v, ctx) => {
  const ms = v instanceof Date ? v.getTime() : Date.parse(v);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: `"${String(v)}" is not a time (write it like 2025-01-15T10:00:00Z)` });
    return z.NEVER;
  }
  return ms;
});

const chartSpec = z
  .strictObject({
    title: z.string().max(200).default(''),
    from: instant,
    to: instant,
    series: z
      .array(
        z.strictObject({
          metric: z.string().min(1).max(100),
          match: z.record(z.string().max(100), z.union([z.string(), z.number()]).transform(String)).default({}),
          sum: z.boolean().default(false),
          label: z.string().max(100).optional(),
        }),
      )
      .min(1, 'name at least one series')
      .max(4, 'at most 4 series per chart'),
  })
  .refine((c) => c.from < c.to, '"from" must be before "to"')
  .refine((c) => c.to - c.from <= MAX_WINDOW_MS, 'a chart covers at most 31 days');

export type ChartSpec = z.output<typeof chartSpec>;

const evidenceSpec = z.strictObject({ event: z.number().int().positive() });

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function parseYaml<T>(text: string, schema: z.ZodType<T>, what: string): Parsed<T> {
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 10 });
  } catch (err) {
    return { ok: false, error: `The ${what} block is not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, error: `The ${what} block cannot be drawn: ${where}${issue?.message ?? 'invalid'}` };
}

export function parseChart(text: string): Parsed<ChartSpec> {
  return parseYaml(text, chartSpec, CHART_LANG);
}

export function parseEvidence(text: string): Parsed<{ event: number }> {
  return parseYaml(text, evidenceSpec, EVIDENCE_LANG);
}
