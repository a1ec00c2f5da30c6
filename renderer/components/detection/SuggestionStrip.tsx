import { useEffect, useState } from 'react';
import { useNow } from '../../hooks/useNow';
import { clearDetectionNotice, useDetectionError, useDetectionNotice, useDetectionView, useSuggestions } from '../../state/detection';
import { markSeen, useUnseenNotices } from '../../state/notices';
import type { Suggestion } from '../../../shared/detection/types';
import { SuggestionCard } from './SuggestionCard';
import './detection.css';

/**
 * A new suggestion is also notified (incident command's notifier). When the page cannot show that as a
 * desktop notification it falls back to a banner and a count in the title; a suggestion this strip
 * shows in a visible page is seen already, so the banner would only repeat it.
 */
function useSeenHere(suggestions: readonly Suggestion[]): void {
  const unseen = useUnseenNotices();
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const onChange = (): void => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  useEffect(() => {
    if (!visible) return;
    const shown = new Set(suggestions.filter((s) => s.state === 'active').map((s) => `suggestion:${s.id}`));
    for (const n of unseen) if (n.incidentId === null && n.dueKeys.some((k) => shown.has(k))) markSeen(n.id);
  }, [unseen, suggestions, visible]);
}

/** Shown before "+N more": a burning platform can raise several at once, the first few matter most. */
const SHOWN = 3;

/**
 * Suggested incidents, under the source health bar on every page, whether or not an incident is
 * open: what detection matched, newest first, each one declare, attach or dismiss away. Finished ones
 * (declared, attached, dismissed, cleared) stay listed under "earlier" for a few hours.
 */
export function SuggestionStrip() {
  const suggestions = useSuggestions();
  useSeenHere(suggestions);
  const view = useDetectionView();
  const error = useDetectionError();
  const notice = useDetectionNotice();
  const now = useNow(1_000);
  const [more, setMore] = useState(false);
  const [earlier, setEarlier] = useState(false);
  const active = suggestions.filter((s) => s.state === 'active');
  const done = suggestions.filter((s) => s.state !== 'active');
  if (active.length === 0 && !notice && !error && !earlier) {
    return done.length === 0 ? null : (
      <div className="suggestions suggestions-quiet" data-testid="suggestions">
        <button type="button" className="btn btn-quiet btn-small" onClick={() => setEarlier(true)} data-testid="suggestions-earlier-toggle">
          {done.length} earlier suggestion{done.length === 1 ? '' : 's'}
        </button>
      </div>
    );
  }
  const shown = more ? active : active.slice(0, SHOWN);
  return (
    <section className="suggestions" aria-label="Suggested incidents" data-testid="suggestions">
      {error && (
        <p className="inline-error" role="alert" data-testid="suggestions-error">
          {error}
        </p>
      )}
      {notice && (
        <div className="suggestion-notice" role="status" data-testid="suggestion-notice">
          <span>{notice.text}</span>
          {notice.problems.map((p) => (
            <span key={p} className="suggestion-problem" data-testid="suggestion-problem">
              {p}
            </span>
          ))}
          <button type="button" className="btn btn-quiet btn-small" onClick={clearDetectionNotice}>
            OK
          </button>
        </div>
      )}
      {shown.map((s) => (
        <SuggestionCard key={s.id} suggestion={s} now={now} openIncidents={view?.openIncidents ?? []} dismissMin={view?.dismissMin ?? 60} />
      ))}
      <div className="suggestions-foot">
        {active.length > SHOWN && (
          <button type="button" className="btn btn-quiet btn-small" onClick={() => setMore((m) => !m)} data-testid="suggestions-more">
            {more ? 'Show fewer' : `+${active.length - SHOWN} more suggested`}
          </button>
        )}
        {done.length > 0 && (
          <button
            type="button"
            className="btn btn-quiet btn-small"
            onClick={() => setEarlier((e) => !e)}
            data-testid="suggestions-earlier-toggle"
          >
            {earlier ? 'Hide earlier' : `${done.length} earlier`}
          </button>
        )}
      </div>
      {earlier &&
        done.map((s) => (
          <SuggestionCard
            key={s.id}
            suggestion={s}
            now={now}
            openIncidents={view?.openIncidents ?? []}
            dismissMin={view?.dismissMin ?? 60}
          />
        ))}
    </section>
  );
}
