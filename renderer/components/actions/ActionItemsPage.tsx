import { useEffect } from 'react';
import { ACTION_STATUSES, ACTION_STATUS_LABEL, isOverdue, type ActionStatus } from '../../../shared/domain/action-items';
import { useNow } from '../../hooks/useNow';
import { loadActions, setActionFilters, useActionFilters, useActionsError, useActionsLoaded, useAllActions } from '../../state/actions';
import { ActionItemsTable } from './ActionItemsTable';
import '../../styles/pages.css';

/** `#/actions`: follow-ups from every incident, filtered by status, owner and overdue; overdue items marked. */
export function ActionItemsPage() {
  const items = useAllActions();
  const filters = useActionFilters();
  const error = useActionsError();
  const loaded = useActionsLoaded();
  const now = useNow(60_000);

  useEffect(() => {
    void loadActions();
  }, []);

  const toggle = (s: ActionStatus): void =>
    setActionFilters({ statuses: filters.statuses.includes(s) ? filters.statuses.filter((x) => x !== s) : [...filters.statuses, s] });
  const overdue = items.filter((i) => isOverdue(i, now)).length;

  return (
    <section className="page actions-page" aria-labelledby="actions-heading" data-testid="actions-page">
      <header className="page-head">
        <h1 id="actions-heading">Action items</h1>
        <p className="muted">
          Follow-ups from every incident. Overdue: still open or in progress after its due day (UTC). Add them from an incident’s Postmortem
          tab.
        </p>
      </header>
      <div className="filters" role="group" aria-label="Filters">
        <span className="filter-label">Status</span>
        {ACTION_STATUSES.map((s) => (
          <label key={s} className="chip-toggle">
            <input type="checkbox" checked={filters.statuses.includes(s)} onChange={() => toggle(s)} data-testid={`action-filter-${s}`} />
            {ACTION_STATUS_LABEL[s]}
          </label>
        ))}
        <label className="filter-field">
          Owner{' '}
          <input
            type="search"
            value={filters.owner}
            onChange={(e) => setActionFilters({ owner: e.target.value })}
            placeholder="any"
            data-testid="action-filter-owner"
          />
        </label>
        <label className="chip-toggle">
          <input
            type="checkbox"
            checked={filters.overdueOnly}
            onChange={(e) => setActionFilters({ overdueOnly: e.target.checked })}
            data-testid="action-filter-overdue"
          />
          Overdue only
        </label>
      </div>
      {error && <p className="inline-error">{error}</p>}
      <p className="muted" data-testid="actions-count">
        {items.length} item{items.length === 1 ? '' : 's'}
        {overdue > 0 && <span className="overdue-badge">{overdue} overdue</span>}
      </p>
      {items.length > 0 ? (
        <ActionItemsTable items={items} now={now} showIncident />
      ) : (
        loaded && <p className="empty">No action items match these filters.</p>
      )}
    </section>
  );
}
