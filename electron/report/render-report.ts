import { html, join, raw } from './html';
import type { ReportContext } from './report-context';
import { reportCss } from './report-css';
import { REPORT_SECTIONS } from './sections/index';
import type { ReportSection } from './sections/section';

/** A script, a fetch or a frame in the report could only come from a bug in escaping: the page forbids them anyway. */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const REF = /^INC-\d{8}-\d{3,6}$/;

/**
 * The one HTML report: every section from the stored incident, printable as it is (A4, running
 * header with the incident ref, "page N of M" footer). Static: no script, nothing fetched.
 */
export function renderReportHtml(r: ReportContext, sections: readonly ReportSection[] = REPORT_SECTIONS): string {
  const inc = r.body.incident;
  // The ref is the only data placed in CSS; a bundle's ref is schema-checked, but never trust it here either.
  const ref = REF.test(inc.ref) ? inc.ref : 'Incident';
  const body = sections.map((s) =>
    s.id === 'cover'
      ? html`<section class="cover" id="${s.id}">${s.html(r)}</section>`
      : html`<section class="${s.id}" id="${s.id}">
          <h2>${s.title}</h2>
          ${s.html(r)}
        </section>`,
  );
  const doc = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}" />
        <title>${inc.ref} — ${inc.title}</title>
        <style>
          ${raw(reportCss(ref))}
        </style>
      </head>
      <body>
        ${join(body, '\n')}
      </body>
    </html> `;
  return doc.value;
}

/** The same report as Markdown, section by section. */
export function renderReportMarkdown(r: ReportContext, sections: readonly ReportSection[] = REPORT_SECTIONS): string {
  return `${sections.map((s) => (s.id === 'cover' ? s.markdown(r) : `## ${s.title}\n\n${s.markdown(r)}`)).join('\n\n')}\n`;
}
