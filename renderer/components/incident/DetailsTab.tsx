import { KeyTimes } from './KeyTimes';
import { RolePanel } from './RolePanel';
import type { IncidentTabProps } from './incident-tabs';
import { ScopeEditor } from './ScopeEditor';
import '../../styles/details.css';

/** Everything about the incident that is not watched second by second: its scope, key times with the response metrics, and roles. */
export function DetailsTab({ incident }: IncidentTabProps) {
  return (
    <div className="details-tab" data-testid="details-tab">
      <ScopeEditor incident={incident} />
      <KeyTimes incident={incident} />
      <RolePanel incident={incident} />
    </div>
  );
}
