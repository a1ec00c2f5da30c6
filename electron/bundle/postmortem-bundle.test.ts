import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionItem } from '../../shared/domain/action-items';
import type { Incident } from '../../shared/domain/incident';
import type { Postmortem, PostmortemVersionMeta } from '../../shared/domain/postmortem';
import type { SearchResult } from '../../shared/domain/search';
import { openCoreHarness, type CoreHarness } from '../test-support/core-harness';
import { tempDir } from '../test-support/temp-dir';
import { renderReportHtml, renderReportMarkdown } from '../report/render-report';
import { actionItemsSection, postmortemSection } from '../report/sections/postmortem';
import { ACTION_ITEMS_TABLE, POSTMORTEM_TABLE } from './tables/postmortem-tables';

/** The postmortem (with its versions) and the action items travel in the incident bundle and print in the report. */
let a: CoreHarness;
let files: { dir: string; cleanup: () => void };
let incident: Incident;

function normalised(text: string): unknown {
  const doc = JSON.parse(text) as { sha256?: string; body: { exportedAt: number } };
  delete doc.sha256;
  doc.body.exportedAt = 0;
  return doc;
}

beforeEach(async () => {
  a = openCoreHarness();
  files = tempDir();
  incident = await a.call<Incident>('incident:declare', { title: 'OCR OOM', severity: 'SEV2', services: ['ocr'] });
  const pm = await a.call<Postmortem>('postmortem:draft', { incidentId: incident.id, template: 'lecture' });
  a.clock.now += 10 * 60_000;
  await a.call('postmortem:save', {
    incidentId: incident.id,
    revision: pm.revision,
    body: pm.body.replace(
      '[Detailed explanation of what caused the incident]',
      'VRAM fragmentation from mixed workloads. <script>alert(1)</script> [see](javascript:alert(2))',
    ),
  });
  await a.call<ActionItem>('action:create', {
    incidentId: incident.id,
    title: 'Admission control',
    owner: '@ml-platform',
    dueDate: '2025-01-10',
  });
  await a.call<ActionItem>('action:create', { incidentId: incident.id, title: 'Stagger restarts', status: 'done' });
});
afterEach(async () => {
  await a.close();
  files.cleanup();
});

describe('postmortems in bundles and reports', () => {
  it('travel whole: the postmortem with every version and the action items, re-exported byte for byte', async () => {
    const fileA = join(files.dir, 'a.pitwall.json');
    await a.core.reports.exportTo(incident.id, 'bundle', fileA);
    const body = (JSON.parse(readFileSync(fileA, 'utf8')) as { body: { tables: Record<string, unknown[]> } }).body;
    expect(body.tables[POSTMORTEM_TABLE]).toHaveLength(1);
    expect(body.tables[ACTION_ITEMS_TABLE]).toHaveLength(2);

    const b = openCoreHarness(a.clock.now + 3_600_000);
    try {
      const outcome = await b.core.reports.importBytes(readFileSync(fileA), 'a.pitwall.json');
      expect(outcome.status).toBe('imported');
      const [original, copy] = await Promise.all([
        a.call<Postmortem>('postmortem:get', { incidentId: incident.id }),
        b.call<Postmortem>('postmortem:get', { incidentId: outcome.incidentId }),
      ]);
      expect({ ...copy, incidentId: 0 }).toEqual({ ...original, incidentId: 0 });
      const versions = (h: CoreHarness, id: number) => h.call<PostmortemVersionMeta[]>('postmortem:list-versions', { incidentId: id });
      expect(await versions(b, outcome.incidentId)).toEqual(await versions(a, incident.id));
      const items = (h: CoreHarness, id: number) => h.call<ActionItem[]>('action:list', { incidentId: id });
      const strip = (xs: ActionItem[]) => xs.map(({ incidentId: _i, incidentRef: _r, ...x }) => x);
      expect(strip(await items(b, outcome.incidentId))).toEqual(strip(await items(a, incident.id)));
      // The imported postmortem is searchable where it landed.
      const found = await b.call<SearchResult[]>('search:incidents', { text: 'fragmentation' });
      expect(found.map((r) => r.incident.id)).toEqual([outcome.incidentId]);

      const fileB = join(files.dir, 'b.pitwall.json');
      await b.core.reports.exportTo(outcome.incidentId, 'bundle', fileB);
      expect(normalised(readFileSync(fileB, 'utf8'))).toEqual(normalised(readFileSync(fileA, 'utf8')));
    } finally {
      await b.close();
    }
  });

  it('print in the report: the Markdown rendered with its markup inert, action items with overdue ones said so', () => {
    const ctx = a.core.reports.context(a.core.reports.reportRecord(incident.id));
    const htmlText = renderReportHtml(ctx, [postmortemSection, actionItemsSection]);
    expect(htmlText).toContain('role="heading" aria-level="4">Root Cause</div>');
    expect(htmlText).toContain('VRAM fragmentation from mixed workloads. &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(htmlText).not.toContain('<script>alert(1)');
    expect(htmlText).not.toContain('javascript:');
    expect(htmlText).toContain('<table class="md-table">');
    expect(htmlText).toContain('Chart in the postmortem');
    expect(htmlText).toMatch(
      /<td class="text">Admission control<\/td>\s*<td>@ml-platform<\/td>\s*<td>—<\/td>\s*<td class="time">2025-01-10<\/td>\s*<td>Open \(overdue\)<\/td>/,
    );
    expect(htmlText).toMatch(/Stagger restarts[\s\S]*?<td>Done<\/td>/);

    const md = renderReportMarkdown(ctx, [postmortemSection, actionItemsSection]);
    expect(md).toContain('\n### Incident Postmortem: OCR OOM\n');
    expect(md).toContain('\n#### Root Cause\n');
    expect(md).toContain('| Admission control | @ml-platform | — | 2025-01-10 | Open \\(overdue\\) |');
  });
});
