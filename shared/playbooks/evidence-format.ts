import { formatDuration } from '../domain/response-metrics';
import type { EvidenceReading, EvidenceUnit } from './evidence';

/** How evidence numbers are written, the same in the checklist, the timeline and a report. */
export function formatEvidenceValue(value: number, unit: EvidenceUnit): string {
  switch (unit) {
    case 'share':
      return `${(value * 100).toFixed(1)}%`;
    case 'seconds':
      return formatDuration(value * 1000);
    case 'lines-per-min':
      return `${value >= 10 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1)}/min`;
    default:
      return Math.round(value).toLocaleString('en-US');
  }
}

/** "+980", "−12.3 pts", "+2m 10s" — the change over the window; "" when there is none to show. */
export function formatTrendDelta(r: Pick<EvidenceReading, 'trend' | 'unit'>): string {
  if (!r.trend) return '';
  const d = r.trend.to - r.trend.from;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const abs = Math.abs(d);
  switch (r.unit) {
    case 'share':
      return `${sign}${(abs * 100).toFixed(1)} pts`;
    case 'seconds':
      return `${sign}${formatDuration(abs * 1000)}`;
    case 'lines-per-min':
      return `${sign}${abs >= 10 ? Math.round(abs).toLocaleString('en-US') : abs.toFixed(1)}/min`;
    default:
      return `${sign}${Math.round(abs).toLocaleString('en-US')}`;
  }
}

/** Rising, falling or flat, judged against the size of the value (1% of it, or one unit for counts). */
export function trendDirection(r: Pick<EvidenceReading, 'trend' | 'unit'>): 'up' | 'down' | 'flat' | null {
  if (!r.trend) return null;
  const d = r.trend.to - r.trend.from;
  const scale = r.unit === 'share' ? 0.01 : Math.max(1e-9, Math.abs(r.trend.from) * 0.01, r.unit === 'seconds' ? 1 : 0.5);
  return Math.abs(d) < scale ? 'flat' : d > 0 ? 'up' : 'down';
}
