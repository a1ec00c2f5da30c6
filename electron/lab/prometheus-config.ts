/**
 * Generates a Prometheus configuration that scrapes one or more labs. Written as JSON, which is
 * valid YAML, so no YAML dependency is needed.
 */
export interface LabTarget {
  /** host:port of a lab. */
  address: string;
  /** Value of the `cluster` label the alert rules join on. */
  cluster: string;
}

export interface PrometheusConfigOptions {
  targets: LabTarget[];
  scrapeInterval?: string;
  evaluationInterval?: string;
  ruleFiles?: string[];
  /** host:port of Alertmanagers to notify. */
  alertmanagers?: string[];
}

export function prometheusConfig(options: PrometheusConfigOptions): Record<string, unknown> {
  const scrapeInterval = options.scrapeInterval ?? '15s';
  return {
    global: {
      scrape_interval: scrapeInterval,
      evaluation_interval: options.evaluationInterval ?? scrapeInterval,
      scrape_timeout: scrapeInterval === '1s' ? '900ms' : '10s',
    },
    rule_files: options.ruleFiles ?? [],
    ...(options.alertmanagers?.length
      ? { alerting: { alertmanagers: [{ api_version: 'v2', static_configs: [{ targets: options.alertmanagers }] }] } }
      : {}),
    scrape_configs: [
      {
        job_name: 'pitwall-lab',
        metrics_path: '/metrics',
        // The lab emits pod/namespace labels for the workload, as dcgm-exporter does; keep them
        // (with honor_labels false they would arrive as exported_pod / exported_namespace).
        honor_labels: true,
        static_configs: options.targets.map((t) => ({ targets: [t.address], labels: { cluster: t.cluster } })),
      },
    ],
  };
}

export function prometheusConfigText(options: PrometheusConfigOptions): string {
  return `${JSON.stringify(prometheusConfig(options), null, 2)}\n`;
}
