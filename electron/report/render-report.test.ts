import { describe, expect, it } from 'vitest';
import type { BundleBody } from '../bundle/bundle-schema';
import { escapeHtml, html, raw } from './html';
import { reportContext } from './report-context';
import { renderReportHtml, renderReportMarkdown } from './render-report';
import { REPORT_SECTIONS } from './sections/index';

const EVIL = `<script>alert("x")</script><img src=x onerror=alert(1)><style>body{display:none}</style></td></tr></table><!--`;
const T0 = Date.UTC(2026, 2, 14, 9, 0, 0);

/** An incident where every piece of text a person or an upstream wrote carries markup. */
function hostileBody(): BundleBody {
  const event = (min: number, kind: BundleBody['timeline'][number]['kind'], data: Record<string, unknown> = {}) => ({
    at: T0 + min * 60_000,
    kind,
    actor: `mallory ${EVIL}`,
    summary: `${kind}: ${EVIL}`,
    data,
  });
  return {
    exportedAt: T0 + 3_600_000,
    exportedBy: 'dana',
    exportedFrom: 'Pitwall test',
    incident: {
      uid: '01890f4e-0000-7000-8000-000000000001',
      ref: 'INC-20260314-001',
      title: `Title ${EVIL}`,
      summary: `Summary ${EVIL}`,
      severity: 'SEV1',
      status: 'resolved',
      services: [`svc ${EVIL}`],
      tenants: [],
      times: {
        impactStartedAt: T0,
        detectedAt: T0 + 60_000,
        declaredAt: T0 + 120_000,
        acknowledgedAt: null,
        mitigatedAt: null,
        resolvedAt: T0 + 1_800_000,
        closedAt: null,
      },
      updatedAt: T0 + 1_800_000,
      roles: [{ role: 'commander', person: `IC ${EVIL}`, assignedAt: T0 + 120_000 }],
    },
    timeline: [
      event(2, 'declared'),
      event(3, 'note'),
      event(4, 'checklist', { item: EVIL, state: 'done', evidence: EVIL }),
      event(5, 'comms', { channel: EVIL }),
      event(6, 'mitigation', { outcome: EVIL }),
      event(7, 'pin-log', { source: EVIL, tMs: T0, labels: { [EVIL]: EVIL }, line: EVIL, comment: EVIL }),
      event(8, 'pin-metric', { metrics: [EVIL], fromMs: T0, toMs: T0 + 60_000, series: [], comment: EVIL }),
    ],
    window: { fromMs: T0 - 3_600_000, toMs: T0 + 1_800_000 },
    tables: {
      'telemetry.series': [
        {
          source: { name: EVIL, kind: 'prometheus' },
          metric: 'gpu.memory.share',
          labels: { node: EVIL, gpu: EVIL },
          points: [
            [T0, 0.5],
            [T0 + 60_000, 0.99],
          ],
        },
      ],
      'telemetry.alerts': [
        {
          source: EVIL,
          key: EVIL,
          name: `Alert${EVIL}`,
          severity: EVIL,
          labels: {},
          summary: EVIL,
          startsAt: T0 + 30_000,
          lastSeenAt: T0 + 60_000,
          resolvedAt: null,
        },
      ],
    },
  };
}

/** The tags our own templates emit; anything else in the output came from data. */
const OUR_TAGS = new Set(
  'html head meta title style body section h1 h2 h3 p span table thead tbody tr th td div pre figure figcaption ul li svg rect line path text g circle'.split(
    ' ',
  ),
);

describe('the HTML report escapes everything it did not write itself', () => {
  const r = reportContext(hostileBody(), { imported: null, generatedAt: T0 + 3_600_000, generatedBy: EVIL, appName: 'Pitwall test' });
  const doc = renderReportHtml(r);

  it('has no tag, comment or attribute from the data', () => {
    const tags = new Set(Array.from(doc.matchAll(/<([a-zA-Z][\w-]*)/g), (m) => m[1]?.toLowerCase()));
    expect([...tags].filter((t) => t !== undefined && !OUR_TAGS.has(t))).toEqual([]);
    expect(doc).not.toMatch(/<script|<img|<!--/i);
    expect(doc.match(/<style>/g)?.length).toBe(1);
    expect(doc.match(/<\/table>/g)?.length).toBe(doc.match(/<table/g)?.length);
  });

  it('shows the markup as text, everywhere it was written', () => {
    const shown = escapeHtml(EVIL);
    // Title, summary, services, IC, actors, summaries, details, labels, log line, comments, alert text.
    expect(doc.split(shown).length - 1).toBeGreaterThanOrEqual(20);
    expect(doc).toContain('default-src &#39;none&#39;');
  });

  it('renders every registered section, in order, with its heading', () => {
    const positions = REPORT_SECTIONS.filter((s) => s.id !== 'cover').map((s) => doc.indexOf(`<h2>${s.title}</h2>`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('the Markdown export carries no raw markup either', () => {
    const md = renderReportMarkdown(r);
    // Inside a fenced block text is inert; everywhere else there must be no markup at all.
    expect(md.replace(/^```text\n[^]*?\n```$/gm, '')).not.toMatch(/<script|<img|<style|<!--/i);
    expect(md).toContain('```text\n' + EVIL + '\n```'); // the pinned line, verbatim inside a fence
    for (const s of REPORT_SECTIONS.filter((x) => x.id !== 'cover')) expect(md).toContain(`## ${s.title}`);
  });

  it('the builder escapes values and only passes our own fragments through', () => {
    expect(html`<p>${EVIL}</p>`.value).toBe(`<p>${escapeHtml(EVIL)}</p>`);
    expect(html`<p>${[html`<b>${'<i>'}</b>`, '<u>']}</p>`.value).toBe('<p><b>&lt;i&gt;</b>&lt;u&gt;</p>');
    expect(html`<p>${raw('<br>')}${null}${undefined}${false}${0}</p>`.value).toBe('<p><br>0</p>');
  });
});
