import { useEffect } from 'react';
import { HIT_SOURCE_LABEL, type SearchHit, type SearchResult } from '../../../shared/domain/search';
import { formatAge } from '../../logic/format';
import { useSelectedId } from '../../state/detail';
import { runSearch, useSearchError, useSearchFilters, useSearchLoading, useSearchResults } from '../../state/search';
import { IncidentRowButton } from '../incident/IncidentRowButton';
import { StatusPill } from '../SeverityBadge';
import { Name } from '../text/UntrustedText';

/** The sidebar while searching: matching incidents, each with the passages that matched, matches highlighted. */
export function SearchResults({ text, now, refresh }: { text: string; now: number; refresh: unknown }) {
  const results = useSearchResults();
  const error = useSearchError();
  const loading = useSearchLoading();
  const filters = useSearchFilters();
  const selected = useSelectedId();

  // `refresh` changes when the incident list is re-read (an incident changed somewhere): search again.
  useEffect(() => {
    const timer = setTimeout(() => void runSearch(text), 200);
    return () => clearTimeout(timer);
  }, [text, filters, refresh]);

  return (
    <>
      {error && (
        <p className="inline-error search-error" role="alert" data-testid="search-error">
          {error}
        </p>
      )}
      <ul className="incident-list" data-testid="search-results" aria-busy={loading}>
        {(results ?? []).map((r) => (
          <ResultRow key={r.incident.id} result={r} selected={r.incident.id === selected} now={now} />
        ))}
      </ul>
      {results && results.length === 0 && !loading && !error && (
        <p className="empty" data-testid="search-empty">
          No incidents match.
        </p>
      )}
    </>
  );
}

function ResultRow({ result, selected, now }: { result: SearchResult; selected: boolean; now: number }) {
  const i = result.incident;
  return (
    <IncidentRowButton incident={i} selected={selected} className="search-row" testId="search-result">
      <span className="row-meta">
        <StatusPill status={i.status} />
        <span className="age">{formatAge(i.declaredAt, now)}</span>
      </span>
      {result.hits.map((h, k) => (
        <Hit key={k} hit={h} />
      ))}
    </IncidentRowButton>
  );
}

/** One matched passage: its source, then the snippet with matches in <mark>; all of it text, never markup. */
function Hit({ hit }: { hit: SearchHit }) {
  return (
    <span className="search-hit" data-testid="search-hit" data-source={hit.source}>
      <span className="search-hit-source">{HIT_SOURCE_LABEL[hit.source]}</span>{' '}
      {hit.snippet.map((p, i) =>
        p.match ? (
          <mark key={i}>
            <Name text={p.text} />
          </mark>
        ) : (
          <Name key={i} text={p.text} />
        ),
      )}
    </span>
  );
}
