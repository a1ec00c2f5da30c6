import { DEFAULT_TEMPLATES } from '../../../shared/command/templates';
import { COMMS_TABLE, MITIGATIONS_TABLE, type CommsRow, type MitigationRow } from '../../bundle/tables/command-tables';
import { html, join } from '../html';
import { mdCode, mdTable, mdText } from '../markdown';
import type { ReportContext } from '../report-context';
import { eventTime, utc } from '../report-format';
import { eventTableHtml, eventTableMarkdown, type ReportSection } from './section';

/*
 * Communications and mitigations from the command domain's own records (what was sent, word for
 * word; what was done, through which source, with what outcome). Incidents from before that
 * domain existed show their timeline events instead.
 */

const MITIGATION_NAME: Readonly<Record<MitigationRow['kind'], string>> = {
  'queue-pause': 'Pause queue',
  'queue-resume': 'Resume queue',
  silence: 'Silence alerts',
  'silence-expire': 'Expire silence',
};

function parsed<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

interface Message {
  when: string;
  what: string;
  to: string;
  told: string;
  body: string;
}

function messages(r: ReportContext): Message[] {
  const day = r.body.incident.times.declaredAt;
  return ((r.body.tables[COMMS_TABLE] ?? []) as CommsRow[]).map((m) => ({
    when: eventTime(m.sentAt, day),
    what: `${m.templateId ? DEFAULT_TEMPLATES[m.templateId].name : 'Message'} (${m.purpose}) sent by ${m.author}`,
    to: parsed<string[]>(m.audience, []).join(', ') || 'no audience named',
    told: parsed<{ publicStatus?: string }>(m.fields, {}).publicStatus ?? '',
    body: m.body,
  }));
}

const NO_COMMS = 'No communications were recorded as sent.';

export const commsSection: ReportSection = {
  id: 'comms',
  title: 'Communications sent',
  entries: (r) => messages(r).length || r.eventsOf('comms').length,
  html(r) {
    const list = messages(r);
    if (list.length === 0) return eventTableHtml(r, r.eventsOf('comms'), NO_COMMS);
    return join(
      list.map(
        (m) =>
          html`<div class="message">
            <p class="logmeta">${m.when} UTC · ${m.what} · to ${m.to}${m.told ? ` · stakeholders told: ${m.told}` : ''}</p>
            <pre class="message-body">${m.body}</pre>
          </div>`,
      ),
    );
  },
  markdown(r) {
    const list = messages(r);
    if (list.length === 0) return eventTableMarkdown(r, r.eventsOf('comms'), NO_COMMS);
    return list
      .map(
        (m) =>
          `**${mdText(`${m.when} UTC · ${m.what} · to ${m.to}${m.told ? ` · stakeholders told: ${m.told}` : ''}`)}**\n\n${mdCode(m.body)}`,
      )
      .join('\n\n');
  },
};

function mitigationRows(r: ReportContext): string[][] {
  const day = r.body.incident.times.declaredAt;
  return ((r.body.tables[MITIGATIONS_TABLE] ?? []) as MitigationRow[]).map((m) => {
    const matchers = parsed<{ name: string; op: string; value: string }[]>(m.matchers, [])
      .map((x) => `${x.name}${x.op}"${x.value}"`)
      .join(', ');
    const extra = [
      matchers && `matchers ${matchers}`,
      m.endsAt !== null && `until ${utc(m.endsAt)}`,
      m.expireOnResolve && 'expires on resolve',
    ]
      .filter(Boolean)
      .join(' · ');
    return [
      eventTime(m.at, day),
      m.author,
      `${MITIGATION_NAME[m.kind]} ${m.target} via ${m.sourceName}${extra ? ` (${extra})` : ''}`,
      m.outcome === 'ok' ? 'done' : 'failed',
      m.message,
    ];
  });
}

const NO_MITIGATIONS = 'No mitigations were recorded.';

export const mitigationsSection: ReportSection = {
  id: 'mitigations',
  title: 'Mitigations and their outcomes',
  entries: (r) => mitigationRows(r).length || r.eventsOf('mitigation').length,
  html(r) {
    const rows = mitigationRows(r);
    if (rows.length === 0) return eventTableHtml(r, r.eventsOf('mitigation'), NO_MITIGATIONS);
    return html`<table class="events${rows.length <= 15 ? ' keep' : ''}">
      <thead>
        <tr>
          <th class="time">Time (UTC)</th>
          <th class="by">By</th>
          <th>Action</th>
          <th class="state">Outcome</th>
          <th class="details">What the source said</th>
        </tr>
      </thead>
      <tbody>
        ${join(
          rows.map(
            ([t, by, what, outcome, msg]) =>
              html`<tr>
                <td class="time">${t}</td>
                <td>${by}</td>
                <td class="text">${what}</td>
                <td class="nowrap state-${outcome === 'done' ? 'done' : 'open'}">${outcome}</td>
                <td class="text small">${msg}</td>
              </tr>`,
          ),
        )}
      </tbody>
    </table>`;
  },
  markdown(r) {
    const rows = mitigationRows(r);
    if (rows.length === 0) return eventTableMarkdown(r, r.eventsOf('mitigation'), NO_MITIGATIONS);
    return mdTable(['Time (UTC)', 'By', 'Action', 'Outcome', 'What the source said'], rows);
  },
};
