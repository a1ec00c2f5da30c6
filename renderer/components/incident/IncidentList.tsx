import type { KeyboardEvent } from 'react';
import type { IncidentSummary } from '../../../shared/domain/incident';
import { SEARCH_INPUT_ID } from '../../hooks/useGlobalShortcuts';
import { useNow } from '../../hooks/useNow';
import { formatAge, formatTime } from '../../logic/format';
import { useSelectedId } from '../../state/detail';
import { setSearch, useIncidentItems, useListError, useListLoading, useListSearch } from '../../state/incidents';
import { LIST_ROW_ITEMS } from './list-row-items';
import { filtersActive, useSearchFilters } from '../../state/search';
import { SearchFiltersPanel } from '../search/SearchFiltersPanel';
import { SearchResults } from '../search/SearchResults';
import { IncidentRowButton } from './IncidentRowButton';
import { StatusPill } from '../SeverityBadge';
import { ImportBundle } from '../reports/ImportBundle';

/** Up/Down move between rows, like a list should. */
function moveFocus(e: KeyboardEvent<HTMLUListElement>): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const rows = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button.incident-row'));
  const at = rows.findIndex((r) => r === document.activeElement);
  const next = rows[Math.max(0, Math.min(rows.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

export function IncidentList() {
  const items = useIncidentItems();
  const search = useListSearch();
  const loading = useListLoading();
  const error = useListError();
  const selected = useSelectedId();
  const now = useNow(5_000);
  // Words or filters switch the list to full-text results with snippets (search:incidents).
  const filters = useSearchFilters();
  const searching = search.trim() !== '' || filtersActive(filters);

  return (
    <nav className="sidebar" aria-label="Incidents">
      <div className="search">
        <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
          Search incidents
        </label>
        <input
          id={SEARCH_INPUT_ID}
          type="search"
          placeholder="Search incidents  ( / )"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="incident-search"
          autoComplete="off"
        />
        <SearchFiltersPanel />
      </div>
      <ImportBundle />
      {searching ? (
        <SearchResults text={search.trim()} now={now} refresh={items} />
      ) : (
        <>
          <ul className="incident-list" data-testid="incident-list" aria-busy={loading} onKeyDown={moveFocus}>
            {items.map((i) => (
              <IncidentRow key={i.id} incident={i} selected={i.id === selected} now={now} />
            ))}
          </ul>
          {items.length === 0 && !loading && !error && (
            <p className="empty" data-testid="incident-list-empty">
              No incidents yet. Press N to declare one.
            </p>
          )}
        </>
      )}
      {error && <p className="inline-error">{error}</p>}
    </nav>
  );
}

function IncidentRow({ incident: i, selected, now }: { incident: IncidentSummary; selected: boolean; now: number }) {
  const ended = i.status === 'resolved' || i.status === 'closed';
  return (
    <IncidentRowButton
      incident={i}
      selected={selected}
      className={ended ? 'ended' : undefined}
      testId="incident-row"
      data={{ 'data-status': i.status, 'data-severity': i.severity }}
    >
      <span className="row-meta">
        <StatusPill status={i.status} />
        <span className="commander" title="Incident commander">
          IC: {i.commander ?? <em>none</em>}
        </span>
        <span className="age" title={`Declared ${formatTime(i.declaredAt)}`}>
          {formatAge(i.declaredAt, now)}
        </span>
      </span>
      {LIST_ROW_ITEMS.length > 0 && (
        <span className="row-items">
          {LIST_ROW_ITEMS.map((Item, n) => (
            <Item key={n} incident={i} />
          ))}
        </span>
      )}
    </IncidentRowButton>
  );
}
