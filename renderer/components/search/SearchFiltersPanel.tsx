import { SEVERITIES, type Severity } from '../../../shared/domain/severity';
import { STATUSES, type Status } from '../../../shared/domain/status';
import { zoneName } from '../../logic/format';
import { clearSearchFilters, filtersActive, setSearchFilters, toggleFilters, useFiltersOpen, useSearchFilters } from '../../state/search';

function toggle<T>(list: readonly T[], v: T): T[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}

/** Severity, status and declared-day filters under the sidebar's search box. */
export function SearchFiltersPanel() {
  const f = useSearchFilters();
  const open = useFiltersOpen();
  const active = filtersActive(f);
  return (
    <div className="search-filters">
      <button type="button" className="btn btn-small" aria-expanded={open} onClick={toggleFilters} data-testid="search-filters-toggle">
        Filters{active ? ' •' : ''}
      </button>
      {active && (
        <button type="button" className="btn btn-small btn-quiet" onClick={clearSearchFilters} data-testid="search-filters-clear">
          Clear
        </button>
      )}
      {open && (
        <div className="search-filter-panel" data-testid="search-filter-panel">
          <div className="search-filter-group" role="group" aria-label="Severity">
            {SEVERITIES.map((s: Severity) => (
              <label key={s} className="chip-toggle">
                <input
                  type="checkbox"
                  checked={f.severities.includes(s)}
                  onChange={() => setSearchFilters({ severities: toggle(f.severities, s) })}
                  data-testid={`search-sev-${s}`}
                />
                {s}
              </label>
            ))}
          </div>
          <div className="search-filter-group" role="group" aria-label="Status">
            {STATUSES.map((s: Status) => (
              <label key={s} className="chip-toggle">
                <input
                  type="checkbox"
                  checked={f.statuses.includes(s)}
                  onChange={() => setSearchFilters({ statuses: toggle(f.statuses, s) })}
                  data-testid={`search-status-${s}`}
                />
                {s}
              </label>
            ))}
          </div>
          <div className="search-filter-group search-days">
            <label>
              Declared from{' '}
              <input
                value={f.from}
                onChange={(e) => setSearchFilters({ from: e.target.value })}
                placeholder="YYYY-MM-DD"
                data-testid="search-from"
              />
            </label>
            <label>
              to{' '}
              <input
                value={f.to}
                onChange={(e) => setSearchFilters({ to: e.target.value })}
                placeholder="YYYY-MM-DD"
                data-testid="search-to"
              />
            </label>
            <span className="muted" data-testid="search-days-zone">
              days in {zoneName()}
            </span>
          </div>
        </div>
      )}
    </div>
  );
}
