import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { MILLISECONDS_RE, guardFamilies, type ExporterSample } from './exposition-schema';
import { parseSampleValue, type Labels } from './samples';

/** More distinct series than this on one source's page and the memo starts over (a label explosion). */
const MAX_SERIES = 20_000;
const BLANK_RE = /[ \t]+/;

interface Series {
  name: string;
  labels: Labels;
}

/** Where a sample line's series ends and its value begins: after the label set's `}`, or the bare name. */
function splitSeries(line: string): { series: string; rest: string } | null {
  const brace = line.indexOf('{');
  const blank = line.search(/[ \t]/);
  if (brace !== -1 && (blank === -1 || brace < blank)) {
    // A label value may hold `}`, a value or timestamp never does: the label set ends at the last one.
    const end = line.lastIndexOf('}');
    return end === -1 ? null : { series: line.slice(0, end + 1), rest: line.slice(end + 1) };
  }
  return blank === -1 ? null : { series: line.slice(0, blank), rest: line.slice(blank) };
}

/**
 * The maintained parser's reading of each series on an exporter page, remembered from one poll to
 * the next. A DCGM page repeats the same long label sets every few seconds with new values, and the
 * parser (character by character) cost about as much as the rest of a poll cycle put together. So
 * each distinct `name{labels}` text is parsed once by parse-prometheus-text-format and checked like
 * any page (guardFamilies); later polls take its name and labels from here and read only the value
 * and optional timestamp after it, with the same number rules (parseSampleValue).
 *
 * Only plain pages: one with a histogram or summary, a line that does not split into series and
 * value, or a value that is not a number returns null, and the caller parses the whole page the usual
 * way (which also words the error).
 */
export class ExpositionMemo {
  private readonly series = new Map<string, Series>();

  read(text: string): ExporterSample[] | null {
    const out: ExporterSample[] = [];
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const line = text.slice(start, end).trim();
      start = end + 1;
      if (line === '') continue;
      if (line.startsWith('#')) {
        if (/^#\s+TYPE\s+\S+\s+(histogram|summary)\s*$/i.test(line)) return null;
        continue;
      }
      const split = splitSeries(line);
      if (!split) return null;
      const tokens = split.rest.trim().split(BLANK_RE);
      if (tokens.length > 2 || tokens[0] === undefined) return null;
      const value = parseSampleValue(tokens[0]);
      if (value === undefined) return null;
      const ts = tokens[1];
      if (ts !== undefined && !MILLISECONDS_RE.test(ts)) return null;
      const known = this.series.get(split.series) ?? this.learn(split.series);
      if (!known) return null;
      const sample: ExporterSample = { name: known.name, labels: known.labels, value };
      if (ts !== undefined) sample.timestampMs = Number(ts);
      out.push(sample);
    }
    return out.length > 0 ? out : null;
  }

  /** The parser's own reading of one series (with a placeholder value), checked, then kept. */
  private learn(series: string): Series | null {
    let families: ReturnType<typeof guardFamilies>;
    try {
      families = guardFamilies(parsePrometheusTextFormat(`${series} 0\n`));
    } catch {
      return null;
    }
    if (families?.length !== 1) return null;
    const family = families[0];
    const metric = family?.metrics[0];
    if (!family || !metric || family.metrics.length !== 1) return null;
    // Shared by every later sample of this series: frozen, so a consumer that edits labels fails loudly.
    const learned: Series = { name: family.name, labels: Object.freeze({ ...(metric.labels ?? {}) }) };
    if (this.series.size >= MAX_SERIES) this.series.clear();
    this.series.set(series, learned);
    return learned;
  }
}
