import type { ReactNode } from 'react';
import type { IncidentSummary } from '../../../shared/domain/incident';
import { selectIncident } from '../../state/detail';
import { SeverityBadge } from '../SeverityBadge';
import { Name } from '../text/UntrustedText';

/**
 * A sidebar row, in the incident list and in search results alike: a button that opens the
 * incident, headed by its ref, severity and title; what follows is the list's own.
 */
export function IncidentRowButton({
  incident: i,
  selected,
  className,
  testId,
  data,
  children,
}: {
  incident: IncidentSummary;
  selected: boolean;
  /** Classes beside `incident-row` and `selected`. */
  className?: string;
  testId: string;
  /** Further `data-*` attributes for tests and styles. */
  data?: Record<`data-${string}`, string>;
  children: ReactNode;
}) {
  return (
    <li>
      <button
        type="button"
        className={['incident-row', className, selected && 'selected'].filter(Boolean).join(' ')}
        aria-current={selected ? 'true' : undefined}
        onClick={() => selectIncident(i.id)}
        data-testid={testId}
        data-ref={i.ref}
        {...data}
      >
        <span className="row-top">
          <span className="ref">{i.ref}</span>
          <SeverityBadge severity={i.severity} />
        </span>
        <span className="row-title">
          <Name text={i.title} />
        </span>
        {children}
      </button>
    </li>
  );
}
