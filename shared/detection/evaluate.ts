import { METRICS } from '../domain/telemetry';
import { alertsRule, mostSevere } from './rules/alerts';
import { authRule } from './rules/auth';
import { gpuOomRule } from './rules/gpu-oom';
import { nodeFailureRule } from './rules/node-failure';
import { gpuContentionRule, queueBacklogRule } from './rules/queues';
import { storageRule } from './rules/storage';
import { uniq } from './series';
import { RULE_IDS, RULE_TITLES, type DetectionSettings, type RuleId } from './settings';
import type { Affected, DetectionFrame, EvidenceItem, Finding, FindingSource, RuleOutcome, RuleStatus } from './types';
import type { Severity } from '../domain/severity';

/** One suggestion's worth of findings: everything that proposes the same playbook (or the same unmapped alert). */
export interface Proposal {
  key: string;
  playbookId: string | null;
  title: string;
  severity: Severity;
  since: number;
  sources: FindingSource[];
  affected: Affected;
  evidence: EvidenceItem[];
}

export interface Evaluation {
  rules: RuleStatus[];
  proposals: Proposal[];
}

function runRule(id: RuleId, frame: DetectionFrame, settings: DetectionSettings, staleMs: number): RuleOutcome {
  const r = settings.rules;
  switch (id) {
    case 'gpu-oom':
      return gpuOomRule(frame, r['gpu-oom'], staleMs);
    case 'queue-backlog':
      return queueBacklogRule(frame, r['queue-backlog'], staleMs);
    case 'gpu-contention':
      return gpuContentionRule(frame, r['gpu-contention'], staleMs);
    case 'storage-saturation':
      return storageRule(frame, r['storage-saturation'], staleMs);
    case 'auth-outage':
      return authRule(frame, r['auth-outage'], staleMs);
    case 'gpu-node-failure':
      return nodeFailureRule(frame, r['gpu-node-failure'], staleMs);
  }
}

/** How far back each metric is read for one evaluation: the longest window any rule reads it over. */
export function lookbacks(settings: DetectionSettings): Record<string, number> {
  const r = settings.rules;
  const s = (sec: number): number => sec * 1000;
  const stale = s(settings.staleAfterSec);
  const queues = Math.max(s(r['queue-backlog'].windowSec), s(r['gpu-contention'].windowSec)) + stale;
  const storage = Math.max(
    s(r['storage-saturation'].trendWindowSec),
    s(r['storage-saturation'].forSec),
    10 * s(r['storage-saturation'].vanishedAfterSec),
  );
  // A node or mount that stopped reporting is flagged for as long as its last samples are in the window.
  const gpus = Math.max(s(r['gpu-oom'].windowSec), 10 * s(r['gpu-node-failure'].silentSec), stale);
  const recent = 5 * 60_000 + stale;
  return {
    [METRICS.gpuMemoryShare]: gpus,
    [METRICS.podRestarts]: s(r['gpu-oom'].windowSec) + stale,
    [METRICS.podLastOom]: s(r['gpu-oom'].windowSec) + stale,
    [METRICS.queueDepth]: queues,
    [METRICS.queueLatency]: queues,
    [METRICS.queueProcessedToday]: queues,
    [METRICS.queueFailedToday]: queues,
    [METRICS.fsUsedShare]: storage,
    [METRICS.fsDeviceError]: recent,
    [METRICS.logAuthFailures]: Math.max(r['auth-outage'].baselineMin * 60_000, stale),
    [METRICS.gpuXid]: recent,
    [METRICS.nodeReady]: recent,
  };
}

function mergeAffected(list: readonly Affected[]): Affected {
  return {
    gpus: uniq(list.flatMap((a) => a.gpus)),
    nodes: uniq(list.flatMap((a) => a.nodes)),
    queues: uniq(list.flatMap((a) => a.queues)),
    services: uniq(list.flatMap((a) => a.services)),
    mounts: uniq(list.flatMap((a) => a.mounts)),
  };
}

/** Findings that propose the same playbook become one proposal; a rule's own words lead, alerts follow. */
export function group(findings: readonly Finding[]): Proposal[] {
  const byKey = new Map<string, Finding[]>();
  for (const f of findings) byKey.set(f.key, [...(byKey.get(f.key) ?? []), f]);
  const out: Proposal[] = [];
  for (const [key, list] of byKey) {
    const ordered = [...list].sort((a, b) => Number(a.source === 'alert') - Number(b.source === 'alert'));
    const lead = ordered[0] as Finding;
    out.push({
      key,
      playbookId: lead.playbookId,
      title: lead.title,
      severity: ordered.map((f) => f.severity).reduce(mostSevere),
      since: Math.min(...ordered.map((f) => f.since)),
      sources: [...new Set(ordered.map((f) => f.source))],
      affected: mergeAffected(ordered.map((f) => f.affected)),
      evidence: ordered.flatMap((f) => f.evidence),
    });
  }
  return out.sort((a, b) => a.since - b.since || a.key.localeCompare(b.key));
}

/** Every rule over one frame. Pure: the same frame and settings give the same answer. */
export function evaluate(frame: DetectionFrame, settings: DetectionSettings): Evaluation {
  const staleMs = settings.staleAfterSec * 1000;
  const rules: RuleStatus[] = [];
  const findings: Finding[] = [];
  for (const id of RULE_IDS) {
    if (!settings.rules[id].enabled) {
      rules.push({ rule: id, title: RULE_TITLES[id], state: 'off', detail: 'Switched off in settings.', dataAt: null });
      continue;
    }
    const outcome = runRule(id, frame, settings, staleMs);
    rules.push(outcome.status);
    findings.push(...outcome.findings);
  }
  const alerts = alertsRule(frame, settings);
  rules.push(alerts.status);
  findings.push(...alerts.findings);
  return { rules, proposals: group(findings) };
}
