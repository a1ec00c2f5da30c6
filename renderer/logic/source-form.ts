import { sourceInput, type SourceInput } from '../../shared/contract/source-schemas';
import { SOURCE_LIMITS, type SourceView } from '../../shared/domain/source-config';
import type { SourceKind } from '../../shared/domain/sources';
import { pickServiceLabel } from '../../shared/domain/log-queries';
import { headerRowsFromView, queryRowsFromView, type HeaderRow, type QueryRow } from './source-form-rows';

export { addRow, patchRow, removeRow } from './source-form-rows';
export type { HeaderRow, QueryRow, RowList, RowPatch } from './source-form-rows';

/** Only these kinds have editable queries; the others poll fixed endpoints. */
export const KINDS_WITH_QUERIES: readonly SourceKind[] = ['prometheus', 'loki'];
export const hasQueries = (kind: SourceKind): boolean => KINDS_WITH_QUERIES.includes(kind);

export type AuthKind = 'none' | 'basic' | 'bearer';

/**
 * What the source form holds while someone types: strings as typed, so a failed save
 * never loses or reformats anything. Secrets start empty; `*Stored` says main holds one.
 */
export interface SourceForm {
  /** null: a new source. */
  id: number | null;
  demo: boolean;
  name: string;
  kind: SourceKind;
  baseUrl: string;
  authKind: AuthKind;
  username: string;
  password: string;
  passwordStored: boolean;
  token: string;
  tokenStored: boolean;
  headers: HeaderRow[];
  caPem: string;
  insecureSkipVerify: boolean;
  /** Seconds, as typed: people think "15 s", the contract speaks milliseconds. */
  timeoutSec: string;
  intervalSec: string;
  enabled: boolean;
  /**
   * 'defaults': omit `queries`, so main fills in the kind's defaults (on create) — the renderer
   * does not know them. 'custom': send the rows as they are (always the case when editing).
   */
  queryMode: 'defaults' | 'custom';
  queries: QueryRow[];
  /** Loki: the stream label that names a service, as typed or chosen; '' for none chosen. */
  serviceLabel: string;
}

/** Errors by field: `name`, `baseUrl`, `password`, …, `header-<key>-name`, `query-<key>-expr`, and `form`. */
export type SourceFormErrors = Record<string, string>;

const seconds = (ms: number): string => String(ms / 1000);

export function emptySourceForm(kind: SourceKind = 'prometheus'): SourceForm {
  return {
    id: null,
    demo: false,
    name: '',
    kind,
    baseUrl: '',
    authKind: 'none',
    username: '',
    password: '',
    passwordStored: false,
    token: '',
    tokenStored: false,
    headers: [],
    caPem: '',
    insecureSkipVerify: false,
    timeoutSec: seconds(SOURCE_LIMITS.timeoutMs.default),
    intervalSec: seconds(SOURCE_LIMITS.intervalMs.default),
    enabled: true,
    queryMode: 'defaults',
    queries: [],
    serviceLabel: '',
  };
}

export function formFromView(view: SourceView): SourceForm {
  const { auth } = view;
  return {
    id: view.id,
    demo: view.demo,
    name: view.name,
    kind: view.kind,
    baseUrl: view.baseUrl,
    authKind: auth.kind,
    username: auth.kind === 'basic' ? auth.username : '',
    password: '',
    passwordStored: auth.kind === 'basic' && auth.passwordSet,
    token: '',
    tokenStored: auth.kind === 'bearer' && auth.tokenSet,
    headers: headerRowsFromView(view.headers),
    caPem: view.tls.caPem ?? '',
    insecureSkipVerify: view.tls.insecureSkipVerify,
    timeoutSec: seconds(view.timeoutMs),
    intervalSec: seconds(view.intervalMs),
    enabled: view.enabled,
    queryMode: 'custom',
    queries: queryRowsFromView(view.queries),
    serviceLabel: view.serviceLabel ?? '',
  };
}

/** The saved source as a save input that changes nothing but `patch` (secrets and queries omitted: main keeps them). */
export function inputFromView(view: SourceView, patch: { enabled?: boolean } = {}): SourceInput {
  const auth: SourceInput['auth'] =
    view.auth.kind === 'basic'
      ? { kind: 'basic', username: view.auth.username }
      : view.auth.kind === 'bearer'
        ? { kind: 'bearer' }
        : { kind: 'none' };
  return {
    id: view.id,
    name: view.name,
    kind: view.kind,
    baseUrl: view.baseUrl,
    auth,
    headers: view.headers.map((h) => (h.secret ? { name: h.name, secret: true } : { name: h.name, value: h.value ?? '', secret: false })),
    tls: { caPem: view.tls.caPem, insecureSkipVerify: view.tls.insecureSkipVerify },
    timeoutMs: view.timeoutMs,
    intervalMs: view.intervalMs,
    enabled: patch.enabled ?? view.enabled,
  };
}

/** After a Loki Test: an empty service label is filled with the best of the labels its streams carry. */
export function withTestedLabel(form: SourceForm, labels: readonly string[] | undefined): SourceForm {
  if (form.kind !== 'loki' || !labels || form.serviceLabel.trim() !== '') return form;
  const picked = pickServiceLabel(labels);
  return picked === null ? form : { ...form, serviceLabel: picked };
}

/** Parses "15" or "0.5" seconds into whole milliseconds within [min, max]; an error in words otherwise. */
function msFromSeconds(text: string, what: string, limits: { min: number; max: number }): number | string {
  const t = text.trim();
  const n = t === '' ? Number.NaN : Number(t);
  const range = `between ${limits.min / 1000} and ${limits.max / 1000} seconds`;
  if (!Number.isFinite(n)) return `Enter the ${what} in seconds (${range}).`;
  const ms = Math.round(n * 1000);
  if (ms < limits.min || ms > limits.max) return `The ${what} must be ${range}.`;
  return ms;
}

function authInput(form: SourceForm, errors: SourceFormErrors): SourceInput['auth'] {
  if (form.authKind === 'basic') {
    if (form.username.trim() === '') errors.username = 'Enter the user name.';
    if (form.password === '' && !form.passwordStored) errors.password = 'Enter the password.';
    return { kind: 'basic', username: form.username, ...(form.password === '' ? {} : { password: form.password }) };
  }
  if (form.authKind === 'bearer') {
    if (form.token === '' && !form.tokenStored) errors.token = 'Enter the token.';
    return { kind: 'bearer', ...(form.token === '' ? {} : { token: form.token }) };
  }
  return { kind: 'none' };
}

/** Header rows to send; blank rows are skipped. `keys[i]` is the form row behind input header i. */
function headerInputs(form: SourceForm, errors: SourceFormErrors): { headers: SourceInput['headers']; keys: number[] } {
  const headers: SourceInput['headers'] = [];
  const keys: number[] = [];
  const seen = new Set<string>();
  for (const row of form.headers) {
    const name = row.name.trim();
    const keepsStored = row.secret && row.storedName !== null && row.value === '';
    if (name === '' && row.value === '' && !keepsStored) continue;
    const at = `header-${row.key}`;
    if (name === '') errors[`${at}-name`] = 'Enter the header name.';
    else if (seen.has(name.toLowerCase())) errors[`${at}-name`] = `${name} is set twice.`;
    seen.add(name.toLowerCase());
    if (keepsStored && row.storedName !== name) errors[`${at}-value`] = 'Enter the value again: a renamed secret header keeps no value.';
    else if (row.secret && row.value === '' && !keepsStored) errors[`${at}-value`] = 'Enter the secret value.';
    headers.push(keepsStored ? { name, secret: true } : { name, value: row.value, secret: row.secret });
    keys.push(row.key);
  }
  return { headers, keys };
}

/** Query ids are not shown for new rows: they come from the metric (or title), made unique within the source. */
export function queryIdFor(row: QueryRow, taken: ReadonlySet<string>): string {
  if (row.id.trim() !== '') return row.id.trim();
  const base =
    (row.metric.trim() || row.title.trim())
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 60) || 'query';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

function queryInputs(form: SourceForm, errors: SourceFormErrors): { queries: SourceInput['queries']; keys: number[] } {
  if (!hasQueries(form.kind) || form.queryMode === 'defaults') return { queries: undefined, keys: [] };
  const queries: NonNullable<SourceInput['queries']> = [];
  const keys: number[] = [];
  const taken = new Set(form.queries.map((q) => q.id.trim()).filter((id) => id !== ''));
  const ids = new Set<string>();
  for (const row of form.queries) {
    if (row.id === '' && row.title.trim() === '' && row.metric.trim() === '' && row.expr.trim() === '') continue;
    const at = `query-${row.key}`;
    const id = queryIdFor(row, taken);
    taken.add(id);
    if (ids.has(id)) errors[`${at}-metric`] = `Another query already has the id ${id}.`;
    ids.add(id);
    if (row.title.trim() === '') errors[`${at}-title`] = 'Give the query a title.';
    if (row.metric.trim() === '') errors[`${at}-metric`] = 'Name the metric its samples are stored under.';
    if (row.expr.trim() === '') errors[`${at}-expr`] = 'The query must not be empty.';
    queries.push({ id, title: row.title, metric: row.metric, expr: row.expr, enabled: row.enabled });
    keys.push(row.key);
  }
  return { queries, keys };
}

const PATHS: Record<string, string> = {
  'auth.username': 'username',
  'auth.password': 'password',
  'auth.token': 'token',
  'tls.caPem': 'caPem',
  serviceLabel: 'serviceLabel',
};

/** Where a schema issue is shown: next to its field, or at the form when no field fits. */
function fieldFor(path: readonly PropertyKey[], headerKeys: number[], queryKeys: number[]): string {
  const [head, index, leaf] = path;
  if (head === 'headers' && typeof index === 'number') return `header-${headerKeys[index] ?? 0}-${leaf === 'value' ? 'value' : 'name'}`;
  if (head === 'queries' && typeof index === 'number') {
    const field = leaf === 'id' ? 'metric' : String(leaf ?? 'expr');
    return `query-${queryKeys[index] ?? 0}-${field}`;
  }
  if (head === 'headers' || head === 'queries') return head;
  const joined = path.map(String).join('.');
  return PATHS[joined] ?? (typeof head === 'string' && ['name', 'kind', 'baseUrl'].includes(head) ? head : 'form');
}

/**
 * Turns the form into `source:save` / `source:test` input, checked with the same zod schema main
 * uses plus what only the form knows (a secret that is neither typed nor stored, seconds, PEM).
 */
export function buildSourceInput(form: SourceForm): { ok: true; input: SourceInput } | { ok: false; errors: SourceFormErrors } {
  const errors: SourceFormErrors = {};
  if (form.name.trim() === '') errors.name = 'Give the source a name.';
  const auth = authInput(form, errors);
  const { headers, keys: headerKeys } = headerInputs(form, errors);
  const { queries, keys: queryKeys } = queryInputs(form, errors);
  const caPem = form.caPem.trim();
  if (caPem !== '' && !caPem.includes('-----BEGIN CERTIFICATE-----'))
    errors.caPem = 'Paste the CA certificate in PEM form (-----BEGIN CERTIFICATE----- …).';
  const timeoutMs = msFromSeconds(form.timeoutSec, 'timeout', SOURCE_LIMITS.timeoutMs);
  const intervalMs = msFromSeconds(form.intervalSec, 'poll interval', SOURCE_LIMITS.intervalMs);
  if (typeof timeoutMs === 'string') errors.timeoutMs = timeoutMs;
  if (typeof intervalMs === 'string') errors.intervalMs = intervalMs;

  const candidate = {
    ...(form.id === null ? {} : { id: form.id }),
    name: form.name,
    kind: form.kind,
    baseUrl: form.baseUrl,
    auth,
    headers,
    tls: { caPem: caPem === '' ? null : caPem, insecureSkipVerify: form.insecureSkipVerify },
    timeoutMs: typeof timeoutMs === 'number' ? timeoutMs : SOURCE_LIMITS.timeoutMs.default,
    intervalMs: typeof intervalMs === 'number' ? intervalMs : SOURCE_LIMITS.intervalMs.default,
    enabled: form.enabled,
    ...(queries === undefined ? {} : { queries }),
    ...(form.kind === 'loki' ? { serviceLabel: form.serviceLabel.trim() === '' ? null : form.serviceLabel.trim() } : {}),
  };
  const parsed = sourceInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[fieldFor(issue.path, headerKeys, queryKeys)] ??= capitalise(issue.message);
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}

export function capitalise(s: string): string {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
