import { useState } from 'react';
import { useNow } from '../../hooks/useNow';
import { clearDetectionNotice, useDetectionError, useDetectionNotice, useDetectionView, useSuggestions } from '../../state/detection';
import { SuggestionCard } from './SuggestionCard';
import './detection.css';

/** Shown before "+N more": a burning platform can raise several at once, the first few matter most. */
const SHOWN = 3;

/**
 * Suggested incidents, under the source health bar on every page, whether or not an incident is
 * open: what detection matched, newest first, each one declare, attach or dismiss away. Finished ones
 * (declared, attached, dismissed, cleared) stay listed under "earlier" for a few hours.
 */
export function SuggestionStrip() {
  const suggestions = useSuggestions();
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
