import type { Suggestion } from '../../../shared/detection/types';
import { metricTitle } from '../../../shared/domain/telemetry';
import { formatUtcTime } from '../../logic/format';
import { affectedGroups, formatValue } from './suggestion-text';

/** What matched: the things affected and each piece of evidence with its numbers and window. */
export function SuggestionDetail({ suggestion: s }: { suggestion: Suggestion }) {
  const groups = affectedGroups(s);
  return (
    <div className="suggestion-detail" data-testid="suggestion-detail">
      {groups.length > 0 && (
        <dl className="suggestion-affected" data-testid="suggestion-affected">
          {groups.map((g) => (
            <div key={g.label}>
              <dt>{g.label}</dt>
              <dd>
                {g.items.map((item) => (
                  <span key={item} className="chip">
                    {item}
                  </span>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <ul className="suggestion-evidence">
        {s.evidence.map((e, i) => (
          <li key={`${i}-${e.text}`} data-testid="suggestion-evidence">
            <span className="evidence-text">{e.text}</span>
            <span className="evidence-meta muted">
              {e.metric ? metricTitle(e.metric) : 'alert'} · {formatUtcTime(e.fromMs)}–{formatUtcTime(e.toMs)}
              {e.values.map((v) => (
                <span key={v.label} className="evidence-value">
                  {v.label} <strong>{formatValue(v)}</strong>
                </span>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
