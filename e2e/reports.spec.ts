import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../electron/core/app';
import { seedOomIncident } from '../electron/test-support/oom-incident';
import { tempDir } from '../electron/test-support/temp-dir';
import { expect, test } from './fixtures';
import { ConsolePage } from './pages/console-page';
import { ReportPage } from './pages/report-page';

test('an incident exports to PDF, Markdown and a bundle with progress, and bundles import (renumbered, once, or refused in words)', async ({
  page,
  pitwall,
}) => {
  test.setTimeout(300_000);
  const files = tempDir('pitwall-e2e-files-');
  const other = tempDir('pitwall-e2e-other-');
  try {
    // The app's data: a real gpu-oom story from the lab, stored while the app is stopped.
    await pitwall.restart(async () => {
      await seedOomIncident(pitwall.dataDir);
    });
    const app = new ConsolePage(page);
    const report = new ReportPage(page);
    await app.open(pitwall.url);
    await app.incidentRows().filter({ hasText: 'INC-20260314-001' }).click();
    await expect(app.header).toContainText('GPU OOM on gpu-node-01');
    await report.open();
    await expect(report.outline.locator('li')).toHaveCount(10);
    await expect(report.outline.locator('li[data-section="timeline"]')).toContainText('22 entries');
    await app.screenshot('report-01-tab');

    // PDF: a progress bar that reaches "done", then the file itself.
    const pdf = await report.export('pdf');
    const pdfPath = join(files.dir, pdf.suggestedFilename());
    await pdf.saveAs(pdfPath);
    expect(pdf.suggestedFilename()).toBe('INC-20260314-001-report.pdf');
    await expect(report.jobs.first()).toHaveAttribute('data-state', 'done');
    await expect(report.jobs.first().getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await expect(page.getByTestId('report-saved').first()).toContainText('Saved INC-20260314-001-report.pdf');
    const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('INC-20260314-001');
    expect(text).toMatch(/page 1 of \d+/);

    const md = await report.export('markdown');
    expect(md.suggestedFilename()).toBe('INC-20260314-001-report.md');
    const mdPath = join(files.dir, 'r.md');
    await md.saveAs(mdPath);
    expect(readFileSync(mdPath, 'utf8')).toMatch(/^# Incident report: INC-20260314-001/);

    const bundle = await report.export('bundle');
    const bundlePath = join(files.dir, bundle.suggestedFilename());
    await bundle.saveAs(bundlePath);
    expect(bundle.suggestedFilename()).toBe('INC-20260314-001.pitwall.json');
    await app.screenshot('report-02-exported');

    // The same bundle back into the app it came from: found, not duplicated.
    await report.importFile(bundlePath);
    await expect(report.importOutcome).toContainText('already here as INC-20260314-001', { timeout: 60_000 });
    await expect(app.incidentRows()).toHaveCount(1);

    // A damaged one: refused in words, nothing written.
    const damaged = join(files.dir, 'damaged.pitwall.json');
    writeFileSync(damaged, readFileSync(bundlePath).subarray(0, 20_000));
    await page.getByTestId('import-dismiss').click();
    await report.importFile(damaged);
    await expect(report.importOutcome.getByTestId('report-job')).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
    await expect(report.importOutcome).toContainText('incomplete or damaged');
    await expect(report.importOutcome).toContainText('Nothing was imported.');
    await app.screenshot('report-03-import-refused');
    await expect(app.incidentRows()).toHaveCount(1);

    // Another Pitwall's incident with the same ref: imported under the next free number, said in words.
    await seedOomIncident(other.dir);
    const foreign = join(files.dir, 'other.pitwall.json');
    const exporter = createCore({ dataDir: other.dir, mode: 'cli', version: 'e2e', poll: false });
    try {
      await exporter.reports.exportTo(1, 'bundle', foreign);
    } finally {
      await exporter.close();
    }
    await page.getByTestId('import-dismiss').click();
    await report.importFile(foreign);
    await expect(report.importOutcome).toContainText(
      'INC-20260314-001 is already used here by another incident, so it was imported as INC-20260314-002',
      { timeout: 60_000 },
    );
    await expect(app.incidentRows()).toHaveCount(2);
    await expect(page.getByTestId('incident-ref')).toHaveText('INC-20260314-002');
    await report.open();
    await expect(page.getByTestId('report-imported')).toContainText('it was INC-20260314-001 there');
    await app.screenshot('report-04-imported-renumbered');
  } finally {
    files.cleanup();
    other.cleanup();
  }
});
