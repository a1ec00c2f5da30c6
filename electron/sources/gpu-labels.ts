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
const GPU_ID = ['UUID', 'uuid', 'gpu_uuid', 'gpu'] as const;
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

/** A stable GPU identity: the UUID when present (`uuid` with --use-old-namespace), else the index. */
export function gpuIdOf(labels: Labels): string | undefined {
  return first(labels, GPU_ID);
}

export function gpuModelOf(labels: Labels): string | undefined {
  return first(labels, MODEL);
}

/** The node a series describes: the exporter's hostname, else the scrape target (`instance`). */
export function nodeOf(labels: Labels): string {
  return hostnameOf(labels) ?? first(labels, NODE) ?? 'unknown';
}
