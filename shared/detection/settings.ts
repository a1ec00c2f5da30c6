import { z } from 'zod';
import { BUILTIN_PLAYBOOK_IDS } from '../playbooks/ids';
import { SEVERITIES } from '../domain/severity';

/**
 * What detection is tuned by, editable under Sources → Detection. Every number has a unit in its
 * name; every rule can be switched off and proposes its own severity. Stored as one JSON document
 * (settings table, key 'detection'); a stored value that no longer parses falls back to these defaults.
 */

const severity = z.enum(SEVERITIES);
const share = z.number().min(0.01).max(1);
const seconds = (max: number) => z.number().int().min(1).max(max);
const minutes = (max: number) => z.number().int().min(1).max(max);
const DAY_S = 86_400;

const base = { enabled: z.boolean(), severity };

export const gpuOomSettings = z.strictObject({
  ...base,
  /** A GPU counts as near full at or above this share of its framebuffer. */
  memShare: share,
  /** …for at least this long (summed) inside the window. */
  hotSec: seconds(DAY_S),
  /** Container restarts (OOMKilled or not) in the window needed together with a near-full GPU. */
  minRestarts: z.number().int().min(1).max(1_000),
  windowSec: seconds(DAY_S),
});

export const queueBacklogSettings = z.strictObject({
  ...base,
  windowSec: seconds(DAY_S),
  minPending: z.number().int().min(1).max(10_000_000),
  /** Pending must have grown by at least this many tasks inside the window. */
  minPendingGrowth: z.number().int().min(1).max(10_000_000),
  /** Active counts as flat when its highest and lowest value in the window differ by at most this. */
  activeFlatTolerance: z.number().int().min(0).max(10_000),
  /** Stuck: completed tasks are at most this share of (completed + pending growth) in the window. */
  maxCompletedShare: z.number().min(0).max(1),
});

export const gpuContentionSettings = z.strictObject({
  ...base,
  windowSec: seconds(DAY_S),
  /** The oldest pending task has waited at least this long… */
  minLatencySec: seconds(DAY_S),
  /** …and the wait grew by at least this much inside the window. */
  minLatencyGrowthSec: seconds(DAY_S),
  minPendingGrowth: z.number().int().min(1).max(10_000_000),
  /** "Without failures": failed over processed in the window at most this share. */
  maxFailureShare: z.number().min(0).max(1),
  /** Contention is platform-wide: at least this many queues slow down together. */
  minQueues: z.number().int().min(1).max(1_000),
});

export const storageSettings = z.strictObject({
  ...base,
  /** Nearly full at or above this share… */
  usedShare: share,
  /** …on every sample for at least this long. */
  forSec: seconds(DAY_S),
  /** Filling: at or above this share and, at the trend of the window, full within projectFullMin. */
  projectFromShare: share,
  projectFullMin: minutes(7 * 24 * 60),
  trendWindowSec: seconds(DAY_S),
  /** A mount whose series stopped this long ago while its source still reports others has vanished (hung NFS). */
  vanishedAfterSec: seconds(DAY_S),
});

export const authSettings = z.strictObject({
  ...base,
  /** 401 / token-error log lines per minute, per service, that count as a surge… */
  minPerMin: z.number().min(1).max(10_000_000),
  /** …when also this many times the service's median of the baseline window. */
  surgeFactor: z.number().min(1).max(10_000),
  baselineMin: minutes(24 * 60),
});

export const nodeFailureSettings = z.strictObject({
  ...base,
  /** A node whose GPUs all stopped reporting this long ago, while its source still reports other nodes. */
  silentSec: seconds(DAY_S),
  /** XID codes that are application faults, not the device (13 graphics exception, 31 page fault, 43 stopped, 45 preempted). */
  ignoredXids: z.array(z.number().int().min(1).max(1_000)).max(100),
});

export const alertSettings = z.strictObject({
  enabled: z.boolean(),
  /** The alert's `severity` label → proposed severity; labels not listed get `otherSeverity`. */
  severityByLabel: z.record(z.string().trim().min(1).max(60), severity).refine((r) => Object.keys(r).length <= 20, 'at most 20 labels'),
  otherSeverity: severity,
});

export const playbookRef = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'playbook id: lower-case letters, digits and -');

/** A user mapping: alerts named `alert` open `playbookId` (wins over the alert's own `playbook` label). */
export const alertMapping = z.strictObject({
  alert: z
    .string()
    .trim()
    .min(1, 'alert name must not be empty')
    .max(200)
    .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'alert name: letters, digits, _ and : (as Prometheus allows)'),
  playbookId: playbookRef,
});

export const detectionSettingsSchema = z
  .strictObject({
    rules: z.strictObject({
      'gpu-oom': gpuOomSettings,
      'queue-backlog': queueBacklogSettings,
      'gpu-contention': gpuContentionSettings,
      'storage-saturation': storageSettings,
      'auth-outage': authSettings,
      'gpu-node-failure': nodeFailureSettings,
    }),
    alerts: alertSettings,
    alertMappings: z.array(alertMapping).max(200),
    /** A dismissed condition is not suggested again for this long (the dismiss dialog offers it as the default). */
    dismissMin: minutes(7 * 24 * 60),
    /** A suggestion whose condition stopped matching this long ago is cleared. */
    clearAfterSec: seconds(DAY_S),
    /** A rule whose newest input sample is older than this says "no data". */
    staleAfterSec: seconds(DAY_S),
  })
  .refine((s) => new Set(s.alertMappings.map((m) => m.alert)).size === s.alertMappings.length, {
    message: 'each alert name may be mapped once',
    path: ['alertMappings'],
  });

export type DetectionSettings = z.output<typeof detectionSettingsSchema>;
export type RuleId = keyof DetectionSettings['rules'];
export const RULE_IDS = ['gpu-oom', 'queue-backlog', 'gpu-contention', 'storage-saturation', 'auth-outage', 'gpu-node-failure'] as const;

export const RULE_TITLES: Readonly<Record<RuleId, string>> = {
  'gpu-oom': 'GPU OOM / VRAM fragmentation',
  'queue-backlog': 'Queue backlog / stuck jobs',
  'gpu-contention': 'GPU contention (slow, not failing)',
  'storage-saturation': 'Storage saturation (NFS / MinIO)',
  'auth-outage': 'Auth / Keycloak / AD',
  'gpu-node-failure': 'GPU node NotReady / hardware failure',
};

/** Built-in playbook ids are fixed; a user playbook id is any other well-formed id the playbooks domain knows. */
export function isBuiltinPlaybook(id: string): boolean {
  return (BUILTIN_PLAYBOOK_IDS as readonly string[]).includes(id);
}

/**
 * Defaults, and why. Severities follow the seeds' meanings (lecture SEVERITY_CONFIG: SEV2 "degraded
 * service, significant impact", SEV3 "minor impact, workaround available"): OOM kills, a stuck queue,
 * a full volume, rejected logins and a lost GPU node fail work → SEV2; contention slows work without
 * failing it ("degraded performance", incident playbook) → SEV3. Thresholds match the alert rules in
 * assets/prometheus/pitwall-rules.yml where one exists (90 % framebuffer, 90 % filesystem, 100 pending).
 */
export const DEFAULT_DETECTION_SETTINGS: DetectionSettings = {
  rules: {
    'gpu-oom': { enabled: true, severity: 'SEV2', memShare: 0.9, hotSec: 15, minRestarts: 1, windowSec: 600 },
    'queue-backlog': {
      enabled: true,
      severity: 'SEV2',
      windowSec: 180,
      minPending: 100,
      minPendingGrowth: 50,
      activeFlatTolerance: 1,
      maxCompletedShare: 0.1,
    },
    'gpu-contention': {
      enabled: true,
      severity: 'SEV3',
      windowSec: 600,
      minLatencySec: 120,
      minLatencyGrowthSec: 60,
      minPendingGrowth: 30,
      maxFailureShare: 0.05,
      minQueues: 2,
    },
    'storage-saturation': {
      enabled: true,
      severity: 'SEV2',
      usedShare: 0.9,
      forSec: 60,
      projectFromShare: 0.8,
      projectFullMin: 30,
      trendWindowSec: 600,
      vanishedAfterSec: 60,
    },
    'auth-outage': { enabled: true, severity: 'SEV2', minPerMin: 20, surgeFactor: 5, baselineMin: 120 },
    'gpu-node-failure': { enabled: true, severity: 'SEV2', silentSec: 60, ignoredXids: [13, 31, 43, 45] },
  },
  alerts: { enabled: true, severityByLabel: { critical: 'SEV2', warning: 'SEV3', info: 'SEV4' }, otherSeverity: 'SEV3' },
  alertMappings: [],
  dismissMin: 60,
  clearAfterSec: 180,
  staleAfterSec: 90,
};

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The stored document laid over the defaults rule by rule, so a setting added in a later version
 * takes its default instead of throwing away the user's other edits. What still does not parse
 * (hand-edited, damaged) falls back to the defaults entirely.
 */
export function readDetectionSettings(stored: unknown): DetectionSettings {
  const defaults = copy(DEFAULT_DETECTION_SETTINGS);
  if (!isObject(stored)) return defaults;
  const rules: Record<string, unknown> = { ...defaults.rules };
  if (isObject(stored['rules'])) {
    for (const id of RULE_IDS) {
      const mine = stored['rules'][id];
      if (isObject(mine)) rules[id] = { ...defaults.rules[id], ...mine };
    }
  }
  const alerts = isObject(stored['alerts']) ? { ...defaults.alerts, ...stored['alerts'] } : defaults.alerts;
  const parsed = detectionSettingsSchema.safeParse({ ...defaults, ...stored, rules, alerts });
  return parsed.success ? parsed.data : defaults;
}
