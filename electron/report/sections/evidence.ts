import { z } from 'zod';
import { metricTitle, type SeriesData } from '../../../shared/domain/telemetry';
import type { BundleEvent } from '../../bundle/bundle-schema';
import { correlationModel } from '../charts/chart-model';
import { correlationSvg } from '../charts/correlation-svg';
import { legend, markerRows } from './charts';
import { html, join, type SafeHtml } from '../html';
import { mdCode, mdText } from '../markdown';
import type { ReportContext } from '../report-context';
import { eventTime, utc } from '../report-format';
import type { ReportSection } from './section';

/* Evidence data comes from the timeline, possibly from an imported file: read it by shape, never trust it. */

const pinnedLog = z.object({
  source: z.string().nullable().optional(),
  tMs: z.number(),
  labels: z.record(z.string(), z.string()).optional(),
  line: z.string(),
  comment: z.string().optional(),
});

const point = z.tuple([z.number(), z.number().nullable()]);
const pinnedWindow = z.object({
  metrics: z.array(z.string()),
  fromMs: z.number(),
  toMs: z.number(),
  series: z.array(z.object({ metric: z.string(), labels: z.record(z.string(), z.string()), points: z.array(point) })),
  comment: z.string().optional(),
});

function labelText(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

function logEntries(r: ReportContext): { e: BundleEvent; log: z.infer<typeof pinnedLog> | null }[] {
  return r.eventsOf('pin-log').map((e) => {
    const parsed = pinnedLog.safeParse(e.data);
    return { e, log: parsed.success ? parsed.data : null };
  });
}

function windowChart(e: BundleEvent, r: ReportContext): SafeHtml {
  const parsed = pinnedWindow.safeParse(e.data);
  if (!parsed.success || parsed.data.toMs <= parsed.data.fromMs) return html`<p class="empty">The pinned data could not be read.</p>`;
  const w = parsed.data;
  const series: SeriesData[] = w.series.map((s, i) => ({ id: i + 1, sourceId: 0, metric: s.metric, labels: s.labels, points: s.points }));
  const m = correlationModel(series, [], r.body.timeline, { fromMs: w.fromMs, toMs: w.toMs });
  if (m.lines.length === 0) {
    return html`<p class="empty">
      ${w.metrics.map(metricTitle).join(', ')}: ${w.series.length} series pinned (not GPU memory or queue depth, so not drawn here).
    </p>`;
  }
  const marks = markerRows(r, m.markers).map(([n, t, what]) => `${n} at ${t}: ${what}`);
  return html`${correlationSvg(m, `Pinned window ${utc(w.fromMs)} to ${utc(w.toMs)}`)}${legend(m.lines)}
  ${marks.length ? html`<p class="caption">Marks: ${marks.join('; ')}.</p>` : ''}`;
}

/** The appendix: pinned metric windows redrawn from the copies pinned with them, and pinned log lines as text. */
export const evidenceSection: ReportSection = {
  id: 'evidence',
  title: 'Appendix: pinned evidence',
  entries: (r) => r.eventsOf('pin-log').length + r.eventsOf('pin-metric').length,
  html(r) {
    const day = r.body.incident.times.declaredAt;
    const windows = r.eventsOf('pin-metric').map(
      (e) =>
        html`<figure class="figure pinned">
          <figcaption>${eventTime(e.at, day)} · ${e.actor} · ${e.summary}</figcaption>
          ${windowChart(e, r)}
        </figure>`,
    );
    const logs = logEntries(r).map(({ e, log }) =>
      log
        ? html`<div class="logline">
            <p class="logmeta">
              ${utc(log.tMs)}${log.source ? ` · ${log.source}` : ''} · pinned by ${e.actor} at
              ${eventTime(e.at, day)}${log.labels ? html` · <span class="labels">${labelText(log.labels)}</span>` : ''}
            </p>
            <pre>${log.line}</pre>
            ${log.comment ? html`<p class="comment">${log.comment}</p>` : ''}
          </div>`
        : html`<div class="logline">
            <p class="logmeta">${eventTime(e.at, day)} · ${e.actor}</p>
            <pre>${e.summary}</pre>
          </div>`,
    );
    return html`<h3>Pinned metric windows</h3>
      ${windows.length ? join(windows) : html`<p class="empty">No metric windows were pinned.</p>`}
      <h3>Pinned log lines</h3>
      ${logs.length ? join(logs) : html`<p class="empty">No log lines were pinned.</p>`}`;
  },
  markdown(r) {
    const day = r.body.incident.times.declaredAt;
    const windows = r.eventsOf('pin-metric').map((e) => `- ${mdText(`${eventTime(e.at, day)} · ${e.actor} · ${e.summary}`)}`);
    const logs = logEntries(r).map(({ e, log }) => {
      const head = log
        ? `${utc(log.tMs)}${log.source ? ` · ${log.source}` : ''} · pinned by ${e.actor} at ${eventTime(e.at, day)}${log.labels ? ` · ${labelText(log.labels)}` : ''}`
        : `${eventTime(e.at, day)} · ${e.actor}`;
      const comment = log?.comment ? `\n\n${mdText(log.comment)}` : '';
      return `**${mdText(head)}**\n\n${mdCode(log ? log.line : e.summary)}${comment}`;
    });
    return [
      '### Pinned metric windows',
      windows.length ? windows.join('\n') : '_No metric windows were pinned._',
      '### Pinned log lines',
      logs.length ? logs.join('\n\n') : '_No log lines were pinned._',
    ].join('\n\n');
  },
};
