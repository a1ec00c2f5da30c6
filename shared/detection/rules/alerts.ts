import { SEVERITIES, type Severity } from '../../domain/severity';
import { dur, plural } from '../series';
import type { DetectionSettings } from '../settings';
import type { DetectionFrame, Finding, FrameAlert, RuleOutcome } from '../types';

const TITLE = 'Firing alerts (Prometheus / Alertmanager)';
const ALERT_KINDS = new Set(['prometheus', 'alertmanager']);

/** The playbook an alert opens: the user's mapping of its name first, then its own `playbook` label. */
export function playbookFor(alert: Pick<FrameAlert, 'name' | 'labels'>, settings: DetectionSettings): string | null {
  const mapped = settings.alertMappings.find((m) => m.alert === alert.name);
  if (mapped) return mapped.playbookId;
  const label = alert.labels['playbook']?.trim();
  return label && /^[a-z0-9][a-z0-9-]{0,79}$/.test(label) ? label : null;
}

function severityOf(alert: FrameAlert, settings: DetectionSettings['alerts']): Severity {
  const label = alert.severity?.toLowerCase() ?? '';
  return settings.severityByLabel[label] ?? settings.otherSeverity;
}

export function mostSevere(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b;
}

/**
 * Every firing alert becomes a finding: grouped under the playbook its label or the user's mapping
 * names, or under its own name when nothing names one (it is still suggested — an alert nobody mapped
 * is exactly what a commander must not miss).
 */
export function alertsRule(frame: DetectionFrame, settings: DetectionSettings): RuleOutcome {
  const sources = frame.sources.filter((s) => ALERT_KINDS.has(s.kind) && s.state !== 'disabled');
  if (!settings.alerts.enabled) {
    return { status: { rule: 'alerts', title: TITLE, state: 'off', detail: 'Switched off in settings.', dataAt: null }, findings: [] };
  }
  if (sources.length === 0) {
    return {
      status: {
        rule: 'alerts',
        title: TITLE,
        state: 'no-data',
        detail: 'No data: no Prometheus or Alertmanager source is configured.',
        dataAt: null,
      },
      findings: [],
    };
  }
  const groups = new Map<string, FrameAlert[]>();
  const playbookOf = new Map<string, string | null>();
  for (const a of frame.alerts) {
    const playbook = playbookFor(a, settings);
    const key = playbook ?? `alert:${a.name}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
    playbookOf.set(key, playbook);
  }
  const findings: Finding[] = [];
  for (const [key, alerts] of groups) {
    const names = [...new Set(alerts.map((a) => a.name))];
    const severity = alerts.map((a) => severityOf(a, settings.alerts)).reduce(mostSevere);
    findings.push({
      source: 'alert',
      playbookId: playbookOf.get(key) ?? null,
      key,
      title: `Alert${names.length > 1 ? 's' : ''} firing: ${names.join(', ')}${alerts.length > names.length ? ` (${alerts.length})` : ''}`,
      severity,
      since: Math.min(...alerts.map((a) => a.startsAt)),
      affected: {
        gpus: [],
        nodes: [
          ...new Set(alerts.flatMap((a) => [a.labels['Hostname'], a.labels['hostname'], a.labels['node']].filter((x): x is string => !!x))),
        ],
        queues: [...new Set(alerts.map((a) => a.labels['queue']).filter((x): x is string => !!x))],
        services: [...new Set(alerts.map((a) => a.labels['service']).filter((x): x is string => !!x))],
        mounts: [...new Set(alerts.map((a) => a.labels['mountpoint']).filter((x): x is string => !!x))],
      },
      evidence: alerts.slice(0, 20).map((a) => ({
        text:
          `${a.name}${a.severity ? ` (${a.severity})` : ''} firing for ${dur(frame.now - a.startsAt)}` +
          `${a.summary ? `: ${a.summary}` : ''}${frame.now - a.lastSeenAt > 60_000 ? ` — last seen ${dur(frame.now - a.lastSeenAt)} ago` : ''}`,
        metric: null,
        match: {},
        fromMs: a.startsAt,
        toMs: a.lastSeenAt,
        values: [],
      })),
    });
  }
  const down = sources.filter((s) => s.state === 'down');
  const status =
    down.length === sources.length
      ? {
          state: 'no-data' as const,
          detail: `No data: ${down.map((s) => `${s.name} is down${s.error ? `: ${s.error}` : ''}`).join('; ')}.${frame.alerts.length > 0 ? ` Last known: ${plural(frame.alerts.length, 'alert')} firing.` : ''}`,
        }
      : findings.length > 0
        ? { state: 'firing' as const, detail: `${plural(frame.alerts.length, 'alert')} firing.` }
        : { state: 'clear' as const, detail: 'No alert firing.' };
  return { status: { rule: 'alerts', title: TITLE, ...status, dataAt: null }, findings };
}
