import { z } from 'zod';

/**
 * Evidence queries: what a checklist item can show beside itself, read from Pitwall's STORED
 * telemetry (the same tables the command view draws), never from an upstream directly. The set is
 * closed on purpose: an imported playbook naming a query Pitwall cannot answer is refused, rather
 * than showing an item whose evidence silently never appears.
 */
export const EVIDENCE_KINDS = [
  'queue-pending',
  'queue-latency',
  'queue-failed',
  'gpu-memory',
  'oom-kills',
  'restarts',
  'fs-saturation',
  'fs-device-errors',
  'error-lines',
  'auth-failures',
  'firing-alerts',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Which optional parameters each kind understands (a filter on the series' labels). */
export const EVIDENCE_PARAMS: Readonly<Record<EvidenceKind, readonly EvidenceParam[]>> = {
  'queue-pending': ['queue'],
  'queue-latency': ['queue'],
  'queue-failed': ['queue'],
  'gpu-memory': ['node', 'gpu'],
  'oom-kills': ['namespace', 'pod'],
  restarts: ['namespace', 'pod'],
  'fs-saturation': ['node', 'mountpoint'],
  'fs-device-errors': ['node', 'mountpoint'],
  'error-lines': ['service'],
  'auth-failures': ['service'],
  'firing-alerts': ['playbook', 'alert'],
};
export const EVIDENCE_PARAM_NAMES = ['queue', 'node', 'gpu', 'namespace', 'pod', 'mountpoint', 'service', 'playbook', 'alert'] as const;
export type EvidenceParam = (typeof EVIDENCE_PARAM_NAMES)[number];

/** What each kind reads, in the words the checklist shows. */
export const EVIDENCE_TITLES: Readonly<Record<EvidenceKind, string>> = {
  'queue-pending': 'Pending tasks (busiest queue)',
  'queue-latency': 'Oldest pending task (queue latency)',
  'queue-failed': 'Tasks failed in the window',
  'gpu-memory': 'GPU memory used (fullest GPU)',
  'oom-kills': 'OOM kills in the window',
  restarts: 'Container restarts in the window',
  'fs-saturation': 'Filesystem used (fullest mount)',
  'fs-device-errors': 'Mounts failing stat (hung NFS)',
  'error-lines': 'Error log lines per minute',
  'auth-failures': '401 / token failures per minute',
  'firing-alerts': 'Alerts firing now',
};

export const EVIDENCE_WINDOW_MIN = { min: 1, max: 24 * 60, default: 15 } as const;
const MAX_PARAM = 200;

const param = z.string().trim().min(1, 'must not be empty').max(MAX_PARAM, `must be at most ${MAX_PARAM} characters`);

export const evidenceQuerySchema = z
  .strictObject({
    kind: z.enum(EVIDENCE_KINDS, {
      error: (iss) => `unknown evidence query ${JSON.stringify(iss.input)}; known: ${EVIDENCE_KINDS.join(', ')}`,
    }),
    /** Trend and counts look back this many minutes from now. */
    windowMin: z.number().int().min(EVIDENCE_WINDOW_MIN.min).max(EVIDENCE_WINDOW_MIN.max).optional(),
    queue: param.optional(),
    node: param.optional(),
    gpu: param.optional(),
    namespace: param.optional(),
    pod: param.optional(),
    mountpoint: param.optional(),
    service: param.optional(),
    playbook: param.optional(),
    alert: param.optional(),
  })
  .superRefine((q, ctx) => {
    const allowed = EVIDENCE_PARAMS[q.kind];
    for (const name of EVIDENCE_PARAM_NAMES) {
      if (q[name] !== undefined && !allowed.includes(name)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `"${q.kind}" takes no "${name}"${allowed.length ? ` (it takes ${allowed.join(', ')})` : ''}`,
        });
      }
    }
  });
export type EvidenceQuery = z.infer<typeof evidenceQuerySchema>;

export function evidenceWindowMin(q: EvidenceQuery): number {
  return q.windowMin ?? EVIDENCE_WINDOW_MIN.default;
}

/** "Pending tasks (busiest queue) · queue=translation · 15m" — how a query is named in lists and on the timeline. */
export function describeEvidence(q: EvidenceQuery): string {
  const filters = EVIDENCE_PARAM_NAMES.filter((p) => q[p] !== undefined).map((p) => `${p}=${q[p] ?? ''}`);
  return [EVIDENCE_TITLES[q.kind], ...filters, `${evidenceWindowMin(q)}m`].join(' · ');
}

export const EVIDENCE_STATES = ['ok', 'stale', 'no-data'] as const;
/**
 * - ok: fresh data from a source that answers;
 * - stale: the newest data is older than three polls (the value is shown, greyed, with its age);
 * - no-data: nothing stored, or every source that could provide it is down or missing. Never "all clear".
 */
export type EvidenceState = (typeof EVIDENCE_STATES)[number];

export type EvidenceUnit = 'tasks' | 'seconds' | 'share' | 'count' | 'lines-per-min' | 'alerts';

/** One evidence query answered from the stored telemetry at `at`. Frozen as-is into a tick's timeline event. */
export interface EvidenceReading {
  query: EvidenceQuery;
  at: number;
  state: EvidenceState;
  unit: EvidenceUnit;
  /** The headline number (the busiest queue's pending, the fullest GPU's share, kills in the window…); null with no data. */
  value: number | null;
  /** Whose value it is: "translation", "gpu-node-01/GPU 2", "ml-workers/ocr-worker-1 (ocr)". */
  subject: string | null;
  /** One line a person reads: "translation: 1,204 pending (+980 in 15m)", "no data: Lab AsynqMon is down (timeout)". */
  text: string;
  /** Change over the window of the same subject's series; null when there is nothing to compare. */
  trend: { from: number; to: number; fromAt: number; toAt: number } | null;
  /** A few points of the subject's series for a sparkline (value over time, oldest first). */
  points: [number, number][];
  /** When the newest data behind the value was taken; null when there is none. */
  dataAt: number | null;
  /** Why there is no (fresh) data, in words; null when state is ok. */
  reason: string | null;
  /** Other subjects worth naming (the next busiest queues, the other pods that were OOMKilled). */
  others: string[];
}
