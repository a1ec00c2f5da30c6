import { readFileSync } from 'node:fs';
import { LAB_ERROR_RATE } from '../electron/core/demo/demo-sources';
import { startLab, type Lab } from '../electron/lab/lab';
import { expect, test } from './fixtures';
import { ChecklistsPage } from './pages/checklists-page';
import { ConsolePage } from './pages/console-page';

let lab: Lab | null = null;

test.afterEach(async () => {
  await lab?.close();
  lab = null;
});

test('first response from the keyboard: live evidence beside the items, the value frozen on the timeline when ticked', async ({
  page,
  pitwall,
}) => {
  test.setTimeout(150_000);
  // Twenty simulated seconds per real one: gpu-node-01 fragments and its workers start getting OOMKilled.
  lab = await startLab({ scenario: 'gpu-oom', seed: 7, speed: 20 });
  const app = new ConsolePage(page);
  const cl = new ChecklistsPage(page);
  await app.open(pitwall.url);
  await cl.invoke('source:save', { name: 'E2E GPU exporter', kind: 'exporter-scrape', baseUrl: `${lab.url}/`, intervalMs: 1_000 });
  await cl.invoke('source:save', { name: 'E2E AsynqMon', kind: 'asynqmon', baseUrl: lab.url, intervalMs: 1_000 });
  await cl.invoke('source:save', { name: 'E2E Loki', kind: 'loki', baseUrl: lab.url, intervalMs: 2_000, queries: [LAB_ERROR_RATE] });

  await app.declare({ title: 'OCR workers OOMKilled on gpu-node-01', severity: 'SEV2' });
  const ref = (await page.getByTestId('incident-ref').textContent()) ?? '';
  // Declaring attached the first-response checklist: the header and the list row count it.
  await expect(cl.headerProgress()).toHaveAttribute('data-done', '0');
  await expect(cl.rowProgress(ref)).toHaveAttribute('data-done', '0');

  await page.keyboard.press('2');
  await expect(cl.checklist('first-response')).toBeVisible();
  await expect(cl.evidence('gpus', 'gpu-memory')).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
  await expect(cl.evidence('queues', 'queue-pending')).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
  await expect(cl.evidence('gpus', 'gpu-memory')).toContainText(/gpu-node-\d\d GPU \d+: \d+\.\d% used/);
  // No Prometheus or Alertmanager here: the alert evidence says so, it does not read "0 firing".
  await expect(cl.evidence('scope', 'firing-alerts')).toHaveAttribute('data-state', 'no-data');
  await expect(cl.evidence('scope', 'firing-alerts')).toContainText('no data');
  await app.screenshot('30-checklists-tab');
  await cl.shoot(cl.item('gpus'), '30a-checklist-item-live-evidence');

  // Move and tick without the mouse.
  await cl.item('scope').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('j');
  await expect(cl.item('gpus')).toBeFocused();
  await page.keyboard.press(' ');
  await expect(cl.item('gpus')).toHaveAttribute('data-status', 'done');
  const frozen = cl.frozen('gpus').filter({ hasText: 'GPU memory used' });
  await expect(frozen).toHaveAttribute('data-state', 'ok');
  const frozenText = (await frozen.locator('.ev-text').textContent()) ?? '';
  expect(frozenText).toMatch(/^gpu-node-\d\d GPU \d+: \d+\.\d% used/);

  // Skip with a reason, annotate, reassign — each one key and a line of text.
  await page.keyboard.press('ArrowDown');
  await expect(cl.item('storage')).toBeFocused();
  await page.keyboard.press('s');
  await cl.itemInput.fill('Only GPU nodes are affected; NFS is fine');
  await page.keyboard.press('Enter');
  await expect(cl.item('storage')).toHaveAttribute('data-status', 'skipped');
  await expect(cl.item('storage')).toContainText('Skipped: Only GPU nodes are affected; NFS is fine');
  await expect(cl.item('storage')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(cl.item('scope')).toBeFocused();
  await page.keyboard.press('a');
  await cl.itemInput.fill('OCR and translation workers; Echo UI answers');
  await page.keyboard.press('Enter');
  await expect(cl.item('scope')).toContainText('OCR and translation workers; Echo UI answers');
  await page.keyboard.press('r');
  await expect(cl.item('scope').getByTestId('item-role')).toHaveText('Communications lead');
  await expect(cl.headerProgress()).toHaveAttribute('data-done', '1');
  await expect(cl.rowProgress(ref)).toHaveAttribute('data-done', '1');
  await cl.item('scope').scrollIntoViewIfNeeded();
  await app.screenshot('31-checklist-worked', false);

  // The timeline keeps what the IC saw when ticking.
  await page.keyboard.press('1');
  const tick = cl.checklistEvents().filter({ hasText: 'Done: Check GPU memory + OOM/restarts.' });
  await expect(tick).toContainText(`seen: ${frozenText}`);
  await expect(tick.getByTestId('timeline-checklist-evidence')).toContainText(frozenText);
  await expect(cl.checklistEvents().filter({ hasText: 'Skipped:' })).toContainText('reason: Only GPU nodes are affected; NFS is fine');
  await cl.shoot(page.getByTestId('timeline'), '32-timeline-frozen-evidence');

  // A decision: the branch not taken becomes not applicable.
  await page.keyboard.press('2');
  await cl.attach('model-performance-degradation');
  await cl.item('recent-deployment').focus();
  await page.keyboard.press('y');
  await expect(cl.item('recent-deployment')).toHaveAttribute('data-status', 'done');
  await expect(cl.item('drift-metrics')).toHaveAttribute('data-status', 'ruled-out');
  await expect(cl.item('rollback-previous')).toHaveAttribute('data-status', 'open');
  await cl.item('recent-deployment').scrollIntoViewIfNeeded();
  await app.screenshot('33-checklist-decision', false);
  // [ and ] switch between the attached checklists.
  await page.keyboard.press('[');
  await expect(cl.checklist('first-response')).toBeVisible();

  // Resolving attaches the post-incident checklist, due counted from the resolution.
  await app.setStatus('resolved');
  await expect(cl.navItem('post-incident')).toBeVisible();
  await cl.navItem('post-incident').click();
  await expect(cl.item('document-timeline')).toContainText(/due \d\d-\d\d \d\d:\d\dZ/);
  await expect(cl.checklist('post-incident').getByTestId('checklist-section').first()).toContainText('due 1 hour after resolution');
  await app.screenshot('37-post-incident-due', false);
});

test('a user playbook: duplicated from a built-in, edited with errors by line, exported, deleted and imported back', async ({
  page,
  pitwall,
}) => {
  const app = new ConsolePage(page);
  const cl = new ChecklistsPage(page);
  await app.open(pitwall.url);
  await page.getByTestId('playbooks-button').click();
  await expect(cl.library).toBeVisible();
  await cl.libraryRow('gpu-oom').click();
  await expect(cl.playbookView).toHaveAttribute('data-playbook', 'gpu-oom');
  await expect(cl.playbookView).toContainText('Introduce “admission control”');
  await expect(page.getByTestId('playbook-edit')).toHaveCount(0);
  await app.screenshot('34-playbook-library');

  await page.getByTestId('playbook-duplicate').click();
  await expect(cl.playbookView).toHaveAttribute('data-playbook', 'gpu-oom-copy');
  await page.getByTestId('playbook-edit').click();
  await expect(page.getByTestId('playbook-editor')).toBeVisible();
  const { text } = await cl.invoke<{ text: string }>('playbook:export', { id: 'gpu-oom-copy', format: 'yaml' });

  // A mistake is named by field and line, the editor jumps there, nothing is saved.
  const broken = text
    .replace('title: GPU OOM / VRAM fragmentation (copy)', 'title: Our GPU OOM')
    .replace('kind: oom-kills', 'kind: oom-storms');
  await cl.replaceEditorText(broken);
  await page.getByTestId('playbook-save').click();
  await expect(page.getByTestId('playbook-editor-error')).toContainText(
    /line \d+: sections\[0\]\.items\[1\]\.evidence\[0\]\.kind: unknown evidence query "oom-storms"/,
  );
  await app.screenshot('35-playbook-editor-error');
  await cl.replaceEditorText(broken.replace('kind: oom-storms', 'kind: oom-kills'));
  await page.getByTestId('playbook-save').click();
  await expect(cl.playbookView).toContainText('Our GPU OOM');
  await expect(page.getByTestId('pb-versions')).toContainText('v2');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('playbook-export-yaml').click()]);
  expect(download.suggestedFilename()).toBe('gpu-oom-copy.v2.playbook.yaml');
  const exported = readFileSync(await download.path(), 'utf8');
  const before = await cl.invoke<{ playbook: unknown }>('playbook:get', { id: 'gpu-oom-copy' });

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('playbook-delete').click();
  await expect(cl.libraryRow('gpu-oom-copy')).toHaveCount(0);

  // A bad file is refused with its line; the library is unchanged.
  await page.getByTestId('playbook-import-file').setInputFiles({
    name: 'bad.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(exported.replace('id: drain-non-essential', 'id: reduce-concurrency')),
  });
  await expect(cl.message).toContainText(/line \d+: sections\[1\]\.items\[1\]\.id: duplicate id "reduce-concurrency"/);
  await expect(cl.libraryRow('gpu-oom-copy')).toHaveCount(0);

  await page
    .getByTestId('playbook-import-file')
    .setInputFiles({ name: 'gpu-oom-copy.v2.playbook.yaml', mimeType: 'application/yaml', buffer: Buffer.from(exported) });
  await expect(cl.message).toContainText('Imported “Our GPU OOM” as gpu-oom-copy');
  await expect(cl.libraryRow('gpu-oom-copy')).toBeVisible();
  const after = await cl.invoke<{ playbook: { version: number } }>('playbook:get', { id: 'gpu-oom-copy' });
  // The same playbook; only its version moved past the delete.
  expect({ ...after.playbook, version: 2 }).toEqual(before.playbook);
  expect(after.playbook.version).toBe(4);
  await app.screenshot('36-playbook-imported');
});
