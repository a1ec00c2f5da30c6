import { useDeferredValue, useMemo } from 'react';
import { combine, type ChartSeries, type TimeWindow } from '../../../../shared/chart/chart-data';
import { describeCorrelation, laggedCorrelation } from '../../../logic/correlation';

interface Props {
  lines: readonly ChartSeries[];
  win: TimeWindow;
  /** How the queue side is named in the sentence, e.g. "queue depth (pending+retry)". */
  queueName: string;
}

/**
 * The lagged correlation between what the chart shows on its two axes, in words: GPU memory (the
 * highest drawn line at each moment — the one that runs out first) against queue depth (the drawn
 * queue lines summed). Nothing is shown when the window holds too little overlapping data.
 */
export function CorrelationText({ lines: nowLines, win: nowWin, queueName: nowName }: Props) {
  // Computed in a background render after the chart's own: a sentence a frame later, not a chart
  // a dozen milliseconds later (the lagged correlation runs over every lag on each data change).
  const current = useMemo(() => ({ lines: nowLines, win: nowWin, queueName: nowName }), [nowLines, nowWin, nowName]);
  const { lines, win, queueName } = useDeferredValue(current);
  const text = useMemo(() => {
    const gpu = lines.filter((l) => l.axis === 'gpu' && l.key !== 'gpu:avg').map((l) => l.points);
    const queue = lines.filter((l) => l.axis === 'queue').map((l) => l.points);
    if (gpu.length === 0 || queue.length === 0) return null;
    const a = combine(gpu, 'max', win, 600);
    const b = combine(queue, 'sum', win, 600);
    const c = laggedCorrelation(a, b, win);
    return c.kind === 'ok' ? { sentence: describeCorrelation(c, 'GPU memory', queueName), c } : null;
  }, [lines, win, queueName]);
  if (!text) return null;
  return (
    <p className="correlation-text" data-testid="correlation-text" data-r={text.c.r.toFixed(3)} data-lag-ms={text.c.lagMs}>
      {text.sentence}
      <span className="muted"> — over the visible window, {text.c.pairs} points compared</span>
    </p>
  );
}
