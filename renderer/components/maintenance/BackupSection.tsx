import { useEffect, useState } from 'react';
import type { BackupView } from '../../../shared/contract/maintenance';
import { formatUtc } from '../../logic/format';
import {
  backUpNow,
  loadBackups,
  restoreBackup,
  useBackupBusy,
  useBackupError,
  useBackups,
  useStagedRestore,
} from '../../state/maintenance';
import { useAppInfo } from '../../state/app-info';
import { Modal } from '../Modal';

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}

/** Back up the whole database while Pitwall runs, and restore one (completed at the next start). */
export function BackupSection() {
  const backups = useBackups();
  const error = useBackupError();
  const busy = useBackupBusy();
  const staged = useStagedRestore();
  const [confirming, setConfirming] = useState<BackupView | null>(null);
  const restoredOver = useAppInfo()?.restoredOver ?? null;
  useEffect(() => void loadBackups(), []);

  return (
    <section className="panel" aria-labelledby="backups-h" data-testid="backup-section">
      <h2 id="backups-h">Backups</h2>
      <p className="muted">
        A copy of the whole database (incidents, timelines, stored telemetry, settings), taken while Pitwall keeps polling, into the data
        directory&apos;s <code>backups</code> folder. The command line does the same: <code>npm run pitwall -- backup</code>.
      </p>
      <p>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void backUpNow()} data-testid="backup-now">
          {busy ? 'Working…' : 'Back up now'}
        </button>
      </p>
      {error && (
        <p className="inline-error" role="alert" data-testid="backup-error">
          {error}
        </p>
      )}
      {restoredOver && (
        <p className="notice" role="status" data-testid="restored-over">
          This start restored the database from a backup; the one it replaced is kept in the data directory as <code>{restoredOver}</code>.
        </p>
      )}
      {staged && (
        <p className="notice" role="status" data-testid="restore-staged">
          {staged.message}
        </p>
      )}
      {backups.length === 0 ? (
        <p className="empty">No backups yet.</p>
      ) : (
        <table className="plain-table" data-testid="backup-list">
          <thead>
            <tr>
              <th>Taken</th>
              <th>Size</th>
              <th>File</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.file}>
                <td>{formatUtc(b.at)}</td>
                <td>{size(b.bytes)}</td>
                <td className="wrap-anywhere" title={b.path}>
                  {b.file}
                </td>
                <td>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={busy}
                    onClick={() => setConfirming(b)}
                    data-testid="backup-restore"
                  >
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <Modal title="Restore this backup?" onClose={() => setConfirming(null)} testId="restore-confirm">
          <p>
            Everything since {formatUtc(confirming.at)} will be replaced by the backup <code>{confirming.file}</code> when Pitwall next
            starts. The current database is kept beside it, not deleted.
          </p>
          <div className="actions">
            <button type="button" className="btn" onClick={() => setConfirming(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-alert"
              onClick={() => {
                const file = confirming.file;
                setConfirming(null);
                void restoreBackup(file);
              }}
              data-testid="restore-confirm-button"
            >
              Restore at next start
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
