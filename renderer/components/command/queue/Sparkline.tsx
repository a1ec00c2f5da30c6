import { sparklinePoints } from '../../../logic/queue-table';

const W = 56;
const H = 16;

/** A tiny line of pending tasks; decorative, the numbers beside it carry the meaning. */
export function Sparkline({ values }: { values: readonly number[] }) {
  if (values.length < 2) return <svg width={W} height={H} aria-hidden="true" />;
  return (
    <svg width={W} height={H} viewBox={`-1 -1 ${W + 2} ${H + 2}`} aria-hidden="true">
      <polyline points={sparklinePoints(values, W, H)} />
    </svg>
  );
}
