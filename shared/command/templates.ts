/**
 * Communication templates, quoted from the seeds with their bracketed blanks turned into
 * placeholders (`{{name}}`) that Pitwall fills from the incident's live state. Text outside the
 * placeholders is the seeds' own: HD-Compute-Toolkit runbook "Communication Templates" (initial
 * notification, status update, resolution notification), the lecture's Slack declaration message,
 * and the lecture's on-call handoff template (its incident-relevant sections).
 *
 * The runbook's emoji are written here as the characters they are; the seed file carries them
 * double-encoded (UTF-8 read as Windows-1252), which templates.test.ts undoes before comparing.
 */
export const TEMPLATE_IDS = ['initial', 'status-update', 'resolution', 'declaration', 'handoff'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** What marking a message sent answers: a stakeholder update, the resolution notice, or nothing (a handoff note). */
export type TemplatePurpose = 'update' | 'resolution' | 'handoff';

export interface CommsTemplate {
  id: TemplateId;
  name: string;
  /** Where the text comes from, shown beside it. */
  source: string;
  purpose: TemplatePurpose;
  body: string;
}

export const DEFAULT_TEMPLATES: Readonly<Record<TemplateId, CommsTemplate>> = {
  initial: {
    id: 'initial',
    name: 'Initial incident notification',
    source: 'HD-Compute-Toolkit runbook · Communication Templates · Initial Incident Notification',
    purpose: 'update',
    body: [
      '🚨 INCIDENT ALERT 🚨',
      'Severity: {{severity_label}}',
      'Service: {{services}}',
      'Impact: {{impact}}',
      'Started: {{started}}',
      'Investigating: {{commander}}',
      '',
      'Status page: {{status_page}}',
      'Updates will be posted every {{update_cadence}}.',
    ].join('\n'),
  },
  'status-update': {
    id: 'status-update',
    name: 'Status update',
    source: 'HD-Compute-Toolkit runbook · Communication Templates · Status Update',
    purpose: 'update',
    body: [
      '📊 INCIDENT UPDATE',
      'Incident: {{description}}',
      'Status: {{public_status}}',
      'Update: {{changes}}',
      'Next: {{next_steps}}',
      'ETA: {{eta}}',
      '',
      'Latest update: {{now}}',
    ].join('\n'),
  },
  resolution: {
    id: 'resolution',
    name: 'Resolution notification',
    source: 'HD-Compute-Toolkit runbook · Communication Templates · Resolution Notification',
    purpose: 'resolution',
    body: [
      '✅ INCIDENT RESOLVED',
      'Incident: {{description}}',
      'Duration: {{duration}}',
      'Resolution: {{resolution}}',
      'Follow-up: {{follow_up}}',
      '',
      'Post-mortem will be shared within 24 hours.',
    ].join('\n'),
  },
  declaration: {
    id: 'declaration',
    name: 'Declaration message',
    source: 'Lecture 06 · Incident Declaration · _notify_slack message',
    purpose: 'update',
    body: [
      '🚨 **INCIDENT DECLARED** 🚨',
      '**ID**: {{ref}}',
      '**Severity**: {{severity_word}} ({{severity_label}})',
      '**Title**: {{title}}',
      '**Description**: {{summary}}',
      '',
      'War room: #incident-{{ref_lower}}',
    ].join('\n'),
  },
  handoff: {
    id: 'handoff',
    name: 'Handoff note',
    source: 'Lecture 06 · Handoff Procedure · On-Call Handoff Template (Current Status, Notes for Next On-Call)',
    purpose: 'handoff',
    body: [
      '### Current Status',
      '- [ ] All services healthy (or list issues): {{impact}}',
      '- [ ] Open incidents: {{ref}} {{title}} — {{severity_label}}, {{status}}, {{elapsed}} elapsed',
      '- [ ] Ongoing investigations: {{next_steps}}',
      '',
      '### Open checklist items',
      '{{open_checklist}}',
      '',
      '### Active mitigations',
      '{{mitigations}}',
      '',
      '### Notes for Next On-Call',
      '- Next stakeholder update due: {{next_update}}',
      '- [Any special instructions]',
      '- [Contact info for escalations]',
      '- [Links to runbooks]',
    ].join('\n'),
  },
};

/** Every placeholder a template may use, with what fills it. Anything else is an error, never a blank. */
export const PLACEHOLDERS = {
  ref: 'Incident id, e.g. INC-20251122-001',
  ref_lower: 'Incident id in lower case (war-room channel names)',
  title: 'Incident title',
  summary: 'Incident summary as declared',
  description: 'Brief description: id and title',
  severity: 'Severity, e.g. SEV1',
  priority: 'P-level equivalent, e.g. P0',
  severity_label: 'Severity with its P-level, e.g. SEV1 · P0',
  severity_word: 'Severity in words, e.g. CRITICAL (lecture)',
  services: 'Affected services',
  impact: 'Impact as told to stakeholders (editable; starts from the summary)',
  started: 'When impact started (or declaration), UTC',
  elapsed: 'Time since declaration',
  duration: 'Total time from impact start to resolution',
  status: 'Internal status (investigating … resolved)',
  public_status: 'Status as told to stakeholders (Investigating/Identified/Monitoring/Resolved)',
  commander: 'Incident commander',
  changes: 'What changed since the last update, from the timeline',
  next_steps: 'Next steps (editable)',
  eta: 'Estimated resolution time (editable)',
  resolution: 'What fixed it (editable; starts from the mitigations applied)',
  follow_up: 'Prevention measures (editable)',
  audience: "Who receives it: the severity's notification channels",
  update_cadence: 'Update cadence, e.g. 15 minutes',
  next_update: 'When the next stakeholder update is due, UTC',
  now: 'Now, UTC',
  status_page: 'Status page URL (settings)',
  mitigations: 'Mitigations in place (paused queues, silences)',
  open_checklist: 'Open checklist items',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;

export function isPlaceholder(name: string): name is Placeholder {
  return Object.hasOwn(PLACEHOLDERS, name);
}

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;

export interface TemplateProblem {
  line: number;
  message: string;
}

/**
 * Unknown placeholders and unbalanced braces, with line numbers. A misspelt `{{sevrity}}` must
 * stop the template, not go out to stakeholders as a blank.
 */
export function checkTemplate(body: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  body.split('\n').forEach((text, i) => {
    const line = i + 1;
    for (const m of text.matchAll(TOKEN)) {
      const name = m[1] ?? '';
      if (!isPlaceholder(name)) {
        const hint = name === '' ? 'an empty placeholder' : `unknown placeholder {{${name}}}`;
        problems.push({ line, message: `${hint}; known: ${Object.keys(PLACEHOLDERS).join(', ')}` });
      }
    }
    const rest = text.replace(TOKEN, '');
    if (rest.includes('{{') || rest.includes('}}')) problems.push({ line, message: 'unbalanced {{ or }}' });
  });
  return problems;
}

export function describeProblems(problems: readonly TemplateProblem[]): string {
  return problems.map((p) => `line ${p.line}: ${p.message}`).join('; ');
}

/** Values for every placeholder; null where Pitwall does not know it (shown as a bracketed blank to fill in). */
export type PlaceholderValues = Record<Placeholder, string | null>;

export interface Rendered {
  text: string;
  /** Placeholders that had no value: the draft shows `[what]` there, to fill in before sending. */
  missing: Placeholder[];
}

/** The bracketed blank left where a value is unknown, in the seeds' own style ("[Next steps]"). */
export const BLANK: Readonly<Record<Placeholder, string>> = {
  ref: '[INC-ID]',
  ref_lower: '[inc-id]',
  title: '[Title]',
  summary: '[Description]',
  description: '[Brief description]',
  severity: '[SEV]',
  priority: '[P0/P1/P2/P3]',
  severity_label: '[P0/P1/P2/P3]',
  severity_word: '[SEVERITY]',
  services: '[Service]',
  impact: '[Description of user impact]',
  started: '[Timestamp]',
  elapsed: '[Elapsed]',
  duration: '[Total time]',
  status: '[Status]',
  public_status: '[Investigating/Identified/Monitoring/Resolved]',
  commander: '[Name]',
  changes: "[What we've learned/done]",
  next_steps: '[Next steps]',
  eta: '[Estimated resolution time]',
  resolution: '[What fixed it]',
  follow_up: '[Prevention measures]',
  audience: '[Audience]',
  update_cadence: '[cadence]',
  next_update: '[Next update]',
  now: '[Timestamp]',
  status_page: '[URL]',
  mitigations: '[Mitigations]',
  open_checklist: '[Open checklist items]',
};

/** Fills a template. Throws on an unknown placeholder: callers check first, this is the last guard. */
export function renderTemplate(body: string, values: PlaceholderValues): Rendered {
  const problems = checkTemplate(body);
  if (problems.length > 0) throw new Error(`The template cannot be used: ${describeProblems(problems)}`);
  const missing = new Set<Placeholder>();
  const text = body.replace(TOKEN, (_m, raw: string) => {
    const name = raw.trim() as Placeholder;
    const value = values[name];
    if (value === null || value.trim() === '') {
      missing.add(name);
      return BLANK[name];
    }
    return value;
  });
  return { text, missing: [...missing] };
}

/** Placeholders a body uses, in order of first use. */
export function placeholdersIn(body: string): Placeholder[] {
  const out: Placeholder[] = [];
  for (const m of body.matchAll(TOKEN)) {
    const name = (m[1] ?? '').trim();
    if (isPlaceholder(name) && !out.includes(name)) out.push(name);
  }
  return out;
}
