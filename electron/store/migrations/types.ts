export interface Migration {
  /** user_version after this migration; consecutive from 1. */
  version: number;
  name: string;
  /** Never edit a shipped migration: its hash is recorded and checked at every open. */
  sql: string;
}
