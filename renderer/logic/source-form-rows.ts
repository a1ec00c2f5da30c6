import { SOURCE_LIMITS, type SourceHeaderView, type SourceQuery } from '../../shared/domain/source-config';
import type { SourceForm } from './source-form';

/** One custom header as the form holds it. A secret value is never sent to the renderer: it starts empty. */
export interface HeaderRow {
  /** Stable React key and error key; not sent. */
  key: number;
  name: string;
  value: string;
  secret: boolean;
  /** The name under which main holds this row's secret value; null for new rows and plain headers. */
  storedName: string | null;
}

/** One editable query. `id` is empty for rows added here: it is derived from the metric on save. */
export interface QueryRow {
  key: number;
  id: string;
  title: string;
  metric: string;
  expr: string;
  enabled: boolean;
}

let lastKey = 0;
const nextKey = (): number => ++lastKey;

export function headerRowsFromView(headers: readonly SourceHeaderView[]): HeaderRow[] {
  return headers.map((h) => ({
    key: nextKey(),
    name: h.name,
    value: h.secret ? '' : (h.value ?? ''),
    secret: h.secret,
    storedName: h.secret ? h.name : null,
  }));
}

export function queryRowsFromView(queries: readonly SourceQuery[]): QueryRow[] {
  return queries.map((q) => ({ key: nextKey(), id: q.id, title: q.title, metric: q.metric, expr: q.expr, enabled: q.enabled }));
}

export function addHeaderRow(form: SourceForm): SourceForm {
  if (form.headers.length >= SOURCE_LIMITS.maxHeaders) return form;
  return { ...form, headers: [...form.headers, { key: nextKey(), name: '', value: '', secret: false, storedName: null }] };
}

export function updateHeaderRow(form: SourceForm, key: number, patch: Partial<Omit<HeaderRow, 'key' | 'storedName'>>): SourceForm {
  return { ...form, headers: form.headers.map((h) => (h.key === key ? { ...h, ...patch } : h)) };
}

export function removeHeaderRow(form: SourceForm, key: number): SourceForm {
  return { ...form, headers: form.headers.filter((h) => h.key !== key) };
}

/** Adding a query switches a new source from the kind's defaults to custom queries. */
export function addQueryRow(form: SourceForm): SourceForm {
  if (form.queries.length >= SOURCE_LIMITS.maxQueries) return form;
  const row: QueryRow = { key: nextKey(), id: '', title: '', metric: '', expr: '', enabled: true };
  return { ...form, queryMode: 'custom', queries: [...form.queries, row] };
}

export function updateQueryRow(form: SourceForm, key: number, patch: Partial<Omit<QueryRow, 'key' | 'id'>>): SourceForm {
  return { ...form, queries: form.queries.map((q) => (q.key === key ? { ...q, ...patch } : q)) };
}

export function removeQueryRow(form: SourceForm, key: number): SourceForm {
  return { ...form, queries: form.queries.filter((q) => q.key !== key) };
}
