import type { z } from 'zod';

/** Which incident a table reads, and from where. */
export interface TableScope {
  incidentId: number;
  /** An imported incident reads back what its bundle brought; a local one reads this machine's stores. */
  imported: boolean;
  /** The range the bundle covers (the incident window with its lead-in). */
  window: { fromMs: number; toMs: number };
}

export interface TableReadOptions {
  /** Only these metrics (a report draws five); every stored one when absent (a bundle). */
  metrics?: readonly string[];
  /** Series downsampled to this many points (a report); full resolution when absent (a bundle). */
  maxPoints?: number;
}

/**
 * A domain's rows in the incident bundle. Each domain that stores something per incident
 * (checklists, comms, mitigations, postmortems, action items, telemetry) declares one table: how to
 * read its rows for an incident, how to validate rows from a file, and how to write them on import.
 * `read` must give rows in a stable order, so exporting the same incident twice gives the same bytes.
 */
export interface BundleTable<Row> {
  /** Key in the bundle's `tables`: `domain.table`. */
  name: string;
  /** What the rows are, for messages ("stored samples"). */
  what: string;
  maxRows: number;
  row: z.ZodType<Row>;
  read(scope: TableScope, opts: TableReadOptions): Row[];
  /** Inside the import transaction; the incident row exists already. */
  write(incidentId: number, rows: readonly Row[]): void;
  /** Units of work in these rows (points for samples), for progress and the import's summary. */
  weight?(rows: readonly Row[]): number;
}

/** A table with its row type erased, as the registry holds it. */
export interface AnyBundleTable {
  name: string;
  what: string;
  read(scope: TableScope, opts: TableReadOptions): unknown[];
  /** Checks every row (throws TableRowError); the result writes exactly the rows it checked. */
  validate(rows: readonly unknown[]): { weight: number; write(incidentId: number): void };
}

export class TableRowError extends Error {
  constructor(
    readonly table: string,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'TableRowError';
  }
}

export function defineTable<Row>(t: BundleTable<Row>): AnyBundleTable {
  return {
    name: t.name,
    what: t.what,
    read: (scope, opts) => t.read(scope, opts),
    validate(rows) {
      if (rows.length > t.maxRows) throw new TableRowError(t.name, '', `more than ${t.maxRows} ${t.what}`);
      const parsed: Row[] = [];
      rows.forEach((r, i) => {
        const result = t.row.safeParse(r);
        if (!result.success) {
          const issue = result.error.issues[0];
          throw new TableRowError(t.name, [i, ...(issue?.path ?? [])].join('.'), issue?.message ?? 'invalid');
        }
        parsed.push(result.data);
      });
      return { weight: t.weight?.(parsed) ?? parsed.length, write: (incidentId) => t.write(incidentId, parsed) };
    },
  };
}
