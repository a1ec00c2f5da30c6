import type { TestShown } from './source-actions';

/** The answer to "Test": the upstream's own words on success, the failure kind and message otherwise. */
export function TestResult({ shown, busy }: { shown: TestShown | null; busy: boolean }) {
  if (busy)
    return (
      <div className="test-result pending" data-testid="source-test-result" data-result="pending" role="status">
        Testing…
      </div>
    );
  if (!shown) return null;
  if (!shown.outcome)
    return (
      <div className="test-result fail" data-testid="source-test-result" data-result="error" role="alert">
        <strong>Could not test:</strong> {shown.message}
      </div>
    );
  const { success, details, latencyMs, error, warnings } = shown.outcome;
  // A failed test's summary often repeats the error message; say it once.
  const summary = error && shown.outcome.summary === error.message ? '' : shown.outcome.summary;
  const warned = success && warnings.length > 0;
  return (
    <div
      className={`test-result ${success ? (warned ? 'warn' : 'pass') : 'fail'}`}
      data-testid="source-test-result"
      data-result={success ? (warned ? 'warn' : 'ok') : 'failed'}
      role="status"
    >
      <div className="test-head">
        <strong>{success ? (warned ? '⚠ Answered, with warnings' : '✓') : '✗ Test failed'}</strong>
        {summary && <span>{summary}</span>}
        <span className="muted test-latency">{Math.round(latencyMs)} ms</span>
      </div>
      {error && (
        <div className="test-error">
          <span className="error-kind">{error.kind}</span>: {error.message}
        </div>
      )}
      {warnings.length > 0 && (
        <ul className="test-warnings" data-testid="source-test-warnings">
          {warnings.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      {details.length > 0 && (
        <ul className="test-details">
          {details.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
