import type { TimelineEvent } from '../../../shared/domain/incident';
import { pinnedLines } from '../../logic/embed-chart';
import { parseEvidence } from '../../logic/embeds';
import { formatUtc } from '../../logic/format';
import { formatLabels } from '../../logic/log-level';
import { pinnedLogOf } from '../command/logs/evidence-data';
import { EmbedProblem } from './EmbedChart';
import { EmbedPlot } from './EmbedPlot';
import { LogText, Name, Prose } from '../text/UntrustedText';

/** A `pitwall-evidence` block: a pinned chart or log line, drawn from the copy frozen in its timeline event. */
export function EmbedEvidence({ source, timeline }: { source: string; timeline: readonly TimelineEvent[] }) {
  const parsed = parseEvidence(source);
  if (!parsed.ok) return <EmbedProblem message={parsed.error} />;
  const event = timeline.find((e) => e.id === parsed.value.event);
  if (!event) return <EmbedProblem message={`Timeline event ${parsed.value.event} is not on this incident's timeline.`} />;
  if (event.kind === 'pin-log') {
    const line = pinnedLogOf(event.data);
    if (!line) return <EmbedProblem message={`Event ${event.id} holds no readable log line.`} />;
    return (
      <figure className="embed embed-log" data-testid="embed-log">
        <figcaption>
          <strong>Pinned log line</strong>{' '}
          <span className="muted">
            {line.tMs !== null ? formatUtc(line.tMs) : 'time unknown'}
            {Object.keys(line.labels).length > 0 && (
              <>
                {' · '}
                <Name text={formatLabels(line.labels)} />
              </>
            )}
          </span>
        </figcaption>
        {/* Untrusted text from Loki: a text node, never markup. */}
        <pre className="embed-line">
          <LogText text={line.line} />
        </pre>
        {line.comment && (
          <p className="embed-comment">
            <Prose text={line.comment} />
          </p>
        )}
      </figure>
    );
  }
  if (event.kind === 'pin-metric') {
    const pinned = pinnedLines(event.data);
    if (!pinned || pinned.lines.length === 0) return <EmbedProblem message={`Event ${event.id} holds no readable chart data.`} />;
    return (
      <figure className="embed embed-chart" data-testid="embed-pinned-chart">
        <figcaption>
          <strong>
            <Name text={event.summary} />
          </strong>{' '}
          <span className="muted">
            pinned by <Name text={event.actor} />, frozen copy
          </span>
        </figcaption>
        <EmbedPlot lines={pinned.lines} fromMs={pinned.fromMs} toMs={pinned.toMs} />
        {pinned.dropped > 0 && <p className="muted">{pinned.dropped} more series not drawn (the highest are shown).</p>}
      </figure>
    );
  }
  return <EmbedProblem message={`Event ${event.id} is a ${event.kind} event, not pinned evidence.`} />;
}
