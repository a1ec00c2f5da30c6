import type { IncidentSummary } from '../domain/incident';
import type { Severity } from '../domain/severity';
import type { RuleId } from './settings';

/**
 * Detection's data model. Rules are pure functions of a DetectionFrame (stored telemetry read for
 * one evaluation) and return findings; the detector in main groups findings by the playbook they
 * propose into suggestions, which the commander declares, attaches to an open incident or dismisses.
 */

/** One stored series over the rule window, oldest first; `v` is null where the upstream said NaN. */
export interface FrameSeries {
  sourceId: number;
  labels: Readonly<Record<string, string>>;
  t: readonly number[];
  v: readonly (number | null)[];
}

export interface FrameAlert {
  sourceId: number;
  name: string;
  severity: string | null;
  labels: Readonly<Record<string, string>>;
  summary: string | null;
  startsAt: number;
  lastSeenAt: number;
}

export interface FrameSource {
  id: number;
  name: string;
  kind: string;
  state: 'unknown' | 'ok' | 'degraded' | 'down' | 'disabled';
  /** The last error in words, when the source is failing. */
  error: string | null;
  /**
   * Metric keys this source is configured to store. An empty answer from a healthy source that writes
   * a metric means "none" (Loki returns no series when no line matched), not "no data".
   */
  metrics: readonly string[];
}

/** Everything one evaluation reads; built from the store by electron/core/detection, or by hand in tests. */
export interface DetectionFrame {
  now: number;
  /** Series per metric key (METRICS in shared/domain/telemetry.ts), each over that metric's lookback. */
  series: Readonly<Record<string, readonly FrameSeries[]>>;
  alerts: readonly FrameAlert[];
  sources: readonly FrameSource[];
  /** `namespace/pod` → node, from the GPU snapshot (which workload holds which GPU). */
  podNodes: Readonly<Record<string, string>>;
}

/** Numbers behind a finding, as a person reads them: "GPU memory 97 %", "pending +328". */
export interface EvidenceValue {
  label: string;
  value: number | null;
  unit: 'share' | 'count' | 'seconds' | 'per-min' | 'tasks' | 'code';
}

export interface EvidenceItem {
  /** "GPU 0, 2 on gpu-node-01 at or above 90 % for 2m 10s in the last 10 min". */
  text: string;
  /** A stored metric to pin (with `match`) over [fromMs, toMs]; null for evidence that is not a series (alerts). */
  metric: string | null;
  match: Record<string, string>;
  fromMs: number;
  toMs: number;
  values: EvidenceValue[];
}

export interface Affected {
  gpus: string[];
  nodes: string[];
  queues: string[];
  services: string[];
  mounts: string[];
}

export type FindingSource = RuleId | 'alert';

export interface Finding {
  source: FindingSource;
  /** The playbook it proposes; null for an alert no label or mapping names. */
  playbookId: string | null;
  /** Grouping key of the suggestion: the playbook, or `alert:<name>` for an unmatched alert. */
  key: string;
  title: string;
  severity: Severity;
  /** When the condition began, as far as the stored data shows (proposed impact start). */
  since: number;
  affected: Affected;
  evidence: EvidenceItem[];
}

export type RuleState = 'firing' | 'clear' | 'no-data' | 'off';

export interface RuleStatus {
  rule: RuleId | 'alerts';
  title: string;
  state: RuleState;
  /** Why, in words: "no GPU memory samples since 12:03 — Lab GPU exporter is down (connection refused)". */
  detail: string;
  /** Newest input sample the rule saw, for its age. */
  dataAt: number | null;
}

export interface RuleOutcome {
  status: RuleStatus;
  findings: Finding[];
}

export type SuggestionState = 'active' | 'dismissed' | 'cleared' | 'declared' | 'attached';

export interface SuggestionAction {
  id: string;
  kind: 'dismissed' | 'declared' | 'attached';
  at: number;
  author: string;
  reason: string;
  /** Dismissed until. */
  until: number | null;
  incident: Pick<IncidentSummary, 'id' | 'ref'> | null;
  /** What declaring or attaching could not do (a playbook that could not be attached, evidence with no samples). */
  problems: string[];
}

export interface Suggestion {
  id: string;
  key: string;
  playbookId: string | null;
  title: string;
  severity: Severity;
  state: SuggestionState;
  /** When a rule first matched: the incident's detected-at if declared. */
  firstMatchedAt: number;
  /** When the condition began in the data: the proposed impact start. */
  since: number;
  lastMatchedAt: number;
  clearedAt: number | null;
  sources: FindingSource[];
  affected: Affected;
  evidence: EvidenceItem[];
  /** An open incident already dealing with this condition: offered as "attach to INC-…". */
  coveredBy: Pick<IncidentSummary, 'id' | 'ref' | 'title'> | null;
  action: SuggestionAction | null;
}

export interface DetectionView {
  /** Active first (newest first), then what was dismissed, cleared, declared or attached in the last hours. */
  suggestions: Suggestion[];
  rules: RuleStatus[];
  evaluatedAt: number | null;
  /** Open incidents, for "attach to…" on any suggestion. */
  openIncidents: Pick<IncidentSummary, 'id' | 'ref' | 'title' | 'severity'>[];
  /** The settings' default for how long a dismissal keeps a condition quiet. */
  dismissMin: number;
}

export interface DeclareOutcome {
  incident: Pick<IncidentSummary, 'id' | 'ref' | 'title'>;
  pinned: number;
  playbook: { id: string; attached: boolean; error: string | null } | null;
  problems: string[];
}

export function emptyAffected(): Affected {
  return { gpus: [], nodes: [], queues: [], services: [], mounts: [] };
}
