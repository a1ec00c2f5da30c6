import { countNonFinite, parseSampleValue, type Labels, type Point, type Series } from './samples';

/**
 * Hand-written checks for the replies every poll reads (instant vectors and matrices), accepting exactly
 * what the zod schemas in samples.ts accept and building the same values, at a fraction of the cost.
 * Each returns undefined at the first thing it does not like; the caller then runs the zod schema, which
 * either rejects the reply with its usual field-by-field message or, for a shape only zod handles, parses it.
 */

/** What z.object and z.record accept: an object literal (JSON.parse makes nothing else). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Labels as labelsSchema passes them; a `__proto__` key (which zod drops) is left to zod. */
export function guardLabels(value: unknown): Labels | undefined {
  if (!isPlainRecord(value)) return undefined;
  for (const key in value) {
    if (typeof value[key] !== 'string' || key === '__proto__') return undefined;
  }
  return value as Labels;
}

/** `[<unix seconds>, "<value>"]` as pointSchema reads it. */
export function guardPoint(value: unknown): Point | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const seconds: unknown = value[0];
  const text: unknown = value[1];
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || typeof text !== 'string') return undefined;
  const parsed = parseSampleValue(text);
  return parsed === undefined ? undefined : { tMs: Math.round(seconds * 1000), value: parsed };
}

/** vectorSchema's result: `{ metric, value? }` per series. */
export function guardVector(value: unknown): Series[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: Series[] = [];
  for (const item of value as unknown[]) {
    if (!isPlainRecord(item)) return undefined;
    const labels = guardLabels(item['metric']);
    if (!labels) return undefined;
    const raw = item['value'];
    let points: Point[] = [];
    if (raw !== undefined) {
      const point = guardPoint(raw);
      if (!point) return undefined;
      points = [point];
    }
    out.push({ labels, points, nonFinite: countNonFinite(points) });
  }
  return out;
}

/** matrixSchema's result: `{ metric, values? }` per series. */
export function guardMatrix(value: unknown): Series[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: Series[] = [];
  for (const item of value as unknown[]) {
    if (!isPlainRecord(item)) return undefined;
    const labels = guardLabels(item['metric']);
    if (!labels) return undefined;
    const raw = item['values'];
    const points: Point[] = [];
    if (raw !== undefined) {
      if (!Array.isArray(raw)) return undefined;
      for (const v of raw as unknown[]) {
        const point = guardPoint(v);
        if (!point) return undefined;
        points.push(point);
      }
    }
    out.push({ labels, points, nonFinite: countNonFinite(points) });
  }
  return out;
}

/** `{ resultType: 'vector' | 'matrix', result }` with the result checked, as the instant-query schemas read it. */
export function guardSeriesData(data: unknown): { resultType: 'vector' | 'matrix'; result: Series[] } | undefined {
  if (!isPlainRecord(data)) return undefined;
  const type = data['resultType'];
  if (type === 'vector') {
    const result = guardVector(data['result']);
    return result && { resultType: type, result };
  }
  if (type === 'matrix') {
    const result = guardMatrix(data['result']);
    return result && { resultType: type, result };
  }
  return undefined;
}

/** `z.array(z.string()).optional()`: the list, [] when absent, undefined when it is something else. */
export function guardOptionalStrings(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  for (const v of value as unknown[]) if (typeof v !== 'string') return undefined;
  return value as string[];
}
