import type { DetectionSettings, RuleId } from '../../../shared/detection/settings';

/** How each threshold is edited and explained. Shares are edited as percentages. */
export interface FieldSpec {
  key: string;
  label: string;
  unit: 'percent' | 's' | 'min' | 'tasks' | 'restarts' | 'lines/min' | '×' | 'queues' | 'share' | 'codes';
  hint: string;
}

export const RULE_FIELDS: Readonly<Record<RuleId, readonly FieldSpec[]>> = {
  'gpu-oom': [
    { key: 'memShare', label: 'GPU memory near full at', unit: 'percent', hint: 'of the framebuffer (used / used + free + reserved)' },
    { key: 'hotSec', label: 'for at least', unit: 's', hint: 'summed over the window' },
    { key: 'minRestarts', label: 'with container restarts', unit: 'restarts', hint: 'OOMKilled or not, in the window' },
    { key: 'windowSec', label: 'window', unit: 's', hint: '' },
  ],
  'queue-backlog': [
    { key: 'minPending', label: 'pending at least', unit: 'tasks', hint: '' },
    { key: 'minPendingGrowth', label: 'grown by at least', unit: 'tasks', hint: 'in the window' },
    { key: 'activeFlatTolerance', label: 'active flat within', unit: 'tasks', hint: 'highest minus lowest' },
    { key: 'maxCompletedShare', label: 'completed at most', unit: 'share', hint: 'of completed + pending growth (0–1): "stuck"' },
    { key: 'windowSec', label: 'window', unit: 's', hint: '' },
  ],
  'gpu-contention': [
    { key: 'minLatencySec', label: 'oldest task waits at least', unit: 's', hint: '' },
    { key: 'minLatencyGrowthSec', label: 'wait grew by at least', unit: 's', hint: 'in the window' },
    { key: 'minPendingGrowth', label: 'pending grew by at least', unit: 'tasks', hint: '' },
    { key: 'maxFailureShare', label: 'failed at most', unit: 'share', hint: 'of processed (0–1): "not failing"' },
    { key: 'minQueues', label: 'in at least', unit: 'queues', hint: 'contention is platform-wide' },
    { key: 'windowSec', label: 'window', unit: 's', hint: '' },
  ],
  'storage-saturation': [
    { key: 'usedShare', label: 'nearly full at', unit: 'percent', hint: '' },
    { key: 'forSec', label: 'for at least', unit: 's', hint: 'every sample' },
    { key: 'projectFromShare', label: 'filling: from', unit: 'percent', hint: '' },
    { key: 'projectFullMin', label: 'and full within', unit: 'min', hint: 'at the trend of the trend window' },
    { key: 'trendWindowSec', label: 'trend window', unit: 's', hint: '' },
    { key: 'vanishedAfterSec', label: 'series vanished after', unit: 's', hint: 'while the source reports other mounts (hung NFS)' },
  ],
  'auth-outage': [
    { key: 'minPerMin', label: '401 / token-error lines at least', unit: 'lines/min', hint: 'per service' },
    { key: 'surgeFactor', label: 'and at least', unit: '×', hint: 'the median before the surge' },
    { key: 'baselineMin', label: 'baseline window', unit: 'min', hint: '' },
  ],
  'gpu-node-failure': [
    { key: 'silentSec', label: 'node silent for', unit: 's', hint: 'all its GPUs, while other nodes report' },
    { key: 'ignoredXids', label: 'ignore XIDs', unit: 'codes', hint: 'application faults, comma separated' },
  ],
};

export const GENERAL_FIELDS: readonly {
  key: 'dismissMin' | 'clearAfterSec' | 'staleAfterSec';
  label: string;
  unit: string;
  hint: string;
}[] = [
  { key: 'dismissMin', label: 'Dismissed conditions stay quiet for', unit: 'min', hint: 'the dismiss form’s default' },
  { key: 'clearAfterSec', label: 'A suggestion clears after', unit: 's', hint: 'without its condition' },
  { key: 'staleAfterSec', label: '"No data" after', unit: 's', hint: 'without a new sample' },
];

export type Draft = Record<string, string>;

function shown(value: unknown, unit: FieldSpec['unit']): string {
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value !== 'number') return '';
  return unit === 'percent' ? String(Math.round(value * 1000) / 10) : String(value);
}

/** The editable text of every number, keyed `rules.<id>.<key>` or `<key>`. */
export function draftFrom(s: DetectionSettings): Draft {
  const d: Draft = {};
  for (const [id, fields] of Object.entries(RULE_FIELDS) as [RuleId, readonly FieldSpec[]][]) {
    const rule = s.rules[id] as Record<string, unknown>;
    for (const f of fields) d[`rules.${id}.${f.key}`] = shown(rule[f.key], f.unit);
  }
  for (const f of GENERAL_FIELDS) d[f.key] = String(s[f.key]);
  return d;
}

function parse(text: string, unit: FieldSpec['unit']): number | number[] {
  if (unit === 'codes') {
    return text
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '')
      .map(Number);
  }
  const n = text.trim() === '' ? Number.NaN : Number(text);
  return unit === 'percent' ? n / 100 : n;
}

/** Settings with the draft's numbers laid over `base` (switches, severities and mappings come from `base`). */
export function applyDraft(base: DetectionSettings, d: Draft): DetectionSettings {
  const rules = { ...base.rules } as Record<RuleId, Record<string, unknown>>;
  for (const [id, fields] of Object.entries(RULE_FIELDS) as [RuleId, readonly FieldSpec[]][]) {
    const next = { ...rules[id] };
    for (const f of fields) next[f.key] = parse(d[`rules.${id}.${f.key}`] ?? '', f.unit);
    rules[id] = next;
  }
  const general = Object.fromEntries(GENERAL_FIELDS.map((f) => [f.key, Number(d[f.key] ?? '')]));
  return { ...base, ...general, rules: rules as unknown as DetectionSettings['rules'] };
}
