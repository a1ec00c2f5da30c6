import { migration001 } from './001-incidents';
import { migration002 } from './002-sources-telemetry';
import type { Migration } from './types';

/** Ordered, forward-only. Append; never reorder or edit. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002];
