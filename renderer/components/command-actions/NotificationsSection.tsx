import { formatUtc } from '../../logic/format';
import { useAppInfo } from '../../state/app-info';
import { openNotice, requestPermission, useNotices, usePermission } from '../../state/notices';

const PERMISSION_TEXT = {
  granted: 'Desktop notifications are on for this page.',
  default: 'Desktop notifications are off: until you turn them on, Pitwall shows a banner and a count in the window title.',
  denied:
    'Desktop notifications are blocked for this page (browser settings); Pitwall shows a banner and a count in the window title instead.',
  unsupported: 'This browser has no desktop notifications; Pitwall shows a banner and a count in the window title.',
} as const;

/** How due items reach the IC on this machine, and the ones that did. */
export function NotificationsSection() {
  const info = useAppInfo();
  const permission = usePermission();
  const notices = useNotices();
  const host = info?.notifications === 'host';
  return (
    <section className="panel" aria-labelledby="notifications-h" data-testid="notifications-section">
      <h2 id="notifications-h">Notifications</h2>
      <p data-testid="notification-mode">
        {host ? 'The operating system shows them (Pitwall app).' : PERMISSION_TEXT[permission]} They fire once when an acknowledgement,
        escalation or stakeholder update falls due, and again only after a snooze you choose runs out.
      </p>
      {!host && permission === 'default' && (
        <button
          type="button"
          className="btn btn-small btn-primary"
          onClick={() => void requestPermission()}
          data-testid="enable-notifications"
        >
          Turn on desktop notifications
        </button>
      )}
      {notices.length > 0 && (
        <>
          <h3>Recent</h3>
          <ul className="notice-list">
            {notices.slice(0, 10).map((n) => (
              <li key={n.id}>
                <span className="mono">{formatUtc(n.firedAt)}</span>{' '}
                <button type="button" className="btn btn-small btn-quiet" onClick={() => openNotice(n.incidentId)}>
                  {n.title}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
