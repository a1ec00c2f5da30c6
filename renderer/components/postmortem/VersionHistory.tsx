import { useEffect, useState } from 'react';
import { VERSION_REASON_LABEL, type PostmortemVersion } from '../../../shared/domain/postmortem';
import { call, errorMessage } from '../../api/client';
import { formatUtc } from '../../logic/format';
import { versionDiff } from '../../logic/version-diff';
import { loadVersions, restoreVersion, usePostmortemText, useVersions } from '../../state/postmortem';
import { Name, Prose } from '../text/UntrustedText';

type Mode = 'view' | 'compare';

/** Save points of the postmortem: listed with time and size; any one viewed, compared with the current text, restored. */
export function VersionHistory({ incidentId }: { incidentId: number }) {
  const versions = useVersions();
  const current = usePostmortemText();
  const [selected, setSelected] = useState<PostmortemVersion | null>(null);
  const [mode, setMode] = useState<Mode>('compare');
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void loadVersions();
  }, [incidentId]);

  const open = async (id: string): Promise<void> => {
    setConfirming(false);
    setMessage(null);
    try {
      setSelected(await call('postmortem:get-version', { incidentId, versionId: id }));
    } catch (err) {
      setMessage(errorMessage(err));
    }
  };

  const restore = async (): Promise<void> => {
    if (!selected) return;
    const error = await restoreVersion(selected.id);
    setConfirming(false);
    setMessage(error ?? `Restored the version of ${formatUtc(selected.at)}. The text it replaced is the newest entry below.`);
    if (!error) setSelected(null);
  };

  return (
    <section className="pm-history" aria-label="Version history" data-testid="version-history">
      <ol className="pm-versions">
        {versions.map((v) => (
          <li key={v.id}>
            <button
              type="button"
              className={`pm-version${selected?.id === v.id ? ' selected' : ''}`}
              onClick={() => void open(v.id)}
              data-testid="version-row"
              data-reason={v.reason}
            >
              <span className="pm-version-time">{formatUtc(v.at)}</span>
              <span className="pm-version-size">
                {v.chars.toLocaleString('en-US')} chars · {v.lines.toLocaleString('en-US')} lines
              </span>
              <span className="pm-version-why muted">
                {VERSION_REASON_LABEL[v.reason]} by <Name text={v.author} />
              </span>
            </button>
          </li>
        ))}
        {versions.length === 0 && <li className="muted">No versions yet.</li>}
      </ol>
      {message && (
        <p className="pm-history-message" role="status" data-testid="version-message">
          {message}
        </p>
      )}
      {selected && (
        <div className="pm-version-detail" data-testid="version-detail">
          <div className="pm-version-bar">
            <strong>{formatUtc(selected.at)}</strong>
            <div className="segmented" role="group" aria-label="Show the version">
              <button type="button" aria-pressed={mode === 'compare'} onClick={() => setMode('compare')} data-testid="version-compare">
                Compare with current
              </button>
              <button type="button" aria-pressed={mode === 'view'} onClick={() => setMode('view')} data-testid="version-view">
                View
              </button>
            </div>
            {confirming ? (
              <span className="pm-confirm">
                Replace the current text with this version? The current text is kept as a version first.{' '}
                <button type="button" className="btn btn-alert" onClick={() => void restore()} data-testid="version-restore-confirm">
                  Restore
                </button>{' '}
                <button type="button" className="btn" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </span>
            ) : (
              <button type="button" className="btn" onClick={() => setConfirming(true)} data-testid="version-restore">
                Restore this version…
              </button>
            )}
          </div>
          {mode === 'view' ? (
            <pre className="pm-version-text">
              <Prose text={selected.body} />
            </pre>
          ) : (
            <DiffView from={selected.body} to={current} />
          )}
        </div>
      )}
    </section>
  );
}

function DiffView({ from, to }: { from: string; to: string }) {
  const diff = versionDiff(from, to);
  if (diff.added === 0 && diff.removed === 0) return <p className="muted">Same as the current text.</p>;
  return (
    <div className="pm-diff" data-testid="version-diff">
      <p className="muted">
        From this version to the current text: <span className="diff-added-count">+{diff.added}</span>{' '}
        <span className="diff-removed-count">−{diff.removed}</span> lines
      </p>
      <pre>
        {diff.rows.map((r, i) =>
          r.kind === 'fold' ? (
            <span key={i} className="diff-fold">
              {`… ${r.count} unchanged line${r.count === 1 ? '' : 's'}\n`}
            </span>
          ) : (
            <span key={i} className={`diff-${r.kind}`} data-diff={r.kind}>
              {`${r.kind === 'added' ? '+ ' : r.kind === 'removed' ? '− ' : '  '}${r.text}\n`}
            </span>
          ),
        )}
      </pre>
    </div>
  );
}
