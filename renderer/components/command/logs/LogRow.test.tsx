import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../../shared/domain/incident';
import type { LogLine } from '../../../../shared/domain/telemetry';
import { lineKey } from '../../../state/logs';
import { rowsAddedAbove, virtualisationEnabled } from './LogList';
import { LogRow } from './LogRow';
import { TimelineEvidence } from './TimelineEvidence';

const HOSTILE = '<img src=x onerror="window.pwned=1"> & <script>alert(1)</script>';

const line: LogLine = {
  tNs: '1767225600123456789',
  tMs: 1767225600123,
  labels: { app: '<b>echo</b>', level: 'error' },
  line: HOSTILE,
  level: 'error',
};

const noop = (): void => undefined;

describe('LogRow', () => {
  it('shows an HTML-looking line as text, never as markup', () => {
    const html = renderToStaticMarkup(<LogRow line={line} selected={false} pin="none" onSelect={noop} onPin={noop} />);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.pwned=1&quot;&gt; &amp; &lt;script&gt;');
    expect(html).toContain('data-level="error"');
  });
  it('offers a pin only when there is an incident to pin to', () => {
    expect(renderToStaticMarkup(<LogRow line={line} selected={false} pin={null} onSelect={noop} onPin={noop} />)).not.toContain('log-pin');
    expect(renderToStaticMarkup(<LogRow line={line} selected={false} pin="pinned" onSelect={noop} onPin={noop} />)).toContain('Pinned');
  });
  it('marks a line without a level as unknown', () => {
    const html = renderToStaticMarkup(
      <LogRow line={{ ...line, level: null, labels: {}, line: 'GET /x 200' }} selected pin={null} onSelect={noop} onPin={noop} />,
    );
    expect(html).toContain('data-level="unknown"');
  });
});

describe('TimelineEvidence', () => {
  const event = (kind: TimelineEvent['kind'], data: Record<string, unknown>): TimelineEvent => ({
    id: 1,
    incidentId: 1,
    at: 0,
    kind,
    actor: 'dana',
    summary: 'pinned',
    data,
  });

  it('shows a pinned hostile line as text with its labels', () => {
    const html = renderToStaticMarkup(
      <TimelineEvidence event={event('pin-log', { line: { tNs: line.tNs, labels: line.labels, line: HOSTILE } })} />,
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x');
    expect(html).toContain('app=&quot;&lt;b&gt;echo&lt;/b&gt;&quot;');
    expect(html).toContain('2026-01-01 00:00:00Z');
  });
  it('summarises a pinned metric window per metric, each with its unit and the time of its peak', () => {
    const t0 = Date.UTC(2026, 11, 4, 11, 0, 0);
    const html = renderToStaticMarkup(
      <TimelineEvidence
        event={event('pin-metric', {
          metrics: ['gpu.memory.share', 'queue.depth'],
          series: [
            {
              metric: 'gpu.memory.share',
              labels: { node: 'gpu-node-01', gpu: '3' },
              points: [
                [t0, 0.196],
                [t0 + 42 * 60_000 + 15_000, 0.991],
              ],
            },
            {
              metric: 'queue.depth',
              labels: { queue: 'ocr', state: 'pending' },
              points: [
                [t0, 4],
                [t0 + 50 * 60_000, 1_212],
              ],
            },
          ],
        })}
      />,
    );
    expect(html).toContain('GPU memory used, Queue depth');
    expect(html).toContain('peak 99.1 % at 11:42:15Z (gpu-node-01 GPU 3)');
    expect(html).toContain('low 19.6 % at 11:00:00Z (gpu-node-01 GPU 3)');
    expect(html).toContain('peak 1,212 tasks at 11:50:00Z (ocr pending)');
    expect(html).not.toContain('0.196 / 1,212');
  });
  it('draws nothing for other kinds or broken data', () => {
    expect(renderToStaticMarkup(<TimelineEvidence event={event('note', { line: 'x' })} />)).toBe('');
    expect(renderToStaticMarkup(<TimelineEvidence event={event('pin-log', { nope: true })} />)).toBe('');
  });
});

describe('virtualisationEnabled', () => {
  it('is on unless the bench baseline turns it off', () => {
    expect(virtualisationEnabled('')).toBe(true);
    expect(virtualisationEnabled('?logs-virtual=on')).toBe(true);
    expect(virtualisationEnabled('?x=1&logs-virtual=off')).toBe(false);
  });
});

describe('rowsAddedAbove', () => {
  const at = (tNs: string): LogLine => ({ ...line, tNs });
  it('counts the lines that arrived above the one that was first', () => {
    expect(rowsAddedAbove(lineKey(at('3')), [at('5'), at('4'), at('3'), at('2')])).toBe(2);
  });
  it('is zero when nothing was shown before or the old first line is gone', () => {
    expect(rowsAddedAbove(null, [at('5')])).toBe(0);
    expect(rowsAddedAbove(lineKey(at('9')), [at('5')])).toBe(0);
  });
});
