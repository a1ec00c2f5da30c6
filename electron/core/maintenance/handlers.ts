import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { maintenanceChannels } from '../../../shared/contract/maintenance';
import { AppFailure } from '../../../shared/contract/result';
import { BACKUP_DIR, backupDatabase, listBackups, stageRestore } from '../../store/maintenance/backup';
import type { CoreContext } from '../context';
import type { HandlersFor } from '../handlers';

export function maintenanceHandlers(ctx: CoreContext): HandlersFor<typeof maintenanceChannels> {
  let running: Promise<unknown> | null = null;
  const once = async <T>(job: () => Promise<T>): Promise<T> => {
    if (running) throw new AppFailure('conflict', 'A backup or restore is already running.');
    const p = job();
    running = p;
    try {
      return await p;
    } finally {
      running = null;
    }
  };
  return {
    'maintenance:backup': () => once(() => backupDatabase(ctx.db, ctx.dataDir, ctx.now())),
    'maintenance:list-backups': () => listBackups(ctx.dataDir),
    'maintenance:restore': ({ file }) =>
      once(async () => {
        const path = join(ctx.dataDir, BACKUP_DIR, file);
        if (!existsSync(path)) throw new AppFailure('not-found', `No backup named ${file} in ${join(ctx.dataDir, BACKUP_DIR)}.`);
        const checked = await stageRestore(ctx.dataDir, path);
        ctx.log(`restore of ${file} staged; it replaces the database at the next start`);
        return {
          file,
          schema: checked.schema,
          incidents: checked.incidents,
          message: `Restore of ${file} (${checked.incidents} incident${checked.incidents === 1 ? '' : 's'}) is ready. Quit and start Pitwall again to finish; the current database is kept beside it.`,
        };
      }),
  };
}
