import { useState } from 'react';
import { METRICS } from '../../../../shared/domain/telemetry';
import { call, errorMessage } from '../../../api/client';
import type { GpuMode, TimeWindow } from '../../../../shared/chart/chart-data';
import { formatUtc } from '../../../logic/format';
import { appendEvent } from '../../../state/detail';

interface Props {
  incidentId: number;
  win: TimeWindow;
  gpuMode: GpuMode;
}

/**
 * Pins the visible window to the incident's timeline as evidence. Main copies the stored series
 * (GPU memory as drawn, queue depth, restarts and OOM flags) into the event, so the postmortem
 * keeps them after retention has rolled the raw samples up.
 */
export function PinButton({ incidentId, win, gpuMode }: Props) {
  const [state, setState] = useState<{ busy: boolean; message: string | null; failed: boolean }>({
    busy: false,
    message: null,
    failed: false,
  });
  const pin = async (): Promise<void> => {
    setState({ busy: true, message: null, failed: false });
    const gpuMetric = gpuMode === 'node' ? METRICS.nodeGpuMemoryShare : METRICS.gpuMemoryShare;
    try {
      const event = await call('incident:pin-evidence', {
        kind: 'metric-window',
        id: incidentId,
        metrics: [gpuMetric, METRICS.queueDepth, METRICS.podRestarts, METRICS.podLastOom],
        fromMs: win.fromMs,
        toMs: win.toMs,
        comment: `GPU memory against queue depth, ${formatUtc(win.fromMs)} – ${formatUtc(win.toMs)}`,
      });
      appendEvent(event);
      setState({ busy: false, message: 'Pinned to the timeline', failed: false });
    } catch (err) {
      setState({ busy: false, message: `Could not pin: ${errorMessage(err)}`, failed: true });
    }
  };
  return (
    <span className="chart-pin">
      <button
        type="button"
        className="btn btn-small"
        disabled={state.busy}
        onClick={() => void pin()}
        data-testid="chart-pin"
        title="Copy the visible window's series into the incident timeline"
      >
        {state.busy ? 'Pinning…' : 'Pin window'}
      </button>
      {state.message && (
        <span className={state.failed ? 'inline-error' : 'muted'} role="status" data-testid="chart-pin-status">
          {state.message}
        </span>
      )}
    </span>
  );
}
