import type { BundleEvent } from '../../bundle/bundle-schema';
import { html, join, type SafeHtml } from '../html';
import { mdTable, mdText } from '../markdown';
import type { ReportContext } from '../report-context';
import { eventTime } from '../report-format';

/**
 * One part of the report, rendered from stored data into the HTML report (and so the PDF) and
 * into the Markdown export. A domain adds its section to REPORT_SECTIONS (sections/index.ts); a
 * section renders even when it has nothing to show, saying so, because "no communications were
 * sent" is itself something a stakeholder needs to read.
 */
export interface ReportSection {
  id: string;
  title: string;
  /** Entries it lists (events, items), for the report tab's outline; null when it is not a list. */
  entries(r: ReportContext): number | null;
  /** The section's body (the heading is added around it). */
  html(r: ReportContext): SafeHtml;
  /** The same content as Markdown, without the heading. */
  markdown(r: ReportContext): string;
}

/**
 * A short table is kept on one page: Chromium (156) was seen splitting a row of a short table that
 * starts near a page end despite `tr { break-inside: avoid }`; long ones break between rows.
 */
export const KEEP_WHOLE_ROWS = 15;

/** A scalar from an event's structured data, shown beside it (a checklist item's frozen value, an outcome). */
function details(data: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
    const text = String(v);
    if (text === '') continue;
    if (text.length > 120) continue;
    parts.push(`${k}: ${text}`);
  }
  return parts.slice(0, 6).join(' · ');
}

/** Timeline events of one kind as a table: when, who, what, and the scalar details they carry. */
export function eventTableHtml(r: ReportContext, events: readonly BundleEvent[], empty: string): SafeHtml {
  if (events.length === 0) return html`<p class="empty">${empty}</p>`;
  const day = r.body.incident.times.declaredAt;
  const rows = events.map(
    (e) =>
      html`<tr>
        <td class="time">${eventTime(e.at, day)}</td>
        <td>${e.actor}</td>
        <td class="text">${e.summary}</td>
        <td class="text small">${details(e.data)}</td>
      </tr>`,
  );
  return html`<table class="${events.length <= KEEP_WHOLE_ROWS ? 'events keep' : 'events'}">
    <thead>
      <tr>
        <th class="time">Time (UTC)</th>
        <th class="by">By</th>
        <th>Entry</th>
        <th class="details">Details</th>
      </tr>
    </thead>
    <tbody>
      ${join(rows)}
    </tbody>
  </table>`;
}

export function eventTableMarkdown(r: ReportContext, events: readonly BundleEvent[], empty: string): string {
  if (events.length === 0) return `_${mdText(empty)}_`;
  const day = r.body.incident.times.declaredAt;
  return mdTable(
    ['Time (UTC)', 'By', 'Entry', 'Details'],
    events.map((e) => [eventTime(e.at, day), e.actor, e.summary, details(e.data)]),
  );
}

/** A section listing the timeline events of one kind (until that domain's own tables are wired in). */
export function eventKindSection(id: string, title: string, kind: BundleEvent['kind'], empty: string): ReportSection {
  return {
    id,
    title,
    entries: (r) => r.eventsOf(kind).length,
    html: (r) => eventTableHtml(r, r.eventsOf(kind), empty),
    markdown: (r) => eventTableMarkdown(r, r.eventsOf(kind), empty),
  };
}
