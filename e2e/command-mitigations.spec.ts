import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab, type Lab } from '../electron/lab/lab';
import { hasBinary, http, postJson, waitFor } from '../electron/lab/test-support';
import { freePort } from '../electron/test-support/serve-process';
import { expect, test } from './fixtures';
import { CommandActionsPage } from './pages/command-actions-page';
import { ConsolePage } from './pages/console-page';

interface SourceView {
  id: number;
}

let lab: Lab | null = null;
let am: { url: string; proc: ChildProcess; dir: string } | null = null;

test.afterEach(async () => {
  await lab?.close();
  lab = null;
  if (am) {
    const { proc, dir } = am;
    if (proc.exitCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
    am = null;
  }
});

test('pausing a queue from the incident stops it in the lab, shows on the timeline and in the queue panel; closing lists it as still paused', async ({
  page,
  pitwall,
}) => {
  lab = await startLab({ scenario: 'baseline', seed: 5, speed: 0 });
  lab.engine.advance(120);
  const app = new ConsolePage(page);
  const cmd = new CommandActionsPage(page);
  await app.open(pitwall.url);
  const source = await cmd.invoke<SourceView>('source:save', {
    name: 'Lab AsynqMon',
    kind: 'asynqmon',
    baseUrl: lab.url,
    intervalMs: 2_000,
  });
  await app.declare({ title: 'Batch jobs starve OCR workers', severity: 'SEV2' });
  const ref = (await page.getByTestId('incident-ref').textContent()) ?? '';
  await cmd.openTab();

  await cmd.mitigations.getByTestId('pause-queue-button').click();
  await expect(cmd.queueDialog.getByTestId('queue-name').locator('option', { hasText: 'batch — running' })).toHaveCount(1);
  await cmd.queueDialog.getByTestId('queue-name').selectOption('batch');
  const confirmText = cmd.queueDialog.getByTestId('queue-confirm-text');
  await expect(confirmText).toContainText(`POST ${lab.url}/api/queues/batch:pause`);
  await expect(confirmText).toContainText('Workers stop taking tasks from “batch”');
  await expect(confirmText).toContainText(`${ref}’s timeline`);
  await cmd.shoot(cmd.queueDialog, '24-pause-confirmation');
  await cmd.queueDialog.getByTestId('queue-confirm').click();
  await expect(cmd.queueDialog).toHaveCount(0);

  await expect(cmd.mitigations.getByTestId('paused-queue')).toHaveAttribute('data-queue', 'batch');
  await expect(cmd.mitigations.getByTestId('mitigation-record').first()).toHaveAttribute('data-outcome', 'ok');
  await expect(page.getByTestId('timeline-event').last()).toContainText('Pause queue "batch" on Lab AsynqMon: done');
  // Really paused in the lab: nothing more is processed there once in-flight tasks are done.
  expect(lab.engine.world.queues.find((q) => q.name === 'batch')?.paused).toBe(true);
  // The queue panel (command tab) shows it paused at the next poll, which the pause asked for.
  await page.getByTestId('incident-tab-command').click();
  await expect(page.locator('[data-testid="queue-row"][data-queue="batch"]')).toHaveAttribute('data-paused', 'true', { timeout: 20_000 });
  await page.getByTestId('incident-tab-actions').click();

  // A queue the source does not know cannot even be chosen; asked directly, it is refused and nothing is sent.
  const incidentId = Number(await page.getByTestId('incident-view').getAttribute('data-incident-id'));
  await expect(cmd.invoke('mitigation:pause-queue', { id: incidentId, sourceId: source.id, queue: 'nosuch' })).rejects.toThrow(
    /has no queue "nosuch".*Nothing was sent/,
  );
  expect(lab.engine.world.orphanPauses.size).toBe(0);

  // Handoff: the note is drafted from the template with the queue still paused.
  await page.getByTestId('handoff-commander').click();
  const handoff = page.getByTestId('handoff-dialog');
  await expect(handoff.getByTestId('handoff-note')).toHaveValue(/### Active mitigations\n- Queue "batch" paused on Lab AsynqMon since/);
  await expect(handoff.getByTestId('handoff-note')).toHaveValue(
    new RegExp(`- \\[ \\] Open incidents: ${ref} Batch jobs starve OCR workers — SEV2 · P1, investigating`),
  );
  await handoff.getByTestId('handoff-incoming').fill('Dana Ops');
  await handoff.getByTestId('handoff-confirm').click();
  await expect(handoff).toHaveCount(0);
  await cmd.shoot(page.getByTestId('handoff-panel'), '25-handoff-panel');
  await page.getByTestId('handoff-commander').click();
  await handoff.getByTestId('handoff-incoming').fill('Sam Lead');
  await handoff.getByTestId('handoff-confirm').click();
  await expect(page.getByTestId('timeline-event').last()).toContainText('Incident commander handed off from Dana Ops to Sam Lead');
  await expect(page.getByTestId('timeline-event').last()).toHaveAttribute('data-kind', 'handoff');

  // Resolve with a reason, then closing lists what is still open and asks to confirm.
  await app.setStatus('resolved', 'batch paused, OCR caught up');
  await expect(page.locator('[data-testid="timeline-event"][data-kind="status"]').last()).toContainText('batch paused, OCR caught up');
  await page.getByTestId('status-select').selectOption('closed');
  await expect(app.changeDialog.getByTestId('close-still-open')).toContainText('Queue “batch” on Lab AsynqMon is still paused');
  await expect(app.changeDialog.getByTestId('close-still-open')).toContainText('The resolution notice has not been marked sent');
  await app.screenshot('26-close-confirmation');
  await app.changeDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('status-select')).toHaveValue('resolved');

  // Resuming from the list clears it.
  await cmd.mitigations.getByTestId('resume-queue-button').click();
  await expect(cmd.queueDialog.getByTestId('queue-confirm-text')).toContainText(':resume');
  await cmd.queueDialog.getByTestId('queue-confirm').click();
  await expect(cmd.mitigations.getByTestId('paused-queue')).toHaveCount(0);
  expect(lab.engine.world.queues.find((q) => q.name === 'batch')?.paused).toBe(false);
});

test('a silence for the incident appears in the real Alertmanager and is expired when the incident resolves', async ({ page, pitwall }) => {
  test.skip(!hasBinary('prometheus-alertmanager'), 'prometheus-alertmanager is not installed (Debian package)');
  const dir = mkdtempSync(join(tmpdir(), 'pitwall-e2e-am-'));
  const port = await freePort();
  writeFileSync(join(dir, 'am.yml'), JSON.stringify({ route: { receiver: 'null', group_wait: '1s' }, receivers: [{ name: 'null' }] }));
  const proc = spawn(
    'prometheus-alertmanager',
    [
      `--config.file=${join(dir, 'am.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    { stdio: 'ignore' },
  );
  am = { url: `http://127.0.0.1:${port}`, proc, dir };
  const amUrl = am.url;
  await waitFor('alertmanager ready', async () => ((await http(`${amUrl}/-/ready`)).status === 200 ? true : undefined));
  const startsAt = new Date(Date.now() - 60_000).toISOString();
  await postJson(`${amUrl}/api/v2/alerts`, [
    { labels: { alertname: 'GPUMemHigh', cluster: 'lab', playbook: 'gpu-oom', node: 'gpu-node-01' }, annotations: {}, startsAt },
    { labels: { alertname: 'OOMKilled', cluster: 'lab', playbook: 'gpu-oom', node: 'gpu-node-02' }, annotations: {}, startsAt },
  ]);

  const app = new ConsolePage(page);
  const cmd = new CommandActionsPage(page);
  await app.open(pitwall.url);
  const source = await cmd.invoke<SourceView>('source:save', {
    name: 'Lab Alertmanager',
    kind: 'alertmanager',
    baseUrl: amUrl,
    intervalMs: 2_000,
  });
  await expect(page.locator(`[data-testid="health-chip"][data-source-id="${source.id}"]`)).toHaveAttribute('data-state', 'ok', {
    timeout: 20_000,
  });
  await app.declare({ title: 'OCR workers OOMKilled', severity: 'SEV2' });
  await cmd.openTab();

  await cmd.mitigations.getByTestId('silence-button').click();
  const dialog = cmd.silenceDialog;
  await expect(dialog.getByTestId('silence-matcher')).toHaveCount(3);
  await expect(dialog.getByTestId('silence-confirm-text')).toContainText(
    'alertname=~"GPUMemHigh|OOMKilled", cluster="lab", playbook="gpu-oom"',
  );
  await expect(dialog.getByTestId('silence-confirm-text')).toContainText(
    'It covers 2 of the 2 alerts on record for this incident: GPUMemHigh, OOMKilled',
  );
  // Removing every matcher is refused before anything can be sent.
  for (let i = 0; i < 3; i++) await dialog.getByTestId('silence-matcher-remove').first().click();
  await expect(dialog.getByTestId('silence-problems')).toContainText('would silence every alert');
  await expect(dialog.getByTestId('silence-confirm')).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await cmd.mitigations.getByTestId('silence-button').click();
  await dialog.getByTestId('silence-minutes').fill('2000');
  await expect(dialog.getByTestId('silence-problems')).toContainText('from 5 minutes to 24 hours');
  await dialog.getByTestId('silence-minutes').fill('90');
  await expect(dialog.getByTestId('silence-confirm-text')).toContainText('(1h 30m)');
  await cmd.shoot(dialog, '27-silence-confirmation');
  await dialog.getByTestId('silence-confirm').click();
  await expect(dialog).toHaveCount(0);

  const active = cmd.mitigations.getByTestId('active-silence');
  await expect(active).toContainText('expires on resolve');
  const silenceId = (await active.getAttribute('data-silence-id')) ?? '';
  const state = async (): Promise<string | undefined> =>
    (JSON.parse((await http(`${amUrl}/api/v2/silences`)).text) as { id: string; status: { state: string } }[]).find(
      (s) => s.id === silenceId,
    )?.status.state;
  expect(await state()).toBe('active');
  await expect(page.getByTestId('timeline-event').last()).toContainText(`Silence ${silenceId} active until`);

  await app.setStatus('resolved', 'workers restarted');
  await expect.poll(state, { timeout: 20_000 }).toBe('expired');
  await expect(page.getByTestId('timeline-event').last()).toContainText(`expired because`);
  await expect(active).toHaveCount(0);
});
