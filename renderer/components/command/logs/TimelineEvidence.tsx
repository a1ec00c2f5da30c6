import type { TimelineEvent } from '../../../../shared/domain/incident';
import { formatUtc } from '../../../logic/format';
import { formatLabels } from '../../../logic/log-level';
import { TimelineChecklist } from '../../playbooks/TimelineChecklist';
import { pinnedLogOf, pinnedMetricOf } from './evidence-data';
import '../../../styles/logs.css';

// Shares are 0..1; anything else is shown as the number it is.
function formatValue(v: number): string {
  return Math.abs(v) >= 1000 ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : String(Math.round(v * 1000) / 1000);
}

function PinnedLogView({ data }: { data: unknown }) {
  const pinned = pinnedLogOf(data);
  if (!pinned) return null;
  return (
    <div className="evidence evidence-log" data-testid="timeline-evidence" data-evidence="log">
      {/* Untrusted text from Loki: a text node inside <pre>, never markup. */}
      <pre className="evidence-line">{pinned.line}</pre>
      <span className="evidence-meta">
        {pinned.tMs !== null ? formatUtc(pinned.tMs) : 'time unknown'}
        {Object.keys(pinned.labels).length > 0 && ` · ${formatLabels(pinned.labels)}`}
      </span>
      {pinned.query && <span className="evidence-meta">query: {pinned.query}</span>}
      {pinned.comment && <span>{pinned.comment}</span>}
    </div>
  );
}

function PinnedMetricView({ data }: { data: unknown }) {
  const pinned = pinnedMetricOf(data);
  if (!pinned) return null;
  return (
    <div className="evidence evidence-metric" data-testid="timeline-evidence" data-evidence="metric">
      <dl>
        <dt>metrics</dt>
        <dd>{pinned.metrics.join(', ') || 'unknown'}</dd>
        <dt>window</dt>
        <dd>
          {pinned.fromMs !== null ? formatUtc(pinned.fromMs) : '?'} – {pinned.toMs !== null ? formatUtc(pinned.toMs) : '?'}
        </dd>
        <dt>series</dt>
        <dd>
          {pinned.seriesCount} ({pinned.pointCount.toLocaleString('en-US')} points)
        </dd>
        <dt>min / max</dt>
        <dd>{pinned.min !== null && pinned.max !== null ? `${formatValue(pinned.min)} / ${formatValue(pinned.max)}` : 'no values'}</dd>
      </dl>
      {pinned.comment && <span>{pinned.comment}</span>}
    </div>
  );
}

/** What a pin-log or pin-metric event copied, or the evidence a checklist tick froze, under its summary; nothing for other kinds. */
export function TimelineEvidence({ event }: { event: TimelineEvent }) {
  if (event.kind === 'pin-log') return <PinnedLogView data={event.data} />;
  if (event.kind === 'pin-metric') return <PinnedMetricView data={event.data} />;
  if (event.kind === 'checklist') return <TimelineChecklist event={event} />;
  return null;
}
