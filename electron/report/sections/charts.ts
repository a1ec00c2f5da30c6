import type { ChartSeries } from '../../../shared/chart/chart-data';
import type { ChartMarker } from '../../../shared/chart/markers';
import { METRICS } from '../../../shared/domain/telemetry';
import { alertRecords, correlationModel, seriesOf, type CorrelationModel } from '../charts/chart-model';
import { correlationSvg, MARKER_COLORS } from '../charts/correlation-svg';
import { gpuHeatmapSvg, MAX_GPU_ROWS } from '../charts/gpu-heatmap-svg';
import { html, join, raw, type SafeHtml } from '../html';
import { mdTable, mdText } from '../markdown';
import type { ReportContext } from '../report-context';
import { count, eventTime, percent, utc } from '../report-format';
import type { ReportSection } from './section';

/** The highest point of each line, with when it was first reached: the figures a reader quotes. */
export function peaks(lines: readonly ChartSeries[]): { label: string; axis: ChartSeries['axis']; value: number; at: number }[] {
  return lines.flatMap((l) => {
    let best: [number, number] | null = null;
    for (const [t, v] of l.points) if (v !== null && (best === null || v > best[1])) best = [t, v];
    return best ? [{ label: l.label, axis: l.axis, value: best[1], at: best[0] }] : [];
  });
}

const shown = (axis: ChartSeries['axis'], v: number): string => (axis === 'gpu' ? percent(v) : `${count(v)} tasks`);

export function model(r: ReportContext): CorrelationModel {
  return correlationModel(
    r.series.map((s, i) => ({ id: i + 1, sourceId: 0, metric: s.metric, labels: s.labels, points: s.points })),
    alertRecords(r.alerts),
    r.body.timeline,
    r.chartWindow,
    r.body.incident.times,
  );
}

export function markerRows(r: ReportContext, markers: readonly ChartMarker[]): [string, string, string, ChartMarker['kind']][] {
  const day = r.body.incident.times.declaredAt;
  // Restart and alert details already say what they are ("OOM kill: …", "alert firing: …"); incident ones are the event's words.
  return markers.map((m, i) => [String(i + 1), eventTime(m.t, day), m.detail.join('; '), m.kind]);
}

export function legend(lines: readonly ChartSeries[]): SafeHtml {
  return html`<ul class="legend">
    ${join(
      lines.map(
        (l) =>
          html`<li>
            <svg width="22" height="8" aria-hidden="true">
              <line
                x1="0"
                x2="22"
                y1="4"
                y2="4"
                stroke="${l.color}"
                stroke-width="2"
                ${raw(l.dashed ? ' stroke-dasharray="4 3"' : '')}
              /></svg
            >${l.label}
          </li>`,
      ),
    )}
  </ul>`;
}

/**
 * GPU memory against queue depth over the incident window, with its markers explained in a table,
 * the peaks in figures, and the per-GPU view. Drawn as vector SVG from the stored samples.
 */
export const chartsSection: ReportSection = {
  id: 'charts',
  title: 'GPU memory and queue depth',
  entries: () => null,
  html(r) {
    const m = model(r);
    const w = r.chartWindow;
    const caption = html`<p class="caption">
      ${utc(w.fromMs)} to ${utc(w.toMs)}. Left axis: GPU memory used (share of each GPU's memory; the pool's highest GPU and the mean of
      all). Right axis: tasks in the queues (all queues, by state). Numbered marks are listed below.
    </p>`;
    if (m.lines.length === 0) {
      return html`${caption}
        <p class="empty">No GPU memory or queue samples were stored for this window, so there is nothing to draw.</p>`;
    }
    const peakRows = peaks(m.lines).map(
      (p) =>
        html`<tr>
          <td>${p.label}</td>
          <td>${shown(p.axis, p.value)}</td>
          <td class="time">${utc(p.at)}</td>
        </tr>`,
    );
    const markers = markerRows(r, m.markers).map(
      ([n, t, what, kind]) =>
        html`<tr>
          <td class="nowrap"><span class="mark" style="background:${MARKER_COLORS[kind]}">${n}</span></td>
          <td class="time">${t}</td>
          <td class="text">${what}</td>
        </tr>`,
    );
    const perGpu = seriesOf(r.series, METRICS.gpuMemoryShare);
    const gpuCount = new Set(perGpu.map((s) => `${s.labels.node}/${s.labels.gpu}`)).size;
    const heatmap = perGpu.length
      ? html`<figure class="figure">
          ${gpuHeatmapSvg(perGpu, m.markers, r.chartWindow)}
          <p class="caption">
            Each row is one GPU, each cell its mean memory use in that slice of the window; dashed red lines are OOM
            kills.${gpuCount > MAX_GPU_ROWS ? ` The first ${MAX_GPU_ROWS} of ${gpuCount} GPUs are shown.` : ''}
          </p>
        </figure>`
      : html`<p class="empty">No per-GPU samples were stored for this window.</p>`;
    const markerTable = markers.length
      ? html`<table class="events markers">
          <thead>
            <tr>
              <th class="nowrap">#</th>
              <th class="time">Time (UTC)</th>
              <th>What happened</th>
            </tr>
          </thead>
          <tbody>
            ${join(markers)}
          </tbody>
        </table>`
      : html`<p class="empty">No OOM kills, restarts, alerts or incident changes in this window.</p>`;
    return html`<figure class="figure">
        ${correlationSvg(m, 'GPU memory share against queue depth over the incident window')}${legend(m.lines)}${caption}
      </figure>
      <h3>Per GPU</h3>
      ${heatmap}
      <h3>Peaks</h3>
      <table class="kv peaks">
        <thead>
          <tr>
            <th>Line</th>
            <th>Peak</th>
            <th>First reached</th>
          </tr>
        </thead>
        <tbody>
          ${join(peakRows)}
        </tbody>
      </table>
      <h3>Marked on the charts</h3>
      ${markerTable}`;
  },
  markdown(r) {
    const m = model(r);
    const w = r.chartWindow;
    const head = `Window: ${utc(w.fromMs)} to ${utc(w.toMs)}. The charts themselves are in the PDF report; their figures:`;
    if (m.lines.length === 0) return `${head}\n\n_No GPU memory or queue samples were stored for this window._`;
    const peakTable = mdTable(
      ['Line', 'Peak', 'First reached'],
      peaks(m.lines).map((p) => [p.label, shown(p.axis, p.value), utc(p.at)]),
    );
    const marks = markerRows(r, m.markers);
    const markTable = marks.length
      ? mdTable(
          ['#', 'Time (UTC)', 'What happened'],
          marks.map(([n, t, what]) => [n, t, what]),
        )
      : `_${mdText('No OOM kills, restarts, alerts or incident changes in this window.')}_`;
    return [head, peakTable, markTable].join('\n\n');
  },
};
