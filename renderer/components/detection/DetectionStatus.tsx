import { useDetectionView } from '../../state/detection';
import { RULE_STATE_TEXT } from './suggestion-text';
import './detection.css';

/**
 * Detection in the status bar: how many rules watch, fire, or cannot see. A rule without data is
 * said to have none (and why, on hover), never counted as "all clear".
 */
export function DetectionStatus() {
  const view = useDetectionView();
  if (!view || view.rules.length === 0) return <span className="muted">detection: starting…</span>;
  const count = (state: string): number => view.rules.filter((r) => r.state === state).length;
  const firing = count('firing');
  const noData = count('no-data');
  const watching = view.rules.length - count('off');
  const title = view.rules.map((r) => `${r.title}: ${RULE_STATE_TEXT[r.state]} — ${r.detail}`).join('\n');
  return (
    <a className="detection-status" href="#/settings" title={title} data-testid="detection-status" data-no-data={noData}>
      detection: {watching} rules{firing > 0 && <span className="detection-firing"> · {firing} firing</span>}
      {noData > 0 && <span className="detection-nodata"> · {noData} no data</span>}
    </a>
  );
}
