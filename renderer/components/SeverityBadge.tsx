import { SEVERITIES, severityLabel, SEVERITY_MEANING, type Severity } from '../../shared/domain/severity';
import type { Status } from '../../shared/domain/status';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`sev sev-${severity}`} title={SEVERITY_MEANING[severity]} data-testid="severity-badge">
      {severityLabel(severity)}
    </span>
  );
}

export function StatusPill({ status }: { status: Status }) {
  return (
    <span className={`status status-${status}`} data-testid="status-pill">
      {status}
    </span>
  );
}

/** The options of every severity picker, most severe first, each named as the policy names it. */
export function SeverityOptions() {
  return (
    <>
      {SEVERITIES.map((s) => (
        <option key={s} value={s}>
          {severityLabel(s)}
        </option>
      ))}
    </>
  );
}
