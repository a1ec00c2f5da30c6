import { useEffect } from 'react';
import { selectIncident } from '../../state/detail';
import { loadSimilar, useSimilar } from '../../state/similar';
import { SeverityBadge } from '../SeverityBadge';
import { formatDay } from '../../logic/format';
import '../../styles/similar.css';
import { Name } from '../text/UntrustedText';

/**
 * Past incidents like this one: shared services or playbooks, and a similar GPU-memory and
 * queue-depth shape over the impact window (electron/core/search/shape.ts), each with its reasons.
 */
export function SimilarIncidents({ incidentId }: { incidentId: number }) {
  const similar = useSimilar(incidentId);
  useEffect(() => {
    void loadSimilar(incidentId);
  }, [incidentId]);

  if (!similar) return <p className="muted">Looking for similar past incidents…</p>;
  return (
    <div className="similar" data-testid="similar-incidents">
      {similar.error && <p className="inline-error">{similar.error}</p>}
      {similar.items.length === 0 && !similar.error && (
        <p className="muted">No ended incident is alike enough (same services or playbooks, similar GPU memory and queue depth).</p>
      )}
      <ul>
        {similar.items.map((s) => (
          <li key={s.incident.id} data-testid="similar-row">
            <button type="button" className="similar-head link" onClick={() => selectIncident(s.incident.id)}>
              <span className="ref">{s.incident.ref}</span> <SeverityBadge severity={s.incident.severity} />{' '}
              <span className="similar-title">
                <Name text={s.incident.title} />
              </span>
            </button>
            <span
              className="similar-score"
              title="Weighted: services 35%, playbooks 25%, GPU memory 20%, queue depth 20% over the impact window (parts without data left out)"
            >
              {Math.round(s.score * 100)}% alike · {formatDay(s.incident.declaredAt)}
            </span>
            <span className="similar-reasons muted">
              <Name text={s.reasons.join(' · ')} />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
