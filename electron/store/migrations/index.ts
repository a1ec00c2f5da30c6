import { migration001 } from './001-incidents';
import type { Migration } from './types';

/** Ordered, forward-only. Append; never reorder or edit. */
export const MIGRATIONS: readonly Migration[] = [migration001];
