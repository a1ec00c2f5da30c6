import { DEFAULT_TEMPLATES } from '../../../shared/command/templates';
import type { CommsRecord } from '../../../shared/command/types';
import { formatUtc } from '../../logic/format';

/** Messages marked sent, newest first, each with the text exactly as it went out. */
export function CommsHistory({ comms }: { comms: readonly CommsRecord[] }) {
  if (comms.length === 0) return null;
  return (
    <div className="comms-history">
      <h3>Sent</h3>
      <ul data-testid="comms-history">
        {[...comms].reverse().map((c) => (
          <li key={c.id} data-testid="comms-sent">
            <details>
              <summary>
                <span className="mono">{formatUtc(c.sentAt)}</span> {c.templateId ? DEFAULT_TEMPLATES[c.templateId].name : 'Message'} · told{' '}
                {c.fields.publicStatus} · {c.author}
                {c.audience.length > 0 ? ` → ${c.audience.join(', ')}` : ''}
              </summary>
              {/* Plain text only: a message is whatever the IC typed. */}
              <pre className="comms-sent-text">{c.text}</pre>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}
