import { useEffect, useState } from 'react';
import type { SeriesData } from '../../../shared/domain/telemetry';
import { call, errorMessage } from '../../api/client';
import { specLines, type EmbedLine } from '../../logic/embed-chart';
import { parseChart } from '../../logic/embeds';
import { formatUtc } from '../../logic/format';
import { EmbedPlot } from './EmbedPlot';
import { Name } from '../text/UntrustedText';

type Loaded = { kind: 'error'; message: string } | { kind: 'ready'; lines: EmbedLine[]; dropped: number };

/** A `pitwall-chart` block: the stored samples of its window, read from this machine's database, never from a source. */
export function EmbedChart({ source }: { source: string }) {
  const parsed = parseChart(source);
  const key = parsed.ok ? JSON.stringify(parsed.value) : null;
  // What was read, for which block: an answer for an older version of the block is not shown.
  const [loaded, setLoaded] = useState<{ key: string; state: Loaded } | null>(null);

  useEffect(() => {
    if (!parsed.ok) return;
    const spec = parsed.value;
    let live = true;
    const mine = key ?? '';
    Promise.all(
      spec.series.map((s) =>
        call('telemetry:get-series', { metric: s.metric, fromMs: spec.from, toMs: spec.to, match: s.match, maxPoints: 400 }).then(
          (r): SeriesData[] => r.series,
        ),
      ),
    )
      .then((results) => live && setLoaded({ key: mine, state: { kind: 'ready', ...specLines(spec, results) } }))
      .catch(
        (err: unknown) =>
          live && setLoaded({ key: mine, state: { kind: 'error', message: `Could not read the stored samples: ${errorMessage(err)}` } }),
      );
    return () => {
      live = false;
    };
    // `key` is the spec's content: a re-render with the same block must not read again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (!parsed.ok) return <EmbedProblem message={parsed.error} />;
  const spec = parsed.value;
  const state = loaded?.key === key ? loaded.state : null;
  return (
    <figure className="embed embed-chart" data-testid="embed-chart">
      <figcaption>
        <strong>
          <Name text={spec.title || 'Chart'} />
        </strong>{' '}
        <span className="muted">
          {formatUtc(spec.from)} – {formatUtc(spec.to)} · stored samples
        </span>
      </figcaption>
      {state === null && <p className="muted">Reading stored samples…</p>}
      {state?.kind === 'error' && <EmbedProblem message={state.message} />}
      {state?.kind === 'ready' && state.lines.length === 0 && (
        <p className="embed-empty" data-testid="embed-empty">
          No samples of {spec.series.map((s) => s.metric).join(' or ')} are stored for this window on this machine.
        </p>
      )}
      {state?.kind === 'ready' && state.lines.length > 0 && <EmbedPlot lines={state.lines} fromMs={spec.from} toMs={spec.to} />}
      {state?.kind === 'ready' && state.dropped > 0 && (
        <p className="muted">{state.dropped} more lines not drawn (the highest are shown).</p>
      )}
    </figure>
  );
}

export function EmbedProblem({ message }: { message: string }) {
  return (
    <p className="embed embed-problem" role="note" data-testid="embed-problem">
      {message}
    </p>
  );
}
