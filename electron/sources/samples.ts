import { z } from 'zod';

/** Prometheus and Loki both send sample values as strings, including "NaN", "+Inf" and "-Inf". */
export function parseSampleValue(text: string): number | undefined {
  switch (text) {
    case 'NaN':
      return Number.NaN;
    case '+Inf':
    case 'Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
  }
  // Number('') is 0 and Number(' 1') is 1; neither is a value an upstream would send.
  if (text.trim() === '' || text !== text.trim()) return undefined;
  const n = Number(text);
  return Number.isNaN(n) ? undefined : n;
}

export const labelsSchema = z.record(z.string(), z.string());
export type Labels = Record<string, string>;

export const sampleValueSchema = z.string().transform((text, ctx) => {
  const value = parseSampleValue(text);
  if (value === undefined) {
    ctx.issues.push({ code: 'custom', message: `"${text}" is not a number`, input: text });
    return z.NEVER;
  }
  return value;
});

/** `[<unix seconds, ms fraction>, "<value>"]` → milliseconds and a number. */
export const pointSchema = z.tuple([z.number(), sampleValueSchema]).transform(([seconds, value]) => ({
  tMs: Math.round(seconds * 1000),
  value,
}));

export interface Point {
  tMs: number;
  /** NaN and ±Infinity are kept as such: a NaN ratio (0/0 on an idle GPU) is information, not an error. */
  value: number;
}

export interface Series {
  labels: Labels;
  points: Point[];
  /** How many points are NaN or infinite, so a chart can say so instead of drawing a gap silently. */
  nonFinite: number;
}

export function countNonFinite(points: readonly { value: number }[]): number {
  let n = 0;
  for (const p of points) if (!Number.isFinite(p.value)) n += 1;
  return n;
}

export const matrixSchema = z.array(
  z.object({ metric: labelsSchema, values: z.array(pointSchema).optional() }).transform(({ metric, values }): Series => {
    // A native-histogram-only series has no `values`; its histograms are not charted here.
    const points = values ?? [];
    return { labels: metric, points, nonFinite: countNonFinite(points) };
  }),
);

export const vectorSchema = z.array(
  z.object({ metric: labelsSchema, value: pointSchema.optional() }).transform(({ metric, value }): Series => {
    const points = value ? [value] : [];
    return { labels: metric, points, nonFinite: countNonFinite(points) };
  }),
);
