import type { EvidenceValue, RuleState, Suggestion } from '../../../shared/detection/types';
import { formatDuration } from '../../logic/format';

/** Built-in playbooks by name, as the commander reads them; a user playbook shows its id. */
const PLAYBOOK_NAMES: Readonly<Record<string, string>> = {
  'gpu-oom': 'GPU OOM / VRAM fragmentation',
  'gpu-contention': 'GPU contention (slow, not failing)',
  'queue-backlog': 'Queue backlog / stuck jobs',
  'storage-saturation': 'Storage saturation (NFS/MinIO)',
  'auth-outage': 'Auth / Keycloak / AD issues',
  'jupyter-vram': 'JupyterHub VRAM contention',
  'gpu-node-failure': 'GPU node NotReady / hardware failure',
  'gpu-not-available': 'GPU not available',
  'service-outage': 'Service outage',
  'high-memory-usage': 'High memory usage',
  'performance-degradation': 'Performance degradation',
  'database-connection': 'Database connection issues',
  'model-performance-degradation': 'Model performance degradation',
  'prediction-service-outage': 'Prediction service outage',
  'feature-pipeline-failure': 'Feature pipeline failure',
  'training-pipeline-failure': 'Training pipeline failure',
  'data-quality': 'Data quality issues',
  'hpu-hardware': 'HPU hardware issues',
  'security-incident': 'Security incident',
};

export function playbookName(id: string | null): string {
  if (id === null) return 'no playbook matched';
  return PLAYBOOK_NAMES[id] ?? id;
}

/** "97 %", "2m 10s", "118/min", "XID 79" — each evidence number in its unit. */
export function formatValue(v: EvidenceValue): string {
  if (v.value === null || !Number.isFinite(v.value)) return '—';
  switch (v.unit) {
    case 'share':
      return `${Math.round(v.value * 100)} %`;
    case 'seconds':
      return formatDuration(v.value * 1000);
    case 'per-min':
      return `${Math.round(v.value)}/min`;
    case 'code':
      return `XID ${v.value}`;
    default:
      return String(Math.round(v.value * 100) / 100);
  }
}

/** The affected things as labelled groups, empty groups left out. */
export function affectedGroups(s: Pick<Suggestion, 'affected'>): { label: string; items: string[] }[] {
  const a = s.affected;
  return [
    { label: 'Nodes', items: a.nodes },
    { label: 'GPUs', items: a.gpus },
    { label: 'Queues', items: a.queues },
    { label: 'Services', items: a.services },
    { label: 'Mounts', items: a.mounts },
  ].filter((g) => g.items.length > 0);
}

export const RULE_STATE_TEXT: Readonly<Record<RuleState, string>> = {
  firing: 'firing',
  clear: 'clear',
  'no-data': 'no data',
  off: 'off',
};

/** How a finished suggestion ended, in one line (who, when is shown beside it). */
export function outcomeText(s: Suggestion): string {
  const a = s.action;
  if (s.state === 'declared' && a?.incident) return `declared as ${a.incident.ref}`;
  if (s.state === 'attached' && a?.incident) return `attached to ${a.incident.ref}`;
  if (s.state === 'dismissed' && a) return `dismissed: ${a.reason}`;
  if (s.state === 'cleared') return 'condition cleared';
  return 'active';
}

export const DISMISS_CHOICES_MIN = [15, 30, 60, 240, 1440] as const;
