import { ROLE_LABEL, ROLES } from '../../../shared/domain/roles';
import { PRIORITY_OF, SEVERITY_MEANING } from '../../../shared/domain/severity';
import { html, join } from '../html';
import { mdParagraphs, mdTable } from '../markdown';
import type { ReportContext } from '../report-context';
import { formatDuration, utc } from '../report-format';
import type { ReportSection } from './section';

function facts(r: ReportContext): [string, string][] {
  const inc = r.body.incident;
  const commander = inc.roles.find((x) => x.role === 'commander');
  const duration = formatDuration(r.end.at - r.start.at);
  return [
    ['Incident', inc.ref],
    ['Severity', `${inc.severity} · ${PRIORITY_OF[inc.severity]} — ${SEVERITY_MEANING[inc.severity]}`],
    ['Status', inc.status],
    [`Start (${r.start.what})`, utc(r.start.at)],
    [
      'Duration',
      r.end.ongoing
        ? `ongoing — ${duration} from ${r.start.what} to ${utc(r.end.at)}`
        : `${duration} (${r.start.what} → ${r.end.what} at ${utc(r.end.at)})`,
    ],
    ['Incident commander', commander ? commander.person : 'none assigned'],
    ...ROLES.filter((role) => role !== 'commander').flatMap((role): [string, string][] => {
      const holder = inc.roles.find((x) => x.role === role);
      return holder ? [[ROLE_LABEL[role], holder.person]] : [];
    }),
    ['Services', inc.services.join(', ') || '—'],
    ['Tenants', inc.tenants.join(', ') || '—'],
  ];
}

function provenance(r: ReportContext): string {
  const made = `Report generated ${utc(r.generatedAt)} by ${r.generatedBy} with ${r.appName}, from the data stored in Pitwall.`;
  const i = r.imported;
  if (!i) return made;
  const renumbered = i.renumberedFrom ? ` It was ${i.renumberedFrom} there and was renumbered here.` : '';
  return `${made} This incident was imported on ${utc(i.importedAt)} by ${i.importedBy} from ${i.fileName}, exported ${utc(i.exportedAt)} by ${i.exportedBy} (${i.exportedFrom}).${renumbered}`;
}

/** The first page's head: what happened, how bad, since when, who is in charge. */
export const coverSection: ReportSection = {
  id: 'cover',
  title: 'Incident',
  entries: () => null,
  html(r) {
    const inc = r.body.incident;
    const rows = facts(r).map(
      ([k, v]) =>
        html`<tr>
          <th>${k}</th>
          <td>${v}</td>
        </tr>`,
    );
    return html`<p class="kicker">Incident report · ${inc.ref}</p>
      <h1>${inc.title}</h1>
      <p class="badges">
        <span class="sev sev-${inc.severity}">${inc.severity} · ${PRIORITY_OF[inc.severity]}</span>
        <span class="status">${inc.status}</span>
      </p>
      <table class="facts">
        <tbody>
          ${join(rows)}
        </tbody>
      </table>
      <p class="provenance">${provenance(r)}</p>`;
  },
  markdown(r) {
    const inc = r.body.incident;
    return [
      `# Incident report: ${inc.ref} — ${mdParagraphs(inc.title)}`,
      mdTable(['', ''], facts(r)),
      `_${mdParagraphs(provenance(r))}_`,
    ].join('\n\n');
  },
};
