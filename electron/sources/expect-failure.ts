import { expect } from 'vitest';
import { SourceError } from './source-error';

/** Await a client call that must fail, and hand back its SourceError for the test to inspect. */
export async function failure(p: Promise<unknown>): Promise<SourceError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}
