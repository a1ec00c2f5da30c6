import { useEffect } from 'react';
import { formatUtcTime } from '../../logic/format';
import { markSeen, openNotice, requestPermission, usePermission, useUnseenNotices } from '../../state/notices';
import '../../styles/command-actions.css';

const BASE_TITLE = 'Pitwall';

/**
 * Notifications the page could not show as system notifications (permission not given, or not
 * supported): a banner under the top bar and a count in the window title, until seen.
 */
export function NoticeBanner() {
  const unseen = useUnseenNotices();
  const permission = usePermission();
  useEffect(() => {
    document.title = unseen.length > 0 ? `(${unseen.length}) ${BASE_TITLE}` : BASE_TITLE;
  }, [unseen.length]);
  const [latest] = unseen;
  if (!latest) return null;
  return (
    <div className="notice-banner" role="alert" data-testid="notice-banner" data-count={unseen.length}>
      <span className="notice-icon" aria-hidden="true">
        ◷
      </span>
      <div className="notice-text">
        <strong data-testid="notice-title">{latest.title}</strong>
        <span className="muted">
          {formatUtcTime(latest.firedAt)}
          {unseen.length > 1 ? ` · and ${unseen.length - 1} more` : ''}
        </span>
        {permission === 'default' && <span className="muted">Desktop notifications are off for this page.</span>}
        {permission === 'denied' && (
          <span className="muted">Desktop notifications are blocked for this page, so Pitwall shows them here.</span>
        )}
      </div>
      <div className="notice-actions">
        <button
          type="button"
          className="btn btn-small btn-primary"
          onClick={() => {
            markSeen(latest.id);
            openNotice(latest.incidentId);
          }}
          data-testid="notice-open"
        >
          Open
        </button>
        {permission === 'default' && (
          <button type="button" className="btn btn-small" onClick={() => void requestPermission()} data-testid="notice-enable">
            Turn on desktop notifications
          </button>
        )}
        <button type="button" className="btn btn-small btn-quiet" onClick={() => markSeen()} data-testid="notice-dismiss">
          Dismiss{unseen.length > 1 ? ' all' : ''}
        </button>
      </div>
    </div>
  );
}
