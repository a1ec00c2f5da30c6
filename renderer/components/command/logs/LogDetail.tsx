import type { LogLine } from '../../../../shared/domain/telemetry';
import { formatUtc } from '../../../logic/format';

/** The selected line in full (rows cut long lines off), with every label: text nodes only. */
export function LogDetail({ line, onClose }: { line: LogLine; onClose: () => void }) {
  const level = line.level;
  return (
    <div className="log-detail" data-testid="log-detail" data-level={level ?? 'unknown'}>
      <div className="log-detail-head">
        <time dateTime={new Date(line.tMs).toISOString()}>{formatUtc(line.tMs)}</time>
        <span className="muted log-ns" title="Loki's nanosecond timestamp">
          {line.tNs}
        </span>
        <button type="button" className="btn btn-quiet btn-small" onClick={onClose}>
          Close
        </button>
      </div>
      <pre className="log-detail-text">{line.line}</pre>
      <ul className="log-labels" aria-label="Labels">
        {Object.keys(line.labels)
          .sort()
          .map((k) => (
            <li key={k} className="log-label">
              <span className="muted">{k}=</span>
              {line.labels[k]}
            </li>
          ))}
      </ul>
    </div>
  );
}
