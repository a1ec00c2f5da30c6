import { z } from 'zod';

/**
 * Helpers every domain contract file uses. A channel is `{ input: zod schema, output: type marker }`;
 * `output` carries no runtime value, it only types what the handler returns.
 */
export function out<T>(): T {
  return undefined as T;
}

export const emptyInput = z.strictObject({});
