import { ACTION_STATUS_LABEL, isOverdue } from '../../../shared/domain/action-items';
import { TEMPLATE_INFO } from '../../../shared/domain/postmortem';
import { ACTION_ITEMS_TABLE, POSTMORTEM_TABLE, type ActionItemRow, type PostmortemRow } from '../../bundle/tables/postmortem-tables';
import { html, join } from '../html';
import { mdTable, mdText } from '../markdown';
import { markdownToHtml, nestMarkdown } from '../markdown-html';
import type { ReportContext } from '../report-context';
import { eventTime } from '../report-format';
import type { ReportSection } from './section';

const NO_POSTMORTEM = 'No postmortem has been written for this incident yet.';
const NO_ACTIONS = 'No action items have been recorded for this incident yet.';

function postmortemOf(r: ReportContext): PostmortemRow | null {
  return ((r.body.tables[POSTMORTEM_TABLE] ?? []) as PostmortemRow[])[0] ?? null;
}

function actionsOf(r: ReportContext): ActionItemRow[] {
  return (r.body.tables[ACTION_ITEMS_TABLE] ?? []) as ActionItemRow[];
}

function byline(r: ReportContext, pm: PostmortemRow): string {
  const day = r.body.incident.times.declaredAt;
  return `${TEMPLATE_INFO[pm.template].label} (${TEMPLATE_INFO[pm.template].source}); last saved ${eventTime(pm.updatedAt, day)} by ${pm.updatedBy}, ${pm.versions.length} version${pm.versions.length === 1 ? '' : 's'} kept.`;
}

/** The postmortem as written, rendered from its Markdown. */
export const postmortemSection: ReportSection = {
  id: 'postmortem',
  title: 'Postmortem',
  entries: (r) => (postmortemOf(r) ? 1 : 0),
  html(r) {
    const pm = postmortemOf(r);
    if (!pm) return html`<p class="empty">${NO_POSTMORTEM}</p>`;
    return html`<p class="small">${byline(r, pm)}</p>
      <div class="postmortem-body">${markdownToHtml(pm.body)}</div>`;
  },
  markdown(r) {
    const pm = postmortemOf(r);
    if (!pm) return `_${mdText(NO_POSTMORTEM)}_`;
    return `_${mdText(byline(r, pm))}_\n\n${nestMarkdown(pm.body)}`;
  },
};

function statusText(a: ActionItemRow, now: number): string {
  return `${ACTION_STATUS_LABEL[a.status]}${isOverdue(a, now) ? ' (overdue)' : ''}`;
}

/** Follow-ups with owner, ticket, due day and status; overdue ones said so, as of the report's time. */
export const actionItemsSection: ReportSection = {
  id: 'action-items',
  title: 'Action items',
  entries: (r) => actionsOf(r).length,
  html(r) {
    const items = actionsOf(r);
    if (items.length === 0) return html`<p class="empty">${NO_ACTIONS}</p>`;
    return html`<table class="events keep">
      <thead>
        <tr>
          <th>Action</th>
          <th>Owner</th>
          <th>Ticket</th>
          <th class="time">Due (UTC day)</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        ${join(
          items.map(
            (a) =>
              html`<tr>
                <td class="text">${a.title}</td>
                <td>${a.owner || '—'}</td>
                <td>${a.ticket || '—'}</td>
                <td class="time">${a.dueDate ?? '—'}</td>
                <td>${statusText(a, r.generatedAt)}</td>
              </tr>`,
          ),
        )}
      </tbody>
    </table>`;
  },
  markdown(r) {
    const items = actionsOf(r);
    if (items.length === 0) return `_${mdText(NO_ACTIONS)}_`;
    return mdTable(
      ['Action', 'Owner', 'Ticket', 'Due (UTC day)', 'Status'],
      items.map((a) => [a.title, a.owner || '—', a.ticket || '—', a.dueDate ?? '—', statusText(a, r.generatedAt)]),
    );
  },
};
