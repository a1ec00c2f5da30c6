import type { FormEvent } from 'react';
import type { SourceView } from '../../../../shared/domain/source-config';
import { LOG_LIMITS } from '../../../state/logs';

export interface LogQueryBarProps {
  text: string;
  onText: (text: string) => void;
  onRun: () => void;
  running: boolean;
  error: string | null;
  /** Marks the box itself as wrong (a parse error), not just the run (Loki down). */
  queryRejected: boolean;
  follow: boolean;
  /** Follow only means something while the window ends now. */
  canFollow: boolean;
  onFollow: (on: boolean) => void;
  limit: number;
  onLimit: (limit: number) => void;
  lokiSources: readonly SourceView[];
  sourceId: number | null;
  onSource: (id: number | null) => void;
  /** An example query on the label this Loki's streams carry. */
  placeholder: string;
}

/** The LogQL box: a failed query stays in the box with Loki's own words beside it. */
export function LogQueryBar(p: LogQueryBarProps) {
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    p.onRun();
  };
  return (
    <form className="log-query" onSubmit={submit}>
      <label htmlFor="logs-query-input" className="visually-hidden">
        LogQL query
      </label>
      <input
        id="logs-query-input"
        value={p.text}
        onChange={(e) => p.onText(e.target.value)}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={p.error !== null && p.queryRejected}
        aria-describedby={p.error ? 'logs-error' : undefined}
        placeholder={p.placeholder}
        data-testid="logs-query"
      />
      <button type="submit" className="btn btn-primary" disabled={p.running} data-testid="logs-run">
        {p.running ? 'Running…' : 'Run'}
      </button>
      {p.lokiSources.length > 1 && (
        <select
          aria-label="Loki source"
          value={p.sourceId ?? ''}
          onChange={(e) => p.onSource(e.target.value === '' ? null : Number(e.target.value))}
          data-testid="logs-source"
        >
          <option value="">first enabled Loki</option>
          {p.lokiSources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      )}
      <select aria-label="Most lines to fetch" value={p.limit} onChange={(e) => p.onLimit(Number(e.target.value))} data-testid="logs-limit">
        {LOG_LIMITS.map((n) => (
          <option key={n} value={n}>
            {n.toLocaleString('en-US')} lines
          </option>
        ))}
      </select>
      <label className="log-follow" title={p.canFollow ? 'Re-run every few seconds' : 'The window is fixed: nothing new to follow'}>
        <input
          type="checkbox"
          checked={p.follow && p.canFollow}
          disabled={!p.canFollow}
          onChange={(e) => p.onFollow(e.target.checked)}
          data-testid="logs-follow"
        />{' '}
        Follow
      </label>
      {p.error && (
        <p className="field-error log-error" id="logs-error" role="alert" data-testid="logs-error">
          {p.error}
        </p>
      )}
    </form>
  );
}
