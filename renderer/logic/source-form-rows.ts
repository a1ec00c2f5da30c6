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

/** The form's two editable lists. */
export type RowList = 'headers' | 'queries';
type Row<L extends RowList> = SourceForm[L][number];

/** What a person edits in a row: not its React key, nor what main derives (a stored secret's name, a query id). */
export type RowPatch<L extends RowList> = Partial<Omit<Row<L>, 'key' | (L extends 'headers' ? 'storedName' : 'id')>>;

const LIMIT: Readonly<Record<RowList, number>> = { headers: SOURCE_LIMITS.maxHeaders, queries: SOURCE_LIMITS.maxQueries };

const NEW_ROW: { [L in RowList]: () => Row<L> } = {
  headers: () => ({ key: nextKey(), name: '', value: '', secret: false, storedName: null }),
  queries: () => ({ key: nextKey(), id: '', title: '', metric: '', expr: '', enabled: true }),
};

function withRows<L extends RowList>(form: SourceForm, list: L, rows: Row<L>[]): SourceForm {
  return { ...form, [list]: rows };
}

/** Appends an empty row (with `init` filled in), up to the contract's limit. Adding a query switches a new source from the kind's defaults to custom queries. */
export function addRow<L extends RowList>(form: SourceForm, list: L, init: RowPatch<L> = {}): SourceForm {
  const rows: Row<L>[] = form[list];
  if (rows.length >= LIMIT[list]) return form;
  const next = withRows(form, list, [...rows, { ...NEW_ROW[list](), ...init }]);
  return list === 'queries' ? { ...next, queryMode: 'custom' } : next;
}

export function patchRow<L extends RowList>(form: SourceForm, list: L, key: number, patch: RowPatch<L>): SourceForm {
  const rows: Row<L>[] = form[list];
  return withRows(
    form,
    list,
    rows.map((r) => (r.key === key ? { ...r, ...patch } : r)),
  );
}

export function removeRow(form: SourceForm, list: RowList, key: number): SourceForm {
  const rows: Row<RowList>[] = form[list];
  return withRows(
    form,
    list,
    rows.filter((r) => r.key !== key),
  );
}
