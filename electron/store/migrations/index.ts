import { migration001 } from './001-incidents';
import { migration002 } from './002-sources-telemetry';
import { migration003 } from './003-playbooks';
import { migration004 } from './004-command';
import { migration005 } from './005-fidelity';
import { migration006 } from './006-detection';
import { migration007 } from './007-reports';
import { migration008 } from './008-postmortems';
import type { Migration } from './types';

/**
 * Ordered, forward-only. Append; never reorder or edit a shipped one. Each domain adds its own file
 * (`00N-<domain>.ts`) with the tables it owns; records other machines may one day sync get a UUIDv7
 * text id (electron/core/ids.ts) and an author, never an AUTOINCREMENT integer.
 */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
];
