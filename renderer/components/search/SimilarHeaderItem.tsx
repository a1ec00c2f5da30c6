import { useEffect, useState } from 'react';
import type { Incident } from '../../../shared/domain/incident';
import { loadSimilar, useSimilar } from '../../state/similar';
import { SimilarIncidents } from './SimilarIncidents';

/** In the header of an open incident: how many past incidents look like this one, listed on click. */
export function SimilarHeaderItem({ incident }: { incident: Incident }) {
  const ended = incident.status === 'resolved' || incident.status === 'closed';
  const similar = useSimilar(incident.id);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!ended) void loadSimilar(incident.id);
  }, [incident.id, ended]);
  if (ended || !similar || similar.items.length === 0) return null;
  const n = similar.items.length;
  return (
    <span className="similar-chip">
      <button
        type="button"
        className="btn btn-small"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        title="Past incidents with the same services or playbooks and a similar GPU memory and queue depth curve"
        data-testid="similar-chip"
      >
        ≈ {n} similar past incident{n === 1 ? '' : 's'}
      </button>
      {open && (
        <div className="similar-popover" role="dialog" aria-label="Similar past incidents">
          <h2>Similar past incidents</h2>
          <SimilarIncidents incidentId={incident.id} />
        </div>
      )}
    </span>
  );
}
