import { useState, type ReactNode } from 'react';
import { call, errorMessage } from '../../api/client';
import { useAppInfo } from '../../state/app-info';
import { Modal } from '../Modal';

/**
 * A link to the outside world (a runbook, a Grafana board, an alert's generator URL). Addresses come
 * from upstream data or users, so nothing opens on a click alone: a dialog shows the full address
 * first, and only http(s) addresses are handed on — to the OS browser in the app (main checks it
 * again), as a new tab without opener or referrer in browser mode.
 */
export function ExternalLink({ url, children }: { url: string; children?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const electron = useAppInfo()?.mode === 'electron';
  const web = /^https?:\/\//i.test(url);

  const openInApp = async (): Promise<void> => {
    try {
      await call('app:open-external', { url });
      setOpen(false);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <>
      <button type="button" className="link-button" onClick={() => setOpen(true)} title={url} data-testid="external-link">
        {children ?? url}
      </button>
      {open && (
        <Modal title="Open this address?" onClose={() => setOpen(false)} testId="external-link-dialog">
          <p className="external-address" data-testid="external-address">
            {url}
          </p>
          {!web && <p className="inline-error">Only http and https addresses are opened.</p>}
          {error && <p className="inline-error">{error}</p>}
          <div className="actions">
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              Cancel
            </button>
            {web &&
              (electron ? (
                <button type="button" className="btn btn-primary" onClick={() => void openInApp()} data-testid="external-open">
                  Open in browser
                </button>
              ) : (
                <a
                  className="btn btn-primary"
                  href={url}
                  target="_blank"
                  rel="noopener noreferrer"
                  onClick={() => setOpen(false)}
                  data-testid="external-open"
                >
                  Open in a new tab
                </a>
              ))}
          </div>
        </Modal>
      )}
    </>
  );
}
