import { expect, test } from './fixtures';
import { CommandActionsPage } from './pages/command-actions-page';
import { ConsolePage } from './pages/console-page';

const MIN = 60_000;

/**
 * Due items on a controlled clock: the server's (PITWALL_TEST_CLOCK) and the page's (Playwright
 * clock) move together, so "5 minutes later" takes no real minutes and no sleeps.
 */
test('a SEV1 owes acknowledgement at 5 min and escalation at 15; each notifies once; updates fall due every 15 min and reset on mark sent', async ({
  page,
  context,
  pitwall,
}) => {
  await context.grantPermissions(['notifications', 'clipboard-read', 'clipboard-write']);
  const app = new ConsolePage(page);
  const cmd = new CommandActionsPage(page);
  await cmd.spyOnNotifications();
  await page.clock.install({ time: Date.now() });
  const advance = async (ms: number): Promise<void> => {
    await pitwall.advanceClock(ms);
    await page.clock.fastForward(ms);
  };

  await app.open(pitwall.url);
  await app.declare({ title: 'GPU OOM on gpu-node-01', summary: 'OCR jobs fail for every tenant', severity: 'SEV1' });
  const ref = (await page.getByTestId('incident-ref').textContent()) ?? '';
  await cmd.openTab();
  await expect(cmd.dueItem('ack')).toContainText('Acknowledge');
  await expect(cmd.dueItem('ack').getByTestId('due-when')).toHaveText(/^due in [45]m \d\ds$/);
  await expect(cmd.dueItem('ack')).toContainText('SEV1 · P0 response SLA: acknowledged within 5 min');
  await expect(cmd.dueItem('escalation').getByTestId('due-when')).toHaveText(/^due in 1[45]m \d\ds$/);
  await expect(cmd.dueItem('update')).toContainText('Initial stakeholder notification');
  await expect(cmd.nextDue).toContainText('Acknowledge · due in');
  await cmd.shoot(cmd.dueList, '20-due-list');

  // Five minutes on: the acknowledgement falls due and notifies once.
  await advance(5 * MIN);
  await expect.poll(async () => (await cmd.shown()).map((n) => n.title)).toEqual([`${ref} SEV1 · P0: acknowledge`]);
  await expect(cmd.dueItem('ack')).toHaveAttribute('data-state', 'due');
  await expect(cmd.nextDue).toHaveAttribute('data-tone', 'breach');
  // Another minute and a change that makes the server look again: still one.
  await advance(MIN);
  await app.addNote('Restarting OCR workers one at a time.');
  await expect(app.timelineEvents.last()).toContainText('Restarting OCR workers');
  await expect(cmd.dueItem('ack').getByTestId('due-when')).toHaveText(/^overdue by 1m \d\ds$/);
  expect(await cmd.shown()).toHaveLength(1);

  // Fifteen minutes: escalation, the team-lead step and the first update fall due together: one notification.
  await advance(9 * MIN);
  await expect.poll(async () => (await cmd.shown()).length).toBe(2);
  const [, fifteen] = await cmd.shown();
  expect(fifteen?.title).toBe(`${ref} SEV1 · P0: escalate if not mitigated, engage team lead, initial stakeholder notification`);
  await expect(cmd.dueItem('update')).toHaveAttribute('data-state', 'due');
  await cmd.shoot(cmd.dueList, '21-due-list-overdue');

  // The initial notification, filled from the incident, marked sent: the update timer restarts.
  await cmd.dueItem('update').getByTestId('due-write').click();
  await expect(cmd.comms.getByTestId('comms-template')).toHaveValue('initial');
  await expect(cmd.draft).toHaveValue(
    /^🚨 INCIDENT ALERT 🚨\nSeverity: SEV1 · P0\nService: \[Service\]\nImpact: OCR jobs fail for every tenant\n/,
  );
  await expect(cmd.draft).toHaveValue(/Investigating: \[Name\]/);
  await expect(cmd.draft).toHaveValue(/Updates will be posted every 15 minutes\.$/);
  await expect(cmd.comms.getByTestId('comms-audience')).toHaveText('pagerduty, slack-critical, email-executives');
  await expect(cmd.comms.getByTestId('comms-missing')).toContainText('[Service], [Name], [URL]');
  await cmd.draft.fill(
    (await cmd.draft.inputValue()).replace('[Service]', 'ocr, echo').replace('[Name]', 'Dana Ops').replace('Status page: [URL]\n', ''),
  );
  await cmd.markSent();
  await expect(cmd.dueItem('update')).toContainText('Stakeholder update');
  await expect(cmd.dueItem('update').getByTestId('due-when')).toHaveText(/^due in 1[45]m \d\ds$/);
  await expect(page.getByTestId('timeline-event').last()).toContainText(
    'Initial incident notification sent to pagerduty, slack-critical, email-executives',
  );

  // The next update falls due fifteen minutes after that one, and notifies once.
  await advance(15 * MIN);
  await expect.poll(async () => (await cmd.shown()).length).toBe(3);
  expect((await cmd.shown())[2]?.title).toBe(`${ref} SEV1 · P0: stakeholder update`);

  // The status update draft carries what changed since the last one, from the timeline; what
  // stakeholders were told ("Investigating") stays until the IC changes it.
  await app.setStatus('identified', 'fragmentation on GPU 2');
  await cmd.chooseTemplate('status-update');
  await cmd.comms.getByTestId('comms-field-nextSteps').fill('Stagger worker restarts; watch GPU memory');
  await expect(cmd.draft).toHaveValue(
    new RegExp(
      `^📊 INCIDENT UPDATE\\nIncident: ${ref} — GPU OOM on gpu-node-01\\nStatus: Investigating\\nUpdate: \\n• \\d\\d:\\d\\d UTC Status investigating → identified — fragmentation on GPU 2\\n`,
    ),
  );
  await expect(cmd.draft).toHaveValue(/Next: Stagger worker restarts; watch GPU memory\nETA: \[Estimated resolution time\]/);
  await page.setViewportSize({ width: 1440, height: 1300 });
  await cmd.shoot(page.getByTestId('command-actions'), '22-comms-editor');

  // Copied as Markdown (hard line breaks keep the one-field-per-line layout) and as plain text (no markup).
  const clipboard = (): Promise<string> => page.evaluate(() => navigator.clipboard.readText());
  await cmd.comms.getByTestId('comms-copy-markdown').click();
  await expect(cmd.comms.getByTestId('comms-note')).toHaveText('Copied as Markdown.');
  expect(await clipboard()).toMatch(
    new RegExp(`^📊 INCIDENT UPDATE  \nIncident: ${ref} — GPU OOM on gpu-node-01  \nStatus: Investigating  \n`),
  );
  await cmd.chooseTemplate('declaration');
  await expect
    .poll(() => cmd.draft.inputValue())
    .toMatch(/^🚨 \*\*INCIDENT DECLARED\*\* 🚨\n\*\*ID\*\*: INC-\d{8}-001\n\*\*Severity\*\*: CRITICAL \(SEV1 · P0\)\n/);
  await cmd.comms.getByTestId('comms-copy-plain').click();
  await expect(cmd.comms.getByTestId('comms-note')).toHaveText('Copied as plain text.');
  expect(await clipboard()).toBe(
    `🚨 INCIDENT DECLARED 🚨\nID: ${ref}\nSeverity: CRITICAL (SEV1 · P0)\nTitle: GPU OOM on gpu-node-01\nDescription: OCR jobs fail for every tenant\n\nWar room: #incident-${ref.toLowerCase()}`,
  );
});

test('with notifications not allowed, a banner and a count in the title; Open goes to the incident', async ({ page, pitwall }) => {
  const app = new ConsolePage(page);
  const cmd = new CommandActionsPage(page);
  await page.clock.install({ time: Date.now() });
  await app.open(pitwall.url);
  await app.declare({ title: 'Auth outage', severity: 'SEV2' });
  const ref = (await page.getByTestId('incident-ref').textContent()) ?? '';
  await app.declare({ title: 'Unrelated queue backlog', severity: 'SEV4' });
  await pitwall.advanceClock(15 * MIN);
  await page.clock.fastForward(15 * MIN);
  await expect(cmd.banner).toContainText(`${ref} SEV2 · P1: acknowledge`);
  await expect(page).toHaveTitle('(1) Pitwall');
  await app.screenshot('23-notice-banner');
  await cmd.banner.getByTestId('notice-open').click();
  await expect(page.getByTestId('incident-ref')).toHaveText(ref);
  await expect(cmd.dueList).toBeVisible();
  await expect(page).toHaveTitle('Pitwall');

  // Snoozed for 5 minutes: nothing after 4, once more after 5.
  await cmd.dueItem('ack').getByTestId('due-snooze-5').click();
  await expect(cmd.dueItem('ack').getByTestId('due-snoozed')).toBeVisible();
  await pitwall.advanceClock(4 * MIN);
  await page.clock.fastForward(4 * MIN);
  await app.addNote('Keycloak pods restarting.');
  await expect(app.timelineEvents.last()).toContainText('Keycloak pods restarting');
  await expect(cmd.banner).toHaveCount(0);
  await pitwall.advanceClock(MIN);
  await page.clock.fastForward(MIN);
  await expect(cmd.banner).toContainText(`${ref} SEV2 · P1: acknowledge`);
  await expect(page).toHaveTitle('(1) Pitwall');
});
