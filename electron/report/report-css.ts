/**
 * Print CSS for the report. The running header and the "page N of M" footer are CSS page-margin
 * boxes (Chromium 131+), so Electron's printToPDF and headless Chromium print them the same way
 * with no header/footer templates. `ref` is an incident ref (INC-YYYYMMDD-NNN, checked by the
 * caller), the only data placed in CSS.
 */
export function reportCss(ref: string): string {
  return `
@page {
  size: A4;
  margin: 20mm 16mm 18mm 16mm;
  @top-left { content: "${ref}"; font: 600 8.5pt 'DejaVu Sans', Arial, sans-serif; color: #374151; }
  @top-right { content: "Incident report"; font: 8.5pt 'DejaVu Sans', Arial, sans-serif; color: #6b7280; }
  @bottom-center { content: "page " counter(page) " of " counter(pages); font: 8.5pt 'DejaVu Sans', Arial, sans-serif; color: #374151; }
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
/* break-word, not anywhere: a table sizes its columns by whole words (a name never splits into letters), and a long unbroken string still wraps. */
body { margin: 0; font: 9.5pt/1.45 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif; color: #111827; overflow-wrap: break-word; }
h1 { font-size: 18pt; line-height: 1.2; margin: 2pt 0 6pt; }
h2 { font-size: 12.5pt; margin: 16pt 0 6pt; padding-bottom: 2pt; border-bottom: 1.5pt solid #1f2937; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 12pt 0 4pt; break-after: avoid; }
section { break-inside: auto; }
section.timeline, section.evidence { break-before: page; }
.kicker { margin: 0; font-size: 9pt; letter-spacing: 0.06em; text-transform: uppercase; color: #6b7280; }
.badges { margin: 0 0 8pt; }
.sev, .status { display: inline-block; padding: 1pt 6pt; border-radius: 3pt; font-weight: 700; font-size: 9pt; }
.sev-SEV1 { background: #b91c1c; color: #fff; }
.sev-SEV2 { background: #ea580c; color: #fff; }
.sev-SEV3 { background: #ca8a04; color: #fff; }
.sev-SEV4 { background: #4b5563; color: #fff; }
.status { border: 1pt solid #9ca3af; color: #374151; text-transform: capitalize; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.keep, table.kv, table.facts { break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 2.5pt 5pt; border-bottom: 0.5pt solid #d1d5db; }
thead th { background: #f3f4f6; border-bottom: 1pt solid #6b7280; font-size: 8.5pt; }
table.facts th { width: 32%; background: none; color: #4b5563; font-weight: 600; }
table.facts td { font-weight: 500; }
td.time, th.time { white-space: nowrap; font-variant-numeric: tabular-nums; width: 1%; }
td.kind { white-space: nowrap; color: #4b5563; font-size: 8.5pt; }
/* Preferred widths: a name fits on one line, the entry takes the rest. */
th.by { width: 14%; }
th.kind { width: 10%; }
th.details { width: 32%; }
th.state { width: 12%; }
tr.group th { background: none; border-bottom: 0.5pt solid #9ca3af; padding-top: 6pt; font-size: 8.5pt; color: #374151; }
.state-done, .state-answered { color: #15803d; font-weight: 600; }
.state-skipped { color: #b45309; font-weight: 600; }
.state-open { color: #b91c1c; }
.muted { color: #6b7280; font-weight: normal; }
td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
td.nowrap, th.nowrap { white-space: nowrap; }
td.small { font-size: 8pt; color: #4b5563; }
td.formula { font-size: 8pt; color: #4b5563; }
.two-col { display: grid; grid-template-columns: auto 1fr; gap: 12pt; break-inside: avoid; }
.prose { white-space: pre-wrap; }
.empty { color: #6b7280; font-style: italic; }
.caption, figcaption { font-size: 8pt; color: #4b5563; margin: 2pt 0 6pt; }
.provenance { margin-top: 14pt; font-size: 8pt; color: #6b7280; }
figure { margin: 6pt 0; break-inside: avoid; }
svg.chart { display: block; width: 100%; height: auto; }
svg .plot { fill: #fff; stroke: #9ca3af; stroke-width: 0.6; }
svg .grid { stroke: #e5e7eb; stroke-width: 0.6; }
svg .axis { stroke: #6b7280; stroke-width: 0.8; }
svg .tick { font: 8px 'DejaVu Sans', Arial, sans-serif; fill: #374151; }
svg .axis-title { font: 8.5px 'DejaVu Sans', Arial, sans-serif; fill: #4b5563; }
svg .marker-n { font: 700 8px 'DejaVu Sans', Arial, sans-serif; fill: #fff; }
svg .swatch { stroke: #9ca3af; stroke-width: 0.5; }
ul.legend { list-style: none; padding: 0; margin: 2pt 0; display: flex; flex-wrap: wrap; gap: 2pt 12pt; font-size: 8pt; }
ul.legend li { display: flex; align-items: center; gap: 4pt; }
.mark { display: inline-block; white-space: nowrap; min-width: 13pt; padding: 0 3pt; border-radius: 7pt; color: #fff; font-weight: 700; font-size: 7.5pt; text-align: center; }
table.peaks { width: auto; min-width: 60%; }
.logline { break-inside: avoid; margin: 0 0 8pt; border-left: 2pt solid #9ca3af; padding-left: 6pt; }
.logmeta { margin: 0; font-size: 8pt; color: #4b5563; }
.labels { font-family: 'DejaVu Sans Mono', monospace; }
pre { margin: 2pt 0; white-space: pre-wrap; overflow-wrap: anywhere; font: 8pt/1.35 'DejaVu Sans Mono', Menlo, Consolas, monospace; background: #f9fafb; padding: 3pt 4pt; }
.comment { margin: 2pt 0 0; font-style: italic; }
.message { break-inside: avoid; margin: 0 0 8pt; border-left: 2pt solid #6b9bd1; padding-left: 6pt; }
pre.message-body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 8.5pt; }
/* The postmortem's own Markdown, below the section heading (markdown-html.ts). */
.postmortem-body .md-h { font-weight: 700; margin: 10pt 0 3pt; break-after: avoid; }
.postmortem-body .md-h3 { font-size: 12pt; }
.postmortem-body .md-h4 { font-size: 10.5pt; }
.postmortem-body .md-h5, .postmortem-body .md-h6 { font-size: 9.5pt; }
.postmortem-body p { margin: 3pt 0; }
.postmortem-body ul, .postmortem-body ol { margin: 3pt 0; padding-left: 16pt; }
.postmortem-body blockquote { margin: 4pt 0; padding: 2pt 8pt; border-left: 2pt solid #6b9bd1; color: #374151; background: #f3f6fa; }
.postmortem-body code { font: 8pt 'DejaVu Sans Mono', monospace; overflow-wrap: anywhere; }
.postmortem-body table.md-table td { overflow-wrap: anywhere; }
.embed-note { font-size: 8.5pt; color: #4b5563; font-style: italic; }
.md-image { font-style: italic; color: #4b5563; }
`;
}
