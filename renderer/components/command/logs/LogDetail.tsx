import { useState } from 'react';
import type { LogLine } from '../../../../shared/domain/telemetry';
import { copyText } from '../../../logic/copy-text';
import { formatUtc } from '../../../logic/format';
import { withoutAnsi } from '../../../logic/untrusted-text';
import { LogText, Name } from '../../text/UntrustedText';

/** The selected line in full (rows cut long lines off), with every label: text nodes only. */
export function LogDetail({ line, onClose }: { line: LogLine; onClose: () => void }) {
  const level = line.level;
  const [copied, setCopied] = useState<{ key: string; said: string } | null>(null);
  const copy = async (): Promise<void> => setCopied({ key: line.tNs, said: (await copyText(withoutAnsi(line.line))) ?? 'Copied' });
  return (
    <div className="log-detail" data-testid="log-detail" data-level={level ?? 'unknown'}>
      <div className="log-detail-head">
        <time dateTime={new Date(line.tMs).toISOString()}>{formatUtc(line.tMs)}</time>
        <span className="muted log-ns" title="Loki's nanosecond timestamp">
          {line.tNs}
        </span>
        <span className="log-detail-actions">
          {copied?.key === line.tNs && (
            <span className="muted" role="status">
              {copied.said}
            </span>
          )}
          <button type="button" className="btn btn-quiet btn-small" onClick={() => void copy()} data-testid="log-detail-copy">
            Copy line
          </button>
          <button type="button" className="btn btn-quiet btn-small" onClick={onClose}>
            Close
          </button>
        </span>
      </div>
      <pre className="log-detail-text" data-testid="log-detail-text">
        <LogText text={line.line} />
      </pre>
      <ul className="log-labels" aria-label="Labels">
        {Object.keys(line.labels)
          .sort()
          .map((k) => (
            <li key={k} className="log-label">
              <span className="muted">
                <Name text={k} />=
              </span>
              <Name text={line.labels[k] ?? ''} />
            </li>
          ))}
      </ul>
    </div>
  );
}
