import { html, join } from '../html';
import { mdParagraphs, mdTable } from '../markdown';
import type { ReportContext } from '../report-context';
import { formatDuration, utc } from '../report-format';
import type { ReportSection } from './section';

const KEY_TIMES: readonly [keyof ReportContext['body']['incident']['times'], string][] = [
  ['impactStartedAt', 'Impact started'],
  ['detectedAt', 'Detected'],
  ['declaredAt', 'Declared'],
  ['acknowledgedAt', 'Acknowledged'],
  ['mitigatedAt', 'Mitigated'],
  ['resolvedAt', 'Resolved'],
  ['closedAt', 'Closed'],
];

function timeRows(r: ReportContext): [string, string][] {
  const t = r.body.incident.times;
  return KEY_TIMES.map(([k, label]) => {
    const at = t[k];
    return [label, at === null ? 'not set' : utc(at).slice(0, 19)];
  });
}

function metricRows(r: ReportContext): [string, string, string][] {
  return r.metrics.map((m) => [m.label, m.ms === null ? 'not known (a time it needs is not set)' : formatDuration(m.ms), m.formula]);
}

/** The summary as written, the key times, and the response metrics with the formula each one uses. */
export const summarySection: ReportSection = {
  id: 'summary',
  title: 'Summary',
  entries: () => null,
  html(r) {
    const text = r.body.incident.summary.trim();
    return html`${text ? html`<p class="prose">${text}</p>` : html`<p class="empty">No summary was written.</p>`}
      <div class="two-col">
        <table class="kv">
          <thead>
            <tr>
              <th>Key time</th>
              <th>UTC</th>
            </tr>
          </thead>
          <tbody>
            ${join(
              timeRows(r).map(
                ([k, v]) =>
                  html`<tr>
                    <td class="nowrap">${k}</td>
                    <td class="time">${v}</td>
                  </tr>`,
              ),
            )}
          </tbody>
        </table>
        <table class="kv">
          <thead>
            <tr>
              <th>Response metric</th>
              <th>Value</th>
              <th>Formula</th>
            </tr>
          </thead>
          <tbody>
            ${join(
              metricRows(r).map(
                ([k, v, f]) =>
                  html`<tr>
                    <td class="nowrap">${k}</td>
                    <td class="nowrap">${v}</td>
                    <td class="formula">${f}</td>
                  </tr>`,
              ),
            )}
          </tbody>
        </table>
      </div>`;
  },
  markdown(r) {
    const text = r.body.incident.summary.trim();
    return [
      text ? mdParagraphs(text) : '_No summary was written._',
      mdTable(['Key time', 'UTC'], timeRows(r)),
      mdTable(['Response metric', 'Value', 'Formula'], metricRows(r)),
    ].join('\n\n');
  },
};
