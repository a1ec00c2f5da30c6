import { useState } from 'react';
import type { Severity } from '../../../shared/domain/severity';
import type { DetectionView, Suggestion } from '../../../shared/detection/types';
import { formatAgo, formatUtcTime } from '../../logic/format';
import { attachSuggestion, declareSuggestion } from '../../state/detection';
import { SeverityBadge, SeverityOptions } from '../SeverityBadge';
import { DismissForm } from './DismissForm';
import { SuggestionDetail } from './SuggestionDetail';
import { outcomeText, playbookName } from './suggestion-text';

interface Props {
  suggestion: Suggestion;
  now: number;
  openIncidents: DetectionView['openIncidents'];
  dismissMin: number;
}

/**
 * One suggestion: what matched, the playbook it proposes, its severity, since when. Declare is one
 * click (the severity beside it can be changed first); a condition an open incident already covers
 * offers "Attach to INC-…" first instead.
 */
export function SuggestionCard({ suggestion: s, now, openIncidents, dismissMin }: Props) {
  const [open, setOpen] = useState(false);
  const [dismissing, setDismissing] = useState(false);
  const [severity, setSeverity] = useState<Severity>(s.severity);
  const [target, setTarget] = useState<number | ''>(s.coveredBy?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const active = s.state === 'active';

  const run = async (what: () => Promise<{ ok: boolean; message?: string }>): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const out = await what();
    setBusy(false);
    if (!out.ok) setError(out.message ?? 'failed');
  };
  const declare = (): Promise<void> => run(() => declareSuggestion({ id: s.id, severity }));
  const attach = (incidentId: number): Promise<void> => run(() => attachSuggestion({ id: s.id, incidentId }));

  return (
    <article
      className={`suggestion suggestion-${s.state}`}
      data-testid="suggestion"
      data-state={s.state}
      data-playbook={s.playbookId ?? ''}
      data-key={s.key}
      aria-label={`Suggested incident: ${s.title}`}
    >
      <div className="suggestion-row">
        <SeverityBadge severity={s.severity} />
        <div className="suggestion-what">
          <span className="suggestion-title" data-testid="suggestion-title">
            {s.title}
          </span>
          <span className="suggestion-meta muted">
            playbook <span data-testid="suggestion-playbook">{playbookName(s.playbookId)}</span> · first matched{' '}
            <time dateTime={new Date(s.firstMatchedAt).toISOString()}>{formatUtcTime(s.firstMatchedAt)}</time> (
            {formatAgo(s.firstMatchedAt, now)}){s.since < s.firstMatchedAt && <> · began {formatUtcTime(s.since)}</>}
            {!active && (
              <>
                {' · '}
                <span data-testid="suggestion-outcome">{outcomeText(s)}</span>
                {s.action && ` (${s.action.author}, ${formatUtcTime(s.action.at)})`}
              </>
            )}
          </span>
        </div>
        <div className="suggestion-actions">
          {active && s.coveredBy && (
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() => void attach(s.coveredBy?.id ?? 0)}
              data-testid="suggestion-attach-covered"
            >
              Attach to {s.coveredBy.ref}
            </button>
          )}
          {active && (
            <span className="suggestion-declare">
              <select
                aria-label="Severity to declare with"
                value={severity}
                onChange={(e) => setSeverity(e.target.value as Severity)}
                data-testid="suggestion-severity"
              >
                <SeverityOptions />
              </select>
              <button
                type="button"
                className={s.coveredBy ? 'btn' : 'btn btn-alert'}
                disabled={busy}
                onClick={() => void declare()}
                data-testid="suggestion-declare"
              >
                {s.coveredBy ? 'Declare new' : 'Declare'}
              </button>
            </span>
          )}
          {active && !s.coveredBy && openIncidents.length > 0 && (
            <span className="suggestion-attach">
              <select
                aria-label="Open incident to attach to"
                value={target}
                onChange={(e) => setTarget(e.target.value === '' ? '' : Number(e.target.value))}
                data-testid="suggestion-attach-target"
              >
                <option value="">Attach to…</option>
                {openIncidents.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.ref} · {i.title}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="btn"
                disabled={busy || target === ''}
                onClick={() => target !== '' && void attach(target)}
                data-testid="suggestion-attach"
              >
                Attach
              </button>
            </span>
          )}
          <button
            type="button"
            className="btn btn-quiet"
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
            data-testid="suggestion-details-toggle"
          >
            {open ? 'Hide evidence' : 'Evidence'}
          </button>
          {active && (
            <button type="button" className="btn btn-quiet" onClick={() => setDismissing(true)} data-testid="suggestion-dismiss">
              Dismiss
            </button>
          )}
        </div>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="suggestion-error">
          {error}
        </p>
      )}
      {dismissing && <DismissForm suggestion={s} defaultMin={dismissMin} onDone={() => setDismissing(false)} />}
      {open && <SuggestionDetail suggestion={s} />}
    </article>
  );
}
