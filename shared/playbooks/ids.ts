/**
 * Ids of the built-in playbooks, fixed here because other domains name them: detection rules
 * propose one, Prometheus alerts carry one in their `playbook` label (assets/prometheus/pitwall-rules.yml),
 * the lab's scenarios map to one. The playbook data itself lives beside this file.
 */
export const BUILTIN_PLAYBOOK_IDS = [
  // Always attached at declaration; attached at resolution (due times from then).
  'first-response',
  'post-incident',
  // Incident playbook seed (Echo platform).
  'gpu-oom',
  'gpu-contention',
  'queue-backlog',
  'storage-saturation',
  'auth-outage',
  'jupyter-vram',
  // Incident management seed (nodes NotReady / hardware failures) and the runbooks.
  'gpu-node-failure',
  'gpu-not-available',
  'service-outage',
  'high-memory-usage',
  'performance-degradation',
  'database-connection',
  // Lecture seed: ML incident types and playbooks.
  'model-performance-degradation',
  'prediction-service-outage',
  'feature-pipeline-failure',
  'training-pipeline-failure',
  'data-quality',
  // Gaudi playbook seed.
  'hpu-hardware',
  'security-incident',
] as const;
export type BuiltinPlaybookId = (typeof BUILTIN_PLAYBOOK_IDS)[number];
