/**
 * Silence matchers as the IC edits them, checked before anything is sent: Alertmanager silences
 * every alert a matcher set matches, so an empty or match-everything set would mute the whole
 * platform in the middle of an incident.
 */
export const MATCHER_OPS = ['=', '!=', '=~', '!~'] as const;
export type MatcherOp = (typeof MATCHER_OPS)[number];

export interface Matcher {
  name: string;
  op: MatcherOp;
  value: string;
}

/** Duration bounds: long enough to stop a page storm, short enough that it cannot outlive the incident by a day. */
export const SILENCE_MIN_MINUTES = 5;
export const SILENCE_MAX_MINUTES = 24 * 60;
export const SILENCE_DEFAULT_MINUTES = 120;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Alertmanager anchors regex matchers at both ends. */
function anchored(value: string): RegExp | null {
  try {
    return new RegExp(`^(?:${value})$`);
  } catch {
    return null;
  }
}

export function matcherMatches(m: Matcher, labels: Readonly<Record<string, string>>): boolean {
  const v = labels[m.name] ?? '';
  switch (m.op) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return anchored(m.value)?.test(v) ?? false;
    case '!~':
      return !(anchored(m.value)?.test(v) ?? true);
  }
}

export function matchesAll(matchers: readonly Matcher[], labels: Readonly<Record<string, string>>): boolean {
  return matchers.length > 0 && matchers.every((m) => matcherMatches(m, labels));
}

// Non-empty label values of very different shapes: a matcher set that accepts all of them accepts any alert carrying the labels.
const PROBES = ['x', 'GPUMemHigh', 'gpu-node-01', 'Zz_9.-/ :'];

/** Problems with a matcher set, in words; empty when it may be sent. */
export function matcherProblems(matchers: readonly Matcher[]): string[] {
  if (matchers.length === 0) return ['Add at least one matcher: a silence without matchers would silence every alert.'];
  const problems: string[] = [];
  matchers.forEach((m, i) => {
    const where = `Matcher ${i + 1}`;
    if (!LABEL_NAME.test(m.name))
      problems.push(`${where}: "${m.name}" is not a label name (letters, digits and _, not starting with a digit).`);
    if ((m.op === '=~' || m.op === '!~') && anchored(m.value) === null)
      problems.push(`${where}: "${m.value}" is not a valid regular expression.`);
  });
  if (problems.length > 0) return problems;
  // Alertmanager's own rule, checked here so the IC hears it before anything is sent.
  if (matchers.every((m) => matcherMatches(m, {}))) {
    problems.push('At least one matcher must not match an empty label value; as written it would match alerts that lack these labels too.');
  } else if (PROBES.every((probe) => matchers.every((m) => matcherMatches(m, { [m.name]: probe })))) {
    problems.push('These matchers accept any label value, so the silence would cover every alert. Name the alerts to silence.');
  }
  return problems;
}

export function durationProblem(minutes: number): string | null {
  if (!Number.isInteger(minutes)) return 'The duration must be a whole number of minutes.';
  if (minutes < SILENCE_MIN_MINUTES || minutes > SILENCE_MAX_MINUTES) {
    return `A silence must last from ${SILENCE_MIN_MINUTES} minutes to ${SILENCE_MAX_MINUTES / 60} hours; longer ones belong to a maintenance window, not an incident.`;
  }
  return null;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Matchers for the incident's alerts: their alert names, plus every other label they all share with
 * the same value (cluster, namespace, playbook…), so the silence covers exactly this incident's
 * alerts and not the same alert elsewhere. Empty when the incident has no alerts on record.
 */
export function proposeMatchers(alerts: readonly { labels: Readonly<Record<string, string>> }[]): Matcher[] {
  const names = [...new Set(alerts.map((a) => a.labels.alertname).filter((n): n is string => n !== undefined && n !== ''))].sort();
  if (names.length === 0) return [];
  const out: Matcher[] = [
    names.length === 1
      ? { name: 'alertname', op: '=', value: names[0] ?? '' }
      : { name: 'alertname', op: '=~', value: names.map(escapeRegex).join('|') },
  ];
  const [first, ...rest] = alerts;
  for (const [name, value] of Object.entries(first?.labels ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    if (name === 'alertname' || value === '') continue;
    if (rest.every((a) => a.labels[name] === value)) out.push({ name, op: '=', value });
  }
  return out;
}

/** `alertname="GPUMemHigh", cluster="lab"` — how Alertmanager and amtool write a matcher set. */
export function formatMatchers(matchers: readonly Matcher[]): string {
  return matchers.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).join(', ');
}

/** Alertmanager's wire form. */
export function toWire(m: Matcher): { name: string; value: string; isRegex: boolean; isEqual: boolean } {
  return { name: m.name, value: m.value, isRegex: m.op === '=~' || m.op === '!~', isEqual: m.op === '=' || m.op === '=~' };
}
