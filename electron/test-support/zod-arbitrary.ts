import fc from 'fast-check';
import type { z } from 'zod';

/**
 * Inputs for fuzzing a channel, derived from its zod schema: values of the right shape most of the time
 * (so handlers are reached, not only the parser), with boundary and hostile values mixed in at every
 * level, missing and unknown keys, and now and then something of another type altogether.
 */

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\u202Egnp.exe',
  '\u001b[31mred\u001b[0m',
  '../../etc/passwd',
  "'; DROP TABLE incidents; --",
  '"*" OR NEAR(',
  'x'.repeat(201),
  'y'.repeat(20_001),
  '😀'.repeat(300),
  'INC-20260101-001',
  'http://127.0.0.1:1/',
  'javascript:alert(1)',
];

const BOUNDARY_NUMBERS = [
  0,
  -1,
  1,
  0.5,
  2 ** 31,
  -(2 ** 31),
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
  NaN,
  Infinity,
  -Infinity,
  946_684_800_000,
  4_102_444_800_001,
];

type Def = { type: string } & Record<string, unknown>;

function defOf(schema: unknown): Def {
  return (schema as { def: Def }).def;
}

/** Mostly plausible (so calls get past the parser to the handler), sometimes hostile. */
function mostly(plausible: fc.Arbitrary<unknown>, hostile: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 5, arbitrary: plausible }, { weight: 1, arbitrary: hostile });
}

const PLAUSIBLE_STRINGS = [
  'gpu-oom',
  'echo',
  'SEV1',
  'http://127.0.0.1:1/',
  'up',
  'GPU 3 at 97%',
  'alice',
  '{job=~".+"}',
  'sum(up)',
  'default',
];

function strings(): fc.Arbitrary<unknown> {
  return mostly(
    fc.oneof(fc.constantFrom(...PLAUSIBLE_STRINGS), fc.string({ minLength: 1, maxLength: 20 })),
    fc.constantFrom(...HOSTILE_STRINGS),
  );
}

// Anchored to a fixed day so the same seed gives the same inputs on every run.
const DAY = Date.UTC(2026, 11, 4);

function numbers(): fc.Arbitrary<unknown> {
  return mostly(
    fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: DAY - 86_400_000, max: DAY })),
    fc.oneof(fc.integer(), fc.double(), fc.constantFrom(...BOUNDARY_NUMBERS)),
  );
}

export function arbitraryFor(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const shaped = shapedFor(schema, depth);
  // Now and then, anything at all in place of the expected shape.
  return fc.oneof({ weight: 30, arbitrary: shaped }, { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) });
}

function shapedFor(schema: unknown, depth: number): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.anything({ maxDepth: 1 });
  const def = defOf(schema);
  const next = (s: unknown): fc.Arbitrary<unknown> => arbitraryFor(s, depth + 1);
  switch (def.type) {
    case 'string':
      return strings();
    case 'number':
    case 'int':
      return numbers();
    case 'boolean':
      return fc.oneof(fc.boolean(), fc.constantFrom('true', 0, 1, null));
    case 'null':
      return fc.constantFrom(null, undefined, 0);
    case 'enum': {
      const values = Object.values(def.entries as Record<string, unknown>);
      return mostly(fc.constantFrom(...values), fc.constant('not-a-member'));
    }
    case 'literal':
      return fc.oneof(fc.constantFrom(...(def.values as unknown[])), strings());
    case 'array':
      return fc.array(next(def.element), { maxLength: 8 });
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'catch':
      return fc.oneof({ weight: 1, arbitrary: fc.constantFrom(undefined, null) }, { weight: 3, arbitrary: next(def.innerType) });
    case 'pipe':
      return next(def.in);
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map(next));
    case 'record':
      return fc.dictionary(fc.oneof(strings().map(String), fc.constant('__proto__')), next(def.valueType), { maxKeys: 5 });
    case 'object': {
      const shape = (schema as z.ZodObject).shape as Record<string, unknown>;
      const keys = Object.keys(shape);
      const fields = Object.fromEntries(keys.map((k) => [k, next(shape[k])]));
      return fc
        .tuple(
          fc.oneof({ weight: 6, arbitrary: fc.record(fields) }, { weight: 1, arbitrary: fc.record(fields, { requiredKeys: [] }) }),
          fc.oneof(
            { weight: 8, arbitrary: fc.constant({}) },
            { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 2 }) },
          ),
        )
        .map(([known, extra]) => ({ ...extra, ...known }));
    }
    default:
      return fc.anything({ maxDepth: 2 });
  }
}
