import { html, join } from '../html';
import { mdTable } from '../markdown';
import { eventTime } from '../report-format';
import type { ReportSection } from './section';

/** Every timeline event in order. A long timeline breaks across pages with its header row repeated. */
export const timelineSection: ReportSection = {
  id: 'timeline',
  title: 'Timeline',
  entries: (r) => r.body.timeline.length,
  html(r) {
    const day = r.body.incident.times.declaredAt;
    if (r.body.timeline.length === 0) return html`<p class="empty">The timeline is empty.</p>`;
    const rows = r.body.timeline.map(
      (e) =>
        html`<tr>
          <td class="time">${eventTime(e.at, day)}</td>
          <td class="kind">${e.kind}</td>
          <td>${e.actor}</td>
          <td class="text">${e.summary}</td>
        </tr>`,
    );
    return html`<p class="caption">Times are UTC on ${new Date(day).toISOString().slice(0, 10)} unless a date is shown.</p>
      <table class="events timeline">
        <thead>
          <tr>
            <th class="time">Time (UTC)</th>
            <th class="kind">Kind</th>
            <th class="by">By</th>
            <th>What happened</th>
          </tr>
        </thead>
        <tbody>
          ${join(rows)}
        </tbody>
      </table>`;
  },
  markdown(r) {
    const day = r.body.incident.times.declaredAt;
    if (r.body.timeline.length === 0) return '_The timeline is empty._';
    return mdTable(
      ['Time (UTC)', 'Kind', 'By', 'What happened'],
      r.body.timeline.map((e) => [eventTime(e.at, day), e.kind, e.actor, e.summary]),
    );
  },
};
