/** Incident roles from the lecture seed (commander, comms, technical lead) plus a scribe. */
export const ROLES = ['commander', 'communications', 'operations', 'scribe'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  commander: 'Incident commander',
  communications: 'Communications lead',
  operations: 'Operations / technical lead',
  scribe: 'Scribe',
};
