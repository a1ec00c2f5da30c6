import { join } from 'node:path';
import { BackupPage } from './pages/backup-page';
import { ConsolePage } from './pages/console-page';
import { SettingsPage } from './pages/settings-page';
import { expect, SCREENSHOTS, test } from './fixtures';

test('back up from the app, keep working, restore: the next start shows the backed-up state and keeps the replaced one', async ({
  page,
  pitwall,
}) => {
  const app = new ConsolePage(page);
  await app.open(pitwall.url);
  await app.declare({ title: 'Kept by the backup', severity: 'SEV3' });

  const settings = new SettingsPage(page);
  await settings.open();
  const backups = new BackupPage(page);
  await backups.backUp();
  await page.getByTestId('settings-close').click();
  await app.declare({ title: 'After the backup', severity: 'SEV3' });
  await expect(app.incidentRows()).toHaveCount(2);

  await settings.open();
  await backups.restoreNewest();
  await backups.section.screenshot({ path: join(SCREENSHOTS, 'backup-staged.png') });

  await pitwall.restart();
  await app.open(pitwall.url);
  await expect(app.incidentRows()).toHaveCount(1);
  await expect(app.incidentRows().first()).toContainText('Kept by the backup');
  await settings.open();
  await expect(backups.section.getByTestId('restored-over')).toContainText(/pitwall\.before-restore-.*\.db/);
});
