import type { SourceConnection } from '../../shared/domain/sources';
import type { CallOptions } from '../sources/client-types';
import { parseExposition, type ExporterSample } from '../sources/exporter-scrape';
import { createHttpClient, httpStatusError, type HttpClient } from '../sources/http';

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
    const line = text.slice(start, end);
    start = end + 1;
    let name: string;
    if (line.startsWith('#')) {
      const m = /^#\s+(?:HELP|TYPE)\s+(\S+)/.exec(line);
      if (!m) continue;
      name = m[1] as string;
    } else {
      const cut = line.search(/[{\s]/);
      name = (cut === -1 ? line : line.slice(0, cut)).trim();
    }
    if (wanted.has(name)) kept.push(line);
  }
  return kept.length === 0 ? '' : `${kept.join('\n')}\n`;
}

/** Scrapes an exporter page for the wanted families only; an unreadable page still fails as a whole. */
export class ExporterPage {
  private readonly http: HttpClient;
  private readonly wanted: ReadonlySet<string>;

  constructor(
    conn: SourceConnection,
    private readonly metricsPath: string,
    families: readonly string[],
  ) {
    this.http = createHttpClient(conn, 'GPU exporter');
    this.wanted = new Set(families);
  }

  async scrape(options: CallOptions = {}): Promise<ExporterSample[]> {
    const res = await this.http.request({
      path: this.metricsPath,
      // The classic text format: OpenMetrics exemplars would not parse.
      accept: 'text/plain;version=0.0.4;q=1, */*;q=0.1',
      signal: options.signal,
    });
    if (res.status < 200 || res.status >= 300) throw httpStatusError(this.http.where, res.status, res.text);
    const kept = keepFamilies(res.text, this.wanted);
    // Nothing wanted on the page: parse all of it, so a proxy's error page is reported as such, not as "no GPUs".
    return parseExposition(kept === '' ? res.text : kept);
  }

  close(): void {
    this.http.close();
  }
}
