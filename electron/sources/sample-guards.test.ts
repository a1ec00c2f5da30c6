import { describe, expect, it } from 'vitest';
import { guardMatrix, guardVector } from './sample-guards';
import { matrixSchema, vectorSchema } from './samples';

const GOOD_VECTORS: unknown[] = [
  [],
  [{ metric: { hostname: 'gpu-node-01' }, value: [1795368440.714, '0.66'] }],
  [
    { metric: {}, value: [1, 'NaN'] },
    { metric: { a: 'b' }, value: [1.5, '+Inf'] },
    { metric: { a: 'c' }, value: [2, '-Inf'], extra: true },
    { metric: { a: 'd' } },
  ],
];

const BAD_VECTORS: unknown[] = [
  null,
  {},
  [null],
  [{ value: [1, '1'] }],
  [{ metric: { a: 1 }, value: [1, '1'] }],
  [{ metric: [], value: [1, '1'] }],
  [{ metric: {}, value: [1, 0.5] }],
  [{ metric: {}, value: ['1', '0.5'] }],
  [{ metric: {}, value: [1, 'lots'] }],
  [{ metric: {}, value: [1, ' 1'] }],
  [{ metric: {}, value: [1, ''] }],
  [{ metric: {}, value: [1, '1', 'x'] }],
  [{ metric: {}, value: null }],
];

describe('the hand-written reply checks', () => {
  it('accept what the vector schema accepts, with the same result', () => {
    for (const v of GOOD_VECTORS) {
      const guarded = guardVector(v);
      expect(guarded, JSON.stringify(v)).toBeDefined();
      expect(guarded).toEqual(vectorSchema.parse(v));
    }
  });

  it('refuse what the vector schema refuses, so its message is the one reported', () => {
    for (const v of BAD_VECTORS) {
      expect(guardVector(v), JSON.stringify(v)).toBeUndefined();
      expect(vectorSchema.safeParse(v).success, JSON.stringify(v)).toBe(false);
    }
  });

  it('leave a __proto__ label (which zod drops) to the schema', () => {
    const v = JSON.parse('[{"metric":{"__proto__":"x","a":"b"},"value":[1,"1"]}]') as unknown;
    expect(guardVector(v)).toBeUndefined();
    expect(vectorSchema.safeParse(v).success).toBe(true);
  });

  it('check matrices point by point, like the matrix schema', () => {
    const good = [
      {
        metric: { a: 'b' },
        values: [
          [1, '1'],
          [2, 'NaN'],
          [3.001, '2e3'],
        ],
      },
      { metric: {} },
    ];
    expect(guardMatrix(good)).toEqual(matrixSchema.parse(good));
    for (const bad of [
      [
        {
          metric: {},
          values: [
            [1, '1'],
            [2, 2],
          ],
        },
      ],
      [{ metric: {}, values: {} }],
      [{ metric: {}, values: [[1]] }],
    ]) {
      expect(guardMatrix(bad)).toBeUndefined();
      expect(matrixSchema.safeParse(bad).success).toBe(false);
    }
  });
});
