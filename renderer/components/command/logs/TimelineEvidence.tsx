import type { TimelineEvent } from '../../../../shared/domain/incident';
import { formatMetricValue, seriesName, type Extreme } from '../../../../shared/domain/metric-values';
import { metricTitle } from '../../../../shared/domain/telemetry';
import { formatUtc, formatUtcTime } from '../../../logic/format';
import { formatLabels } from '../../../logic/log-level';
import { TimelineChecklist } from '../../playbooks/TimelineChecklist';
import { pinnedLogOf, pinnedMetricOf } from './evidence-data';
import '../../../styles/logs.css';
import { ExpandableText, Name, Prose } from '../../text/UntrustedText';

/** "99.1 % at 11:42:15Z (gpu-node-01 GPU 3)": a value with its unit, when it was first reached, and where. */
function extremeText(metric: string, e: Extreme): string {
  const where = seriesName(e.labels);
  return `${formatMetricValue(metric, e.value)} at ${formatUtcTime(e.t)}${where ? ` (${where})` : ''}`;
}

function PinnedLogView({ data }: { data: unknown }) {
  const pinned = pinnedLogOf(data);
  if (!pinned) return null;
  return (
    <div className="evidence evidence-log" data-testid="timeline-evidence" data-evidence="log">
      {/* Untrusted text from Loki: text nodes, cut when long with the whole line one click away. */}
      <div className="evidence-line">
        <ExpandableText text={pinned.line} kind="log" />
      </div>
      <span className="evidence-meta">
        {pinned.tMs !== null ? formatUtc(pinned.tMs) : 'time unknown'}
        {Object.keys(pinned.labels).length > 0 && (
          <>
            {' · '}
            <Name text={formatLabels(pinned.labels)} />
          </>
        )}
      </span>
      {pinned.query && (
        <span className="evidence-meta">
          query: <Name text={pinned.query} />
        </span>
      )}
      {pinned.comment && <Prose text={pinned.comment} />}
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
        <dd>{pinned.metrics.map(metricTitle).join(', ') || 'unknown'}</dd>
        <dt>window</dt>
        <dd>
          {pinned.fromMs !== null ? formatUtc(pinned.fromMs) : '?'} – {pinned.toMs !== null ? formatUtc(pinned.toMs) : '?'}
        </dd>
        <dt>series</dt>
        <dd>
          {pinned.seriesCount} ({pinned.pointCount.toLocaleString('en-US')} points)
        </dd>
      </dl>
      {/* One block per metric: titles and series names can be long, so nothing here sits in a narrow column. */}
      <ul className="evidence-extremes">
        {pinned.extremes.map((m) => (
          <li
            key={m.metric}
            data-testid="evidence-extreme"
            data-metric={m.metric}
            data-max={m.max?.value ?? ''}
            data-max-t={m.max?.t ?? ''}
            data-min={m.min?.value ?? ''}
          >
            <span className="evidence-title">
              <Name text={m.title} />
            </span>
            {m.max && m.min ? (
              <>
                <span className="evidence-peak">
                  <Name text={`peak ${extremeText(m.metric, m.max)}`} />
                </span>
                <span className="evidence-low">
                  <Name text={`low ${extremeText(m.metric, m.min)}`} />
                </span>
              </>
            ) : (
              <span className="evidence-low">no values</span>
            )}
          </li>
        ))}
      </ul>
      {pinned.comment && <Prose text={pinned.comment} />}
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
