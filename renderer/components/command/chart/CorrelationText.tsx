import { useDeferredValue, useMemo, useState } from 'react';
import { combine, type ChartSeries, type TimeWindow } from '../../../../shared/chart/chart-data';
import { correlationSentence } from '../../../logic/correlation';

interface Props {
  lines: readonly ChartSeries[];
  win: TimeWindow;
  /** How the queue side is named in the sentence, e.g. "queue depth (pending+retry, all queues)". */
  queueName: string;
}

/** Which GPU line(s) the sentence compares, in words. */
function gpuName(gpuLines: readonly ChartSeries[]): string {
  if (gpuLines.length === 1 && gpuLines[0]?.key === 'gpu:max') return 'GPU memory (pool max)';
  if (gpuLines.length === 1) return `GPU memory (${gpuLines[0]?.label ?? 'one line'})`;
  const perGpu = gpuLines.some((l) => l.label.includes(' GPU '));
  return `GPU memory (highest of the ${gpuLines.length} ${perGpu ? 'GPU' : 'node'} lines)`;
}

/**
 * The lagged correlation between what the chart shows on its two axes, in words, naming exactly the
 * lines compared: GPU memory (the highest drawn GPU line at each moment — the one that runs out
 * first) against queue depth (the drawn queue lines summed). Said only when it means something
 * (logic/correlation.ts `meaningless`), and the lag last said is kept while it stays as good as any,
 * so the sentence does not change with every poll.
 */
export function CorrelationText({ lines: nowLines, win: nowWin, queueName: nowName }: Props) {
  // Computed in a background render after the chart's own: a sentence a frame later, not a chart
  // a dozen milliseconds later (the lagged correlation runs over every lag on each data change).
  const current = useMemo(() => ({ lines: nowLines, win: nowWin, queueName: nowName }), [nowLines, nowWin, nowName]);
  const { lines, win, queueName } = useDeferredValue(current);
  // The lag last said for these two lines: a hint for the next computation, set after each render.
  const [said, setSaid] = useState<{ names: string; lagMs: number } | null>(null);
  const text = useMemo(() => {
    const gpuLines = lines.filter((l) => l.axis === 'gpu' && l.key !== 'gpu:avg');
    const queue = lines.filter((l) => l.axis === 'queue').map((l) => l.points);
    if (gpuLines.length === 0 || queue.length === 0) return null;
    const aName = gpuName(gpuLines);
    const names = `${aName}|${queueName}`;
    const a = combine(
      gpuLines.map((l) => l.points),
      'max',
      win,
      600,
    );
    const b = combine(queue, 'sum', win, 600);
    const previous = said?.names === names ? said.lagMs : null;
    return { ...correlationSentence(a, b, win, aName, queueName, previous), names };
  }, [lines, win, queueName, said]);
  const names = text?.sentence ? text.names : null;
  const lagMs = text?.sentence ? text.c.lagMs : null;
  // Adjusted during render (React's pattern for state derived from the previous render): no effect, no extra commit.
  if (names !== null && lagMs !== null && (said?.names !== names || said.lagMs !== lagMs)) setSaid({ names, lagMs });
  if (!text) return null;
  // Withheld: nothing is shown; the reason stays in the page for tests and for whoever inspects it.
  if (text.sentence === null) return <span hidden data-testid="correlation-withheld" data-reason={text.withheld} />;
  return (
    <p className="correlation-text" data-testid="correlation-text" data-r={text.c.r.toFixed(3)} data-lag-ms={text.c.lagMs}>
      {text.sentence}
      <span className="muted"> — over the visible window, {text.c.pairs} points compared</span>
    </p>
  );
}
