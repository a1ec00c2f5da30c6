import { useNow } from '../../hooks/useNow';
import { formatAgo } from '../../logic/format';
import { useDetectionView } from '../../state/detection';
import { RULE_STATE_TEXT } from './suggestion-text';

/** Each rule's state at the last evaluation, in words: firing, clear (with what it saw), no data (and why), off. */
export function RuleStatusTable() {
  const view = useDetectionView();
  const now = useNow(5_000);
  if (!view) return null;
  return (
    <table className="rule-status" data-testid="rule-status">
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">State</th>
          <th scope="col">What it sees</th>
          <th scope="col">Newest data</th>
        </tr>
      </thead>
      <tbody>
        {view.rules.map((r) => (
          <tr key={r.rule} data-testid="rule-status-row" data-rule={r.rule} data-state={r.state}>
            <th scope="row">{r.title}</th>
            <td>
              <span className={`rule-state rule-state-${r.state}`}>{RULE_STATE_TEXT[r.state]}</span>
            </td>
            <td className="rule-detail">{r.detail}</td>
            <td className="muted">{r.dataAt === null ? '—' : formatAgo(r.dataAt, now)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
