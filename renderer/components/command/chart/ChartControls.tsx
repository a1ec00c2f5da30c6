import { QUEUE_STATES, type QueueState } from '../../../../shared/domain/telemetry';
import { GPU_MODES, type GpuMode, type QueueView } from '../../../../shared/chart/chart-data';

const GPU_MODE_LABEL: Record<GpuMode, string> = { pool: 'pool max / mean', node: 'per node', gpu: 'per GPU' };

interface Props {
  gpuMode: GpuMode;
  onGpuMode: (mode: GpuMode) => void;
  queue: QueueView;
  onQueue: (view: QueueView) => void;
  queues: readonly string[];
}

/** What the two axes show: how GPU memory is drawn, and which queues and states are counted. */
export function ChartControls({ gpuMode, onGpuMode, queue, onQueue, queues }: Props) {
  const toggle = (state: QueueState, on: boolean): void => {
    const states = QUEUE_STATES.filter((s) => (s === state ? on : queue.states.includes(s)));
    onQueue({ ...queue, states });
  };
  return (
    <div className="chart-controls">
      <label>
        GPU memory{' '}
        <select value={gpuMode} onChange={(e) => onGpuMode(e.target.value as GpuMode)} data-testid="chart-gpu-mode">
          {GPU_MODES.map((m) => (
            <option key={m} value={m}>
              {GPU_MODE_LABEL[m]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Queue depth{' '}
        <select value={queue.queue} onChange={(e) => onQueue({ ...queue, queue: e.target.value })} data-testid="chart-queue">
          <option value="all">all queues, by state</option>
          <option value="each">by queue</option>
          {queues.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
      </label>
      <span className="state-toggles" role="group" aria-label="Queue states">
        {QUEUE_STATES.map((s) => (
          <label key={s} className={`state-toggle state-${s}`}>
            <input
              type="checkbox"
              checked={queue.states.includes(s)}
              onChange={(e) => toggle(s, e.target.checked)}
              data-testid={`chart-state-${s}`}
            />
            {s}
          </label>
        ))}
      </span>
    </div>
  );
}
