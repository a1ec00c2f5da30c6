import type { SourceKind } from '../../../shared/domain/sources';

/** How each source kind is named and what its base URL usually looks like. */
export const KIND_INFO: Record<SourceKind, { label: string; placeholder: string; reads: string }> = {
  prometheus: {
    label: 'Prometheus',
    placeholder: 'http://prometheus:9090',
    reads: 'GPU memory (DCGM), pod restarts / OOMKilled, storage and firing alerts via PromQL.',
  },
  asynqmon: {
    label: 'AsynqMon',
    placeholder: 'http://asynqmon:8080',
    reads: 'Queue depth by state, latency, processed / failed, paused queues.',
  },
  loki: { label: 'Loki', placeholder: 'http://loki:3100', reads: 'Error lines and error rate for affected services (LogQL).' },
  alertmanager: { label: 'Alertmanager', placeholder: 'http://alertmanager:9093', reads: 'Firing alerts and silences.' },
  'exporter-scrape': {
    label: 'Exporter scrape',
    placeholder: 'http://gpu-node-1:9400',
    reads: "GPU metrics straight from a DCGM exporter's /metrics, for when Prometheus itself is down.",
  },
};
