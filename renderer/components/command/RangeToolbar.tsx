import { useState, type FormEvent } from 'react';
import type { TimeWindow } from '../../../shared/chart/chart-data';
import { useNow } from '../../hooks/useNow';
import { formatStamp, formatTime, fromTimeInput, toTimeInput, zoneName } from '../../logic/format';
import { withFollow, withPreset } from '../../logic/range-actions';
import { RANGE_PRESETS, type RangePreset, type ViewRange } from '../../logic/view-range';
import { setViewRange } from '../../state/telemetry';
import { TimeInput } from '../time/TimeInput';

const LABEL: Record<RangePreset, string> = {
  '15m': '15 m',
  '1h': '1 h',
  '6h': '6 h',
  '24h': '24 h',
  incident: 'incident',
  custom: 'custom',
};

function CustomRange({ shown }: { shown: TimeWindow }) {
  const [from, setFrom] = useState(() => toTimeInput(shown.fromMs));
  const [to, setTo] = useState(() => toTimeInput(shown.toMs));
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const a = fromTimeInput(from);
    const b = fromTimeInput(to);
    if (a === null || b === null) setError('Enter both times.');
    else if (Number.isNaN(a) || Number.isNaN(b)) setError(`Write times as YYYY-MM-DD HH:MM:SS (${zoneName()}).`);
    else if (a >= b) setError('The start must be before the end.');
    else {
      setError(null);
      setViewRange({ preset: 'custom', fromMs: a, toMs: b });
    }
  };
  return (
    <form className="custom-range" onSubmit={submit}>
      <TimeInput value={from} onChange={setFrom} aria-label={`From (${zoneName()})`} testId="range-from" />
      <span className="muted">to</span>
      <TimeInput value={to} onChange={setTo} aria-label={`To (${zoneName()})`} testId="range-to" />
      <button type="submit" className="btn btn-small" data-testid="range-apply">
        Show
      </button>
      {error && <span className="field-error">{error}</span>}
    </form>
  );
}

/**
 * The window every command-view panel shows: rolling presets that follow the clock, the incident's
 * own window, or a custom one (also what a brush zoom sets). Turning follow off freezes the window.
 */
export function RangeToolbar({
  range,
  shown,
  live,
  hasIncident,
}: {
  range: ViewRange;
  shown: TimeWindow;
  live: boolean;
  hasIncident: boolean;
}) {
  const now = useNow(60_000);
  return (
    <div className="range-toolbar" role="toolbar" aria-label="Time range">
      <span className="range-presets">
        {RANGE_PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className="btn btn-small"
            aria-pressed={range.preset === p}
            disabled={p === 'incident' && !hasIncident}
            onClick={() => setViewRange(withPreset(p, shown))}
            data-testid={`range-${p}`}
          >
            {LABEL[p]}
          </button>
        ))}
      </span>
      <label className="range-follow">
        <input
          type="checkbox"
          checked={live}
          onChange={(e) => setViewRange(withFollow(range, e.target.checked, shown))}
          data-testid="range-follow"
        />
        live
      </label>
      <span className="range-shown muted" data-testid="range-shown" title={`${formatTime(shown.fromMs)} – ${formatTime(shown.toMs)}`}>
        {formatStamp(shown.fromMs, now)} – {formatStamp(shown.toMs, shown.fromMs)}
      </span>
      {range.preset === 'custom' && <CustomRange key={`${shown.fromMs}-${shown.toMs}`} shown={shown} />}
    </div>
  );
}
