import { v7 as uuidv7 } from 'uuid';

/**
 * Ids for new records (checklist actions, comms, mitigations, postmortem versions, action items…).
 * UUIDv7: globally unique, so records made on different machines can later sync into one shared
 * database without renumbering, and time-ordered, so they sort and index like the integers they replace.
 */
export function newId(): string {
  return uuidv7();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
