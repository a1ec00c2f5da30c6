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
  const { success, details, latencyMs, error } = shown.outcome;
  // A failed test's summary often repeats the error message; say it once.
  const summary = error && shown.outcome.summary === error.message ? '' : shown.outcome.summary;
  return (
    <div
      className={`test-result ${success ? 'pass' : 'fail'}`}
      data-testid="source-test-result"
      data-result={success ? 'ok' : 'failed'}
      role="status"
    >
      <div className="test-head">
        <strong>{success ? '✓' : '✗ Test failed'}</strong>
        {summary && <span>{summary}</span>}
        <span className="muted test-latency">{Math.round(latencyMs)} ms</span>
      </div>
      {error && (
        <div className="test-error">
          <span className="error-kind">{error.kind}</span>: {error.message}
        </div>
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
