import type { Labels } from './samples';

/**
 * DCGM and kube-state-metrics label variants, in one place. dcgm-exporter up to 4.8 writes `Hostname`,
 * main writes `hostname`; `--use-old-namespace` writes `pod_name`/`pod_namespace`/`container_name`;
 * and a Prometheus scrape with honor_labels=false renames the exporter's `pod` to `exported_pod`,
 * leaving `pod` pointing at the exporter itself — so the exported_ variant always wins.
 */
function first(labels: Labels, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = labels[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

// Hoisted: an array literal in each call allocates on every sample of every poll.
const HOSTNAME = ['Hostname', 'hostname'] as const;
const POD = ['exported_pod', 'pod', 'pod_name'] as const;
const NAMESPACE = ['exported_namespace', 'namespace', 'pod_namespace'] as const;
const CONTAINER = ['exported_container', 'container', 'container_name'] as const;
// The index first: see gpuOf.
const GPU = ['gpu', 'UUID', 'uuid', 'gpu_uuid'] as const;
const MODEL = ['modelName', 'model_name'] as const;
const NODE = ['node', 'instance'] as const;

export function hostnameOf(labels: Labels): string | undefined {
  return first(labels, HOSTNAME);
}

export function workloadPodOf(labels: Labels): string | undefined {
  return first(labels, POD);
}

export function workloadNamespaceOf(labels: Labels): string | undefined {
  return first(labels, NAMESPACE);
}

export function workloadContainerOf(labels: Labels): string | undefined {
  return first(labels, CONTAINER);
}

/**
 * A GPU's identity within its node, the same in charts, the GPU grid and the exporter fallback: the index
 * reads better than a UUID ("GPU 3 on gpu-node-01") and is unique within a node; the UUID (`uuid` with
 * --use-old-namespace) only when an exporter sends no index.
 */
export function gpuOf(labels: Labels): string {
  return first(labels, GPU) ?? '?';
}

export function gpuModelOf(labels: Labels): string | undefined {
  return first(labels, MODEL);
}

/** The node a series describes: the exporter's hostname, else the scrape target (`instance`). */
export function nodeOf(labels: Labels): string {
  return hostnameOf(labels) ?? first(labels, NODE) ?? 'unknown';
}
