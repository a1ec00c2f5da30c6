import { useState } from 'react';
import type { SourceView } from '../../../shared/domain/source-config';
import { formatUtc } from '../../logic/format';
import { healthText } from './health-text';
import { KIND_INFO } from './kinds';
import { pollSourceNow, setSourceEnabled, testSource, type TestShown } from './source-actions';
import { TestResult } from './TestResult';
import { Name } from '../text/UntrustedText';

interface Props {
  /** Its `health` is the freshest known (pushed events land between list reloads, state/sources.ts). */
  view: SourceView;
  now: number;
  onEdit: (view: SourceView) => void;
  onDelete: (view: SourceView) => void;
}

export function SourceRow({ view, now, onEdit, onDelete }: Props) {
  const { health } = view;
  const [busy, setBusy] = useState<'enabled' | 'test' | 'poll' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [test, setTest] = useState<TestShown | null>(null);
  // The switch moves at once; it falls back to the saved value if the save is refused.
  const [pendingEnabled, setPendingEnabled] = useState<boolean | null>(null);
  const enabled = pendingEnabled ?? view.enabled;
  const label = `${view.name} (${KIND_INFO[view.kind].label})`;

  const run = async (what: 'enabled' | 'test' | 'poll', action: () => Promise<string | null>): Promise<void> => {
    if (busy) return;
    setBusy(what);
    setError(await action());
    setBusy(null);
  };
  const toggle = (next: boolean) =>
    run('enabled', async () => {
      setPendingEnabled(next);
      const outcome = await setSourceEnabled(view, next);
      setPendingEnabled(null);
      return outcome.ok ? null : `Could not ${next ? 'enable' : 'disable'} ${view.name}: ${outcome.message}`;
    });
  const runTest = () =>
    run('test', async () => {
      setTest(await testSource({ id: view.id }));
      return null;
    });
  const pollNow = () =>
    run('poll', async () => {
      const outcome = await pollSourceNow(view.id);
      return outcome.ok ? null : `Could not poll ${view.name}: ${outcome.message}`;
    });

  return (
    <li
      className={`source-row state-${health.state}`}
      data-testid="source-row"
      data-source-id={view.id}
      data-kind={view.kind}
      data-state={health.state}
    >
      <span className={`health-dot dot-${health.state}`} aria-hidden="true" />
      <div className="source-ident">
        <div className="source-title">
          <span className="source-name" data-testid="source-name">
            <Name text={view.name} />
          </span>
          {view.demo && (
            <span className="tag tag-demo" title="Created on first run; points at the embedded lab" data-testid="source-demo">
              demo
            </span>
          )}
          <span className="tag">{KIND_INFO[view.kind].label}</span>
        </div>
        <span className="source-url" data-testid="source-url">
          <Name text={view.baseUrl} />
        </span>
        <span
          className={`source-health health-${health.state}`}
          data-testid="source-health"
          title={health.lastError ? `last failure ${formatUtc(health.lastError.at)}: ${health.lastError.message}` : undefined}
        >
          <Name text={healthText(health, now)} />
        </span>
      </div>
      <div className="source-actions">
        <label className="switch" title={enabled ? 'Polled' : 'Not polled'}>
          <input
            type="checkbox"
            role="switch"
            checked={enabled}
            disabled={busy === 'enabled'}
            onChange={(e) => void toggle(e.target.checked)}
            aria-label={`Poll ${label}`}
            data-testid={`source-enabled-${view.id}`}
          />
          <span>{enabled ? 'Enabled' : 'Disabled'}</span>
        </label>
        <button type="button" className="btn btn-small" onClick={() => void runTest()} disabled={busy === 'test'} data-testid="source-test">
          Test
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void pollNow()}
          disabled={busy === 'poll' || !view.enabled}
          title={view.enabled ? 'Poll now instead of waiting for the interval' : 'Enable the source to poll it'}
          data-testid="source-poll-now"
        >
          Poll now
        </button>
        <button type="button" className="btn btn-small" onClick={() => onEdit(view)} aria-label={`Edit ${label}`} data-testid="source-edit">
          Edit
        </button>
        <button
          type="button"
          className="btn btn-small btn-danger"
          onClick={() => onDelete(view)}
          aria-label={`Delete ${label}`}
          data-testid="source-delete"
        >
          Delete
        </button>
      </div>
      {(test || busy === 'test') && (
        <div className="source-row-extra">
          <TestResult shown={test} busy={busy === 'test'} />
        </div>
      )}
      {error && (
        <p className="source-row-extra field-error" role="alert" data-testid="source-row-error">
          {error}
        </p>
      )}
    </li>
  );
}
