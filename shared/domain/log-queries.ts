import { ERROR_LINE_FILTER } from './log-level';

/**
 * Default LogQL built from the labels a Loki actually has. Promtail's Kubernetes config labels
 * streams `job="<namespace>/<app>"`, but many Lokis carry only `app`, `cluster` and `pod` (or
 * `service_name` from OpenTelemetry), so no single label can be assumed: the source's labels API
 * says which exist, and the one that names a service is picked from them (or chosen by the user).
 */

/** Labels that name a service, most specific first. */
export const SERVICE_LABEL_PREFERENCE = [
  'service',
  'service_name',
  'app',
  'app_kubernetes_io_name',
  'application',
  'container',
  'job',
  'namespace',
] as const;

/** Labels that never name a service: levels, files, hosts and Loki's internal ones. */
const NOT_A_SERVICE = /^(?:__.*|level|detected_level|severity|filename|stream|host|hostname|node|node_name|instance|cluster|pod|pod_name)$/;

/** A Loki label name (Prometheus' rule); anything else cannot be written into a selector. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Which label names services: `preferred` when the source has it, else the first of the preference
 * list present, else the first label that is not a level, host or file. Null when there are none.
 */
export function pickServiceLabel(labels: readonly string[], preferred?: string | null): string | null {
  const have = new Set(labels.filter((l) => LABEL_NAME.test(l)));
  if (preferred && have.has(preferred)) return preferred;
  for (const l of SERVICE_LABEL_PREFERENCE) if (have.has(l)) return l;
  return [...have].sort().find((l) => !NOT_A_SERVICE.test(l)) ?? null;
}

/** Every stream that has the label: `{app=~".+"}` (Loki refuses a selector that matches the empty string). */
export function anyStream(label: string): string {
  return `{${label}=~".+"}`;
}

/** Error lines of every stream the label names, kernel OOM kills and Xid faults included. */
export function errorLinesQuery(label: string): string {
  return `${anyStream(label)} ${ERROR_LINE_FILTER}`;
}

/** Error lines per minute for each value of the label (stored as `logs.error_lines`). */
export function errorRateQuery(label: string): string {
  return `sum by (${label}) (count_over_time(${anyStream(label)} ${ERROR_LINE_FILTER} [1m]))`;
}

/** 401 and token-validation failures, as gateways and identity services write them. */
const AUTH_FAILURE_FILTER =
  '|~ "(?i)(status[=: ]*401|code[=: ]*401|unauthori[sz]ed|token (validation|verification) failed|invalid[_ ]token|token (has )?expired)"';

/** Auth failure lines per minute for each value of the label (stored as `logs.auth_failures`, read by the auth-outage rule). */
export function authFailuresQuery(label: string): string {
  return `sum by (${label}) (count_over_time(${anyStream(label)} ${AUTH_FAILURE_FILTER} [1m]))`;
}

/**
 * The first word of each service name, for matching stream labels: "Echo UI", "OCR", "workers" →
 * ["echo", "ocr", "workers"]. Only the first word: "Echo UI" is the echo app, not a UI stream.
 */
export function serviceWords(services: readonly string[]): string[] {
  const words: string[] = [];
  for (const s of services) {
    const word = s
      .toLowerCase()
      .split(/[^a-z0-9-]+/)
      .find((w) => w.replace(/-/g, '').length >= 2);
    if (word && !words.includes(word)) words.push(word);
  }
  return words;
}

/**
 * The lines of an incident's services: `{app=~"(?i).*(echo|ocr).*"}`, one case-insensitive match on the
 * service label, so "echo" finds `echo-worker` and `ml-workers/echo-api` alike. Without usable service
 * names, the error lines of everything.
 */
export function serviceLinesQuery(label: string, services: readonly string[]): string {
  const words = serviceWords(services);
  if (words.length === 0) return errorLinesQuery(label);
  return `{${label}=~"(?i).*(${words.join('|')}).*"}`;
}

/** The label names a LogQL query's first stream selector matches on, e.g. `{job=~"x", app="y"} |= "z"` → job, app. */
export function selectorLabels(query: string): string[] {
  const selector = /\{([^}]*)\}/.exec(query)?.[1];
  if (selector === undefined) return [];
  const names: string[] = [];
  for (const m of selector.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)) {
    const name = m[1] as string;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * Why a query found nothing, when the Loki has streams: the selector names labels no stream carries
 * ("No stream has the label job; this Loki's streams are labelled app, cluster, pod."), or, when
 * they all exist, which labels there are to try.
 */
export function emptyResultHint(query: string, labels: readonly string[]): string | null {
  const shown = labels.filter((l) => !l.startsWith('__'));
  if (shown.length === 0) return null;
  const list = shown.join(', ');
  const missing = selectorLabels(query).filter((l) => !shown.includes(l));
  if (missing.length > 0) {
    const names = missing.join(', ');
    return `No stream has the label${missing.length === 1 ? '' : 's'} ${names}; this Loki's streams are labelled ${list}.`;
  }
  return `This Loki's streams are labelled ${list}; none of them matched this query in this window.`;
}
