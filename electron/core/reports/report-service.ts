import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { setImmediate as tick } from 'node:timers/promises';
import type { ExportFormat, ImportOutcome, ReportOutline } from '../../../shared/domain/reports';
import { parseBundle, serializeBundle } from '../../bundle/bundle-file';
import type { AnyBundleTable } from '../../bundle/bundle-tables';
import { importBundle, type ImportDeps } from '../../bundle/import-bundle';
import { readIncidentRecord, type IncidentRecord, type RecordDeps } from '../../bundle/incident-record';
import { SERIES_TABLE } from '../../bundle/tables/telemetry-tables';
import { abortError, type PdfPrinter } from '../../platform/pdf-printer';
import { AppFailure } from '../../../shared/contract/result';
import { CHART_METRICS, REPORT_MAX_POINTS } from '../../report/charts/chart-model';
import { reportContext, type ReportContext } from '../../report/report-context';
import { renderReportHtml, renderReportMarkdown } from '../../report/render-report';
import { REPORT_SECTIONS } from '../../report/sections/index';

/** A step of a long export or import, as the progress bar shows it. */
export interface Progress {
  phase: string;
  done: number;
  total: number;
}

export interface RunOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export interface ReportServiceDeps {
  record: RecordDeps;
  imports: ImportDeps;
  tables: readonly AnyBundleTable[];
  pdf: () => PdfPrinter;
  now: () => number;
  operator: () => string;
  appName: string;
  /** Told after an import wrote an incident (the console's list refreshes). */
  onImported?: (outcome: ImportOutcome) => void;
}

function check(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

function mb(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Reports and bundles from stored data: the HTML report (printed to PDF by the platform's
 * printer), the Markdown export and the JSON bundle; and imports of bundles. Used by the console
 * (through report jobs) and by the command line alike. Every file is written beside its destination
 * under a temporary name and renamed into place at the end, so a cancelled or failed export leaves
 * no partial file.
 */
export class ReportService {
  constructor(private readonly deps: ReportServiceDeps) {}

  /** The incident with this ref here, or a not-found failure naming it. */
  incidentByRef(ref: string): number {
    const id = this.deps.record.identity.idByRef(ref.trim());
    if (id === null) throw new AppFailure('not-found', `No incident ${ref} in this data directory.`);
    return id;
  }

  /** The stored incident in report form: only the charts' metrics, downsampled for the page. */
  reportRecord(incidentId: number): IncidentRecord {
    return readIncidentRecord(this.deps.record, incidentId, { metrics: CHART_METRICS, maxPoints: REPORT_MAX_POINTS });
  }

  context(record: IncidentRecord): ReportContext {
    return reportContext(record.body, {
      imported: record.imported,
      generatedAt: this.deps.now(),
      generatedBy: this.deps.operator(),
      appName: this.deps.appName,
    });
  }

  html(incidentId: number): string {
    return renderReportHtml(this.context(this.reportRecord(incidentId)));
  }

  markdown(incidentId: number): string {
    return renderReportMarkdown(this.context(this.reportRecord(incidentId)));
  }

  outline(incidentId: number): ReportOutline {
    const record = this.reportRecord(incidentId);
    const r = this.context(record);
    const series = r.series;
    return {
      incidentId,
      ref: record.body.incident.ref,
      window: record.body.window,
      sections: REPORT_SECTIONS.map((s) => {
        const entries = s.entries(r);
        return { id: s.id, title: s.title, entries, note: entries === null ? '' : `${entries} ${entries === 1 ? 'entry' : 'entries'}` };
      }),
      series: series.length,
      points: series.reduce((n, s) => n + s.points.length, 0),
      imported: record.imported,
    };
  }

  /** The file name a person would expect for this export. */
  fileName(ref: string, format: ExportFormat): string {
    return format === 'pdf' ? `${ref}-report.pdf` : format === 'markdown' ? `${ref}-report.md` : `${ref}.pitwall.json`;
  }

  /** Writes one export of an incident to `dest`. Resolves with its size; rejects with AbortError when cancelled. */
  async exportTo(incidentId: number, format: ExportFormat, dest: string, opts: RunOptions = {}): Promise<{ bytes: number; ref: string }> {
    const { signal } = opts;
    const step = async (done: number, total: number, phase: string): Promise<void> => {
      opts.onProgress?.({ phase, done, total });
      await tick();
      check(signal);
    };
    const part = `${dest}.part-${randomBytes(4).toString('hex')}`;
    try {
      let content: string | Buffer;
      let ref: string;
      if (format === 'bundle') {
        const count = this.deps.tables.length;
        await step(0, count + 3, 'Reading the incident and its timeline');
        const record = readIncidentRecord(this.deps.record, incidentId, {
          onTable: (what, i) => opts.onProgress?.({ phase: `Reading ${what}`, done: i + 1, total: count + 3 }),
        });
        ref = record.body.incident.ref;
        const series = (record.body.tables[SERIES_TABLE] ?? []).length;
        await step(count + 1, count + 3, `Writing ${record.body.timeline.length} events and ${series} series of samples as JSON`);
        content = serializeBundle(record.body);
      } else {
        const total = format === 'pdf' ? 4 : 3;
        await step(0, total, 'Reading the incident, its timeline and stored samples');
        const r = this.context(this.reportRecord(incidentId));
        ref = r.body.incident.ref;
        await step(1, total, `Laying out ${r.body.timeline.length} timeline events and the charts`);
        if (format === 'markdown') content = renderReportMarkdown(r);
        else {
          const page = renderReportHtml(r);
          const printer = this.deps.pdf();
          await step(2, total, `Printing the PDF (${printer.description})`);
          content = await printer.print(page, signal ? { signal } : {});
        }
      }
      check(signal);
      const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
      opts.onProgress?.({ phase: `Saving ${mb(bytes)}`, done: 1, total: 1 });
      writeFileSync(part, content);
      check(signal);
      renameSync(part, dest);
      return { bytes, ref };
    } catch (err) {
      rmSync(part, { force: true });
      throw err;
    }
  }

  /**
   * Checks a whole bundle, then writes it in one transaction. Cancelling before the write starts
   * writes nothing; the write itself is one transaction, so there are never partial rows.
   */
  async importBytes(bytes: Uint8Array, fileName: string, opts: RunOptions = {}): Promise<ImportOutcome> {
    const { signal } = opts;
    opts.onProgress?.({ phase: `Checking ${fileName} (${mb(bytes.length)}): checksum, schema, every row`, done: 0, total: 2 });
    await tick();
    check(signal);
    const parsed = parseBundle(bytes, this.deps.tables);
    const inc = parsed.body.incident;
    opts.onProgress?.({
      phase: `Importing ${inc.ref}: ${parsed.body.timeline.length} timeline events and their samples`,
      done: 1,
      total: 2,
    });
    await tick();
    check(signal);
    const outcome = importBundle(this.deps.imports, parsed, fileName);
    if (outcome.status === 'imported') this.deps.onImported?.(outcome);
    return outcome;
  }
}
