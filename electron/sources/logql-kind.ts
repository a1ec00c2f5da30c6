/**
 * Whether a LogQL expression returns numbers (a range aggregation such as `count_over_time(...[1m])`)
 * rather than lines. Every metric query has a `[range]`; quoted filter strings are removed first so a
 * regex like `|~ "[0-9]+"` is not mistaken for one.
 */
export function isLogqlMetricQuery(expr: string): boolean {
  const unquoted = expr.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '""');
  return /\[\s*[^\]\s]+\s*\]/.test(unquoted);
}
