import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type { SourceConnection } from '../../shared/domain/sources';
import type { CallOptions } from './client-types';
import { createHttpClient, httpStatusError, type HttpClient } from './http';
import { expositionSchema, guardFamilies, type ExporterSample } from './exposition-schema';
import { ExpositionMemo } from './exposition-memo';
import { countNonFinite, type Labels } from './samples';
import { SourceError, parseWith } from './source-error';

export type { ExporterSample };

export interface ScrapeResult {
  samples: ExporterSample[];
  /** Samples whose value is NaN or infinite. */
  nonFinite: number;
}

/**
 * Parses the Prometheus text exposition format into flat samples; histograms and summaries are expanded.
 * The maintained parser does the reading; the schema then checks what it produced. (A poll of a known
 * page goes through ExpositionMemo first, which remembers this parser's reading of each series.)
 */
export function parseExposition(text: string): ExporterSample[] {
  let raw: unknown;
  try {
    // The parser drops the last sample when the text lacks a final newline.
    raw = parsePrometheusTextFormat(text.endsWith('\n') ? text : `${text}\n`);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new SourceError('malformed', `the exporter's /metrics page is not valid Prometheus text format: ${detail.slice(0, 300)}`, {
      cause: err,
    });
  }
  const families = guardFamilies(raw) ?? parseWith(expositionSchema, raw, "the exporter's /metrics page");
  if (families.length === 0 && /^\s*[^#\s]/m.test(text)) {
    // Text that is neither comments nor samples (e.g. a JSON error page) parses to nothing at all.
    throw new SourceError('malformed', "the exporter's /metrics page has content but no metrics in the text format");
  }
  const out: ExporterSample[] = [];
  for (const family of families) {
    for (const m of family.metrics) {
      const labels = m.labels ?? {};
      const ts = m.timestamp_ms === undefined ? undefined : Number(m.timestamp_ms);
      const push = (name: string, v: number, extra?: Labels): void => {
        const sample: ExporterSample = { name, labels: extra ? { ...labels, ...extra } : labels, value: v };
        if (ts !== undefined && Number.isFinite(ts)) sample.timestampMs = ts;
        out.push(sample);
      };
      if (m.value !== undefined) push(family.name, m.value);
      for (const [le, v] of Object.entries(m.buckets ?? {})) push(`${family.name}_bucket`, v, { le });
      for (const [quantile, v] of Object.entries(m.quantiles ?? {})) push(family.name, v, { quantile });
      if (m.sum !== undefined) push(`${family.name}_sum`, m.sum);
      if (m.count !== undefined) push(`${family.name}_count`, m.count);
    }
  }
  return out;
}

/**
 * Keeps only the lines of the wanted metric families (and their # HELP / # TYPE lines). A node's full
 * exporter page is mostly series the poller never stores (GPU clocks, temperatures, pod phases…); the
 * text parser and the shape check cost per line, so cutting first makes a scrape a fraction of the work.
 */
export function keepFamilies(text: string, wanted: ReadonlySet<string>): string {
  const kept: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    // Only the name is cut out of each line; the line itself is copied only when kept (most are not).
    let from = start;
    if (text.charCodeAt(start) === HASH) {
      const m = COMMENT_NAME.exec(text.slice(start, Math.min(end, start + MAX_COMMENT_HEAD)));
      from = m ? start + (m[0].length - (m[1] as string).length) : end;
    } else {
      while (from < end && isBlank(text.charCodeAt(from))) from += 1;
    }
    let to = from;
    while (to < end && !endsName(text.charCodeAt(to))) to += 1;
    if (to > from && wanted.has(text.slice(from, to))) kept.push(text.slice(start, end));
    start = end + 1;
  }
  return kept.length === 0 ? '' : `${kept.join('\n')}\n`;
}

const HASH = 0x23;
/** `# HELP name` / `# TYPE name`; a comment head longer than this is not one of those. */
const COMMENT_NAME = /^#\s+(?:HELP|TYPE)\s+(\S+)/;
const MAX_COMMENT_HEAD = 512;

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d;
}

/** A sample's name ends at `{` or blank space. */
function endsName(c: number): boolean {
  return c === 0x7b || isBlank(c);
}

/** Reads a DCGM exporter directly, for when Prometheus itself is the thing that is down. */
export class ExporterScrapeClient {
  private readonly memo = new ExpositionMemo();

  constructor(
    private readonly http: HttpClient,
    private readonly metricsPath: string = '/metrics',
  ) {}

  static connect(conn: SourceConnection, metricsPath = '/metrics'): ExporterScrapeClient {
    return new ExporterScrapeClient(createHttpClient(conn, 'GPU exporter'), metricsPath);
  }

  close(): void {
    this.http.close();
  }

  /**
   * `names` keeps only those metric families, so a poll stores what it charts and nothing else; the page
   * is cut to them before parsing (keepFamilies). An unreadable page still fails as a whole.
   */
  async scrape(options: CallOptions & { names?: readonly string[] } = {}): Promise<ScrapeResult> {
    const res = await this.http.request({
      path: this.metricsPath,
      // Ask for the classic text format; OpenMetrics exemplars would not parse.
      accept: 'text/plain;version=0.0.4;q=1, */*;q=0.1',
      signal: options.signal,
    });
    if (res.status < 200 || res.status >= 300) throw httpStatusError(this.http.where, res.status, res.text);
    let samples: ExporterSample[];
    if (options.names) {
      const wanted = new Set(options.names);
      const kept = keepFamilies(res.text, wanted);
      // Nothing wanted on the page: parse all of it, so a proxy's error page is reported as such, not as "no GPUs".
      // The filter after parsing keeps the contract exact for histogram/summary families cut to some of their lines.
      const read = kept === '' ? parseExposition(res.text) : (this.memo.read(kept) ?? parseExposition(kept));
      samples = read.filter((s) => wanted.has(s.name));
    } else samples = parseExposition(res.text);
    return { samples, nonFinite: countNonFinite(samples) };
  }
}
