/**
 * Severity levels. SEV1–SEV4 follow the lecture seed; the P0–P3 equivalents come
 * from the runbook seeds and are shown alongside because responders from other
 * teams think in P-levels.
 */
export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PRIORITY_OF: Readonly<Record<Severity, string>> = {
  SEV1: 'P0',
  SEV2: 'P1',
  SEV3: 'P2',
  SEV4: 'P3',
};

export const SEVERITY_MEANING: Readonly<Record<Severity, string>> = {
  SEV1: 'Critical — service down, major impact',
  SEV2: 'High — degraded service, significant impact',
  SEV3: 'Medium — minor impact, workaround available',
  SEV4: 'Low — no user impact, maintenance item',
};

/** "SEV1 · P0" — the label used everywhere a severity is shown. */
export function severityLabel(sev: Severity): string {
  return `${sev} · ${PRIORITY_OF[sev]}`;
}
