import { z } from 'zod';
import { emptyInput, out } from './define';

export interface BackupView {
  file: string;
  /** Full path on this machine, to copy it elsewhere. */
  path: string;
  bytes: number;
  at: number;
}

export interface RestoreStaged {
  file: string;
  schema: number;
  incidents: number;
  /** What happens next, in words: the restore completes at the next start. */
  message: string;
}

/** Backups of the whole database (SQLite's online backup API) and restoring one. */
export const maintenanceChannels = {
  'maintenance:backup': { input: emptyInput, output: out<BackupView>() },
  'maintenance:list-backups': { input: emptyInput, output: out<BackupView[]>() },
  /** Only a backup in the data directory's backups folder, by file name: the renderer never names a path. */
  'maintenance:restore': {
    input: z.strictObject({ file: z.string().regex(/^pitwall-[0-9A-Za-z-]+\.db$/, 'not a Pitwall backup file name') }),
    output: out<RestoreStaged>(),
  },
} as const;
