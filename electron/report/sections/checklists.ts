import { ROLE_LABEL } from '../../../shared/domain/roles';
import { checklistProgress, foldItems, sectionApplies, type ItemState } from '../../../shared/playbooks/checklist';
import type { Playbook, PlaybookItem } from '../../../shared/playbooks/schema';
import { checkPlaybook } from '../../../shared/playbooks/validate';
import type { EvidenceReading } from '../../../shared/playbooks/evidence';
import { CHECKLISTS_TABLE, type ChecklistRow } from '../../bundle/tables/checklist-tables';
import { html, join, type SafeHtml } from '../html';
import { mdTable, mdText } from '../markdown';
import type { ReportContext } from '../report-context';
import { eventTime } from '../report-format';
import { eventTableHtml, eventTableMarkdown, type ReportSection } from './section';

interface Folded {
  title: string;
  version: number;
  attached: string;
  progress: string;
  /** Sections for another severity, left out of the list and the count. */
  folded: string[];
  rows: { section: string; item: string; state: string; when: string; detail: string }[];
}

function stateText(item: PlaybookItem, st: ItemState): string {
  if (st.status === 'open' && st.ruledOutBy) return `not applicable (“${st.ruledOutBy.text}” answered ${st.ruledOutBy.answer})`;
  if (st.status === 'done') return item.kind === 'decision' && st.answer ? `answered ${st.answer}` : 'done';
  if (st.status === 'skipped') return 'skipped';
  if (st.status === 'not-applicable') return 'not applicable';
  return 'open';
}

function detailText(st: ItemState): string {
  const parts: string[] = [];
  if (st.reason) parts.push(`Reason: ${st.reason}`);
  for (const reading of st.frozen ?? []) parts.push(`Evidence then: ${reading.text}`);
  for (const n of st.notes) parts.push(`Note (${n.author}): ${n.text}`);
  if (st.role) parts.push(`Assigned: ${ROLE_LABEL[st.role]}`);
  return parts.join('\n');
}

/** Each attached checklist folded from its actions, as the console shows it, at the report's time. */
function fold(r: ReportContext): Folded[] | null {
  const rows = (r.body.tables[CHECKLISTS_TABLE] ?? []) as ChecklistRow[];
  if (rows.length === 0) return null;
  const inc = r.body.incident;
  const day = inc.times.declaredAt;
  const ctx = { severity: inc.severity, resolvedAt: inc.times.resolvedAt, now: r.generatedAt };
  return rows.flatMap((c): Folded[] => {
    let playbook: Playbook;
    try {
      const check = checkPlaybook(JSON.parse(c.playbook));
      if (!check.ok) return [];
      playbook = check.playbook;
    } catch {
      return [];
    }
    const actions = c.actions.map((a) => ({ ...a, checklistId: c.id, evidence: a.evidence as unknown as EvidenceReading[] | null }));
    const items = foldItems(playbook, actions, ctx);
    const p = checklistProgress(c.id, playbook, items, ctx);
    const out: Folded['rows'] = [];
    for (const s of playbook.sections) {
      if (!sectionApplies(s, inc.severity)) continue;
      for (const item of s.items) {
        const st = items[item.id];
        if (!st) continue;
        out.push({
          section: s.title,
          item: item.text,
          state: stateText(item, st),
          when: st.changed ? `${st.changed.author}, ${eventTime(st.changed.at, day)}` : '',
          detail: detailText(st),
        });
      }
    }
    return [
      {
        title: playbook.title,
        version: c.playbookVersion,
        attached: `attached ${eventTime(c.attachedAt, day)} by ${c.attachedBy}`,
        progress: `${p.done} of ${p.total} done${p.skipped ? `, ${p.skipped} skipped` : ''}${p.open ? `, ${p.open} open` : ''}`,
        folded: playbook.sections.filter((s) => !sectionApplies(s, inc.severity)).map((s) => s.title),
        rows: out,
      },
    ];
  });
}

function checklistHtml(c: Folded): SafeHtml {
  let section = '';
  const rows = c.rows.map((row) => {
    const head =
      row.section !== section
        ? html`<tr class="group">
            <th colspan="4">${row.section}</th>
          </tr>`
        : html``;
    section = row.section;
    return html`${head}
      <tr>
        <td class="text">${row.item}</td>
        <td class="nowrap state-${row.state.split(' ')[0] ?? ''}">${row.state}</td>
        <td class="small">${row.when}</td>
        <td class="text small">${row.detail}</td>
      </tr>`;
  });
  return html`<h3>${c.title} <span class="muted">v${c.version}</span></h3>
    <p class="caption">
      ${c.attached} · ${c.progress}${c.folded.length ? ` · left out (for another severity): ${c.folded.join(', ')}` : ''}
    </p>
    <table class="events checklist">
      <thead>
        <tr>
          <th>Item</th>
          <th class="state">State</th>
          <th class="by">Set by</th>
          <th class="details">Evidence, reasons and notes</th>
        </tr>
      </thead>
      <tbody>
        ${join(rows)}
      </tbody>
    </table>`;
}

const EMPTY = 'No checklist items were ticked on the timeline of this incident.';

/**
 * Checklists with each item's state, who set it and when, and the evidence values frozen when it
 * was ticked. Incidents (or bundles) from before checklists existed show their checklist events.
 */
export const checklistsSection: ReportSection = {
  id: 'checklists',
  title: 'Checklists',
  entries: (r) => fold(r)?.reduce((n, c) => n + c.rows.length, 0) ?? r.eventsOf('checklist').length,
  html(r) {
    const lists = fold(r);
    return lists ? join(lists.map(checklistHtml)) : eventTableHtml(r, r.eventsOf('checklist'), EMPTY);
  },
  markdown(r) {
    const lists = fold(r);
    if (!lists) return eventTableMarkdown(r, r.eventsOf('checklist'), EMPTY);
    return lists
      .map((c) =>
        [
          `### ${mdText(`${c.title} (v${c.version})`)}`,
          `_${mdText(`${c.attached} · ${c.progress}`)}_`,
          mdTable(
            ['Section', 'Item', 'State', 'Set by', 'Evidence, reasons and notes'],
            c.rows.map((row) => [row.section, row.item, row.state, row.when, row.detail]),
          ),
        ].join('\n\n'),
      )
      .join('\n\n');
  },
};
