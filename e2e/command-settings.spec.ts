import { expect, test } from './fixtures';
import { CommandActionsPage } from './pages/command-actions-page';
import { ConsolePage } from './pages/console-page';

test('the severity policy and the comms templates are edited in settings, checked, and reset to the seeds', async ({ page, pitwall }) => {
  const app = new ConsolePage(page);
  const cmd = new CommandActionsPage(page);
  await app.open(pitwall.url);
  await page.getByTestId('settings-button').click();
  const policy = page.getByTestId('policy-section');
  await expect(policy.getByTestId('policy-SEV1-responseSlaMin')).toHaveValue('5');

  // Bad values are named and nothing is saved.
  await policy.getByTestId('policy-SEV1-responseSlaMin').fill('0');
  await policy.getByTestId('policy-SEV2-updateCadenceMin').fill('soon');
  await policy.getByTestId('policy-save').click();
  await expect(policy).toContainText('SEV1 response SLA must be a whole number of minutes from 1 to 10080.');
  await expect(policy).toContainText('SEV2 update cadence must be a whole number of minutes from 1 to 10080, or blank for none.');
  await policy.getByTestId('policy-step-1-from').fill('0');
  await policy.getByTestId('policy-SEV1-responseSlaMin').fill('10');
  await policy.getByTestId('policy-SEV2-updateCadenceMin').fill('');
  await policy.getByTestId('policy-save').click();
  await expect(policy.getByTestId('policy-error')).toContainText('increasing time order');
  await policy.getByTestId('policy-step-1-from').fill('15');
  await policy.getByTestId('policy-save').click();
  await expect(policy.getByTestId('policy-note')).toHaveText('Saved. Open incidents are re-planned with it.');
  await cmd.shoot(policy, '28-policy-settings');

  // Templates: an unknown placeholder is an error with its line, never a blank.
  const templates = page.getByTestId('templates-section');
  await templates.getByTestId('template-select').selectOption('status-update');
  await templates.getByTestId('template-body').fill('📊 INCIDENT UPDATE\nIncident: {{description}}\nETA: {{etaa}}');
  await expect(templates.getByTestId('template-problems')).toContainText('line 3: unknown placeholder {{etaa}}');
  await templates.getByTestId('template-save').click();
  await expect(templates.getByTestId('template-note')).toContainText('line 3: unknown placeholder {{etaa}}');
  await templates.getByTestId('template-body').fill('📊 UPDATE {{ref}} ({{severity_label}}): {{public_status}}\nETA: {{eta}}');
  await expect(templates.getByTestId('template-problems')).toHaveCount(0);
  await templates.getByTestId('template-save').click();
  await expect(templates.getByTestId('template-note')).toHaveText('Template saved.');
  await expect(templates.getByTestId('template-select').locator('option:checked')).toHaveText('Status update (edited)');
  await cmd.shoot(templates, '29-templates-settings');

  // An incident declared now runs on the saved policy and drafts from the edited template.
  await app.declare({ title: 'Translation queue stuck', severity: 'SEV1' });
  const ref = (await page.getByTestId('incident-ref').textContent()) ?? '';
  await cmd.openTab();
  await expect(cmd.dueItem('ack')).toContainText('acknowledged within 10 min');
  await cmd.chooseTemplate('status-update');
  await expect(cmd.draft).toHaveValue(`📊 UPDATE ${ref} (SEV1 · P0): Investigating\nETA: [Estimated resolution time]`);

  // Back to the seeds.
  await page.getByTestId('settings-button').click();
  await templates.getByTestId('template-select').selectOption('status-update');
  await templates.getByTestId('template-reset').click();
  await expect(templates.getByTestId('template-body')).toHaveValue(
    /^📊 INCIDENT UPDATE\nIncident: \{\{description\}\}\nStatus: \{\{public_status\}\}/,
  );
  await policy.getByTestId('policy-reset').click();
  await expect(policy.getByTestId('policy-SEV1-responseSlaMin')).toHaveValue('5');
  await policy.getByTestId('policy-save').click();
  await expect(policy.getByTestId('policy-note')).toHaveText('Saved. Open incidents are re-planned with it.');
  await app.incidentRows().filter({ hasText: ref }).click();
  await cmd.openTab();
  await expect(cmd.dueItem('ack')).toContainText('acknowledged within 5 min');
});
