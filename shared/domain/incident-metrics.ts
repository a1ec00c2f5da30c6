import type { Severity } from './severity';

/**
 * Incident metrics over a window of days (DESIGN.md "Metrics"). Durations are skewed, so every figure
 * carries its median and p90 with the sample size, the formula it was computed with, the incidents it
 * came from and the ones left out (with why): a missing timestamp is never counted as zero.
 */

export const METRIC_WINDOWS = [30, 90, 365] as const;
export type MetricWindow = (typeof METRIC_WINDOWS)[number];

export const METRIC_IDS = ['mttd', 'mtta', 'mttr', 'mtbf'] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export interface MetricSample {
  incidentId: number;
  ref: string;
  title: string;
  valueMs: number;
  /** What the value was measured between, in words ("detected − impact start"; "since INC-…"). */
  basis: string;
}

export interface MetricExclusion {
  incidentId: number;
  ref: string;
  title: string;
  reason: string;
}

export interface MetricFigure {
  metric: MetricId;
  /** "MTTR" */
  short: string;
  /** "Mean time to resolve" */
  label: string;
  formula: string;
  n: number;
  /** Null when n is 0: the screen says "no data", never NaN. */
  medianMs: number | null;
  p90Ms: number | null;
  meanMs: number | null;
  samples: MetricSample[];
  excluded: MetricExclusion[];
}

export interface MetricGroup {
  /** 'all', a severity, or a playbook id ('untyped' for incidents without one). */
  key: string;
  label: string;
  incidents: number;
  figures: MetricFigure[];
}

export interface CountBucket {
  startMs: number;
  endMs: number;
  total: number;
  bySeverity: Record<Severity, number>;
}

export interface MetricsReport {
  windowDays: MetricWindow;
  fromMs: number;
  toMs: number;
  /** Incidents declared in the window. */
  incidents: number;
  overall: MetricGroup;
  bySeverity: MetricGroup[];
  byType: MetricGroup[];
  /** How an incident's type is known, or why it is not (no playbooks attached anywhere). */
  typeNote: string;
  bucket: 'week' | 'month';
  counts: CountBucket[];
  /** How p90 and the window are computed, printed under the figures. */
  method: string;
}
