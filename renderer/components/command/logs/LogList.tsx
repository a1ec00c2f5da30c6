import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { LogLine } from '../../../../shared/domain/telemetry';
import { lineKey } from '../../../state/logs';
import { LOG_ROW_HEIGHT, LogRow, type PinState } from './LogRow';

export interface LogListProps {
  /** Newest first, as Loki answers a backward query. */
  lines: readonly LogLine[];
  selectedKey: string | null;
  /** Pin state per line; null when there is no incident to pin to. */
  pinStateOf: ((line: LogLine) => PinState) | null;
  onSelect: (line: LogLine) => void;
  onPin: (line: LogLine) => void;
}

/**
 * `?logs-virtual=off` in the page URL renders every row (no virtualisation). It exists only so
 * `npm run bench` can time the same scroll over the same lines without the virtualiser, as the
 * baseline of `logs.scroll_frame_ms`; nothing in the app sets it.
 */
export function virtualisationEnabled(search: string): boolean {
  return new URLSearchParams(search).get('logs-virtual') !== 'off';
}

const VIRTUAL = typeof window === 'undefined' || virtualisationEnabled(window.location.search);

/** How many rows arrived above the line that used to be first (0 when it is gone or was unknown). */
export function rowsAddedAbove(previousFirstKey: string | null, lines: readonly LogLine[]): number {
  if (previousFirstKey === null) return 0;
  return Math.max(
    0,
    lines.findIndex((l) => lineKey(l) === previousFirstKey),
  );
}

/**
 * Live follow puts new lines on top. Someone reading further down must not have their line
 * pushed away: when the list is not at the top, scroll down by exactly the rows added above.
 */
function useKeepReadingPosition(ref: RefObject<HTMLDivElement | null>, lines: readonly LogLine[]): void {
  const firstKey = useRef<string | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    const previous = firstKey.current;
    firstKey.current = lines[0] ? lineKey(lines[0]) : null;
    if (!el || el.scrollTop <= 0) return;
    const added = rowsAddedAbove(previous, lines);
    if (added > 0) el.scrollTop += added * LOG_ROW_HEIGHT;
  }, [ref, lines]);
}

function rowProps(props: LogListProps, line: LogLine) {
  return {
    line,
    selected: props.selectedKey !== null && lineKey(line) === props.selectedKey,
    pin: props.pinStateOf ? props.pinStateOf(line) : null,
    onSelect: props.onSelect,
    onPin: props.onPin,
  };
}

function VirtualRows(props: LogListProps & { scrollRef: RefObject<HTMLDivElement | null> }) {
  const { lines, scrollRef } = props;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; this list is not memoised by the compiler.
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LOG_ROW_HEIGHT,
    overscan: 12,
  });
  return (
    <div className="log-rows" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const line = lines[item.index];
        if (!line) return null;
        return (
          <LogRow
            key={item.index}
            {...rowProps(props, line)}
            style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
          />
        );
      })}
    </div>
  );
}

function PlainRows(props: LogListProps) {
  return (
    <div className="log-rows">
      {props.lines.map((line, i) => (
        <LogRow key={i} {...rowProps(props, line)} />
      ))}
    </div>
  );
}

export function LogList(props: LogListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  useKeepReadingPosition(scrollRef, props.lines);
  return (
    <div
      className="log-list"
      ref={scrollRef}
      role="list"
      aria-label="Log lines"
      data-testid="log-list"
      data-virtual={VIRTUAL ? 'on' : 'off'}
    >
      {VIRTUAL ? <VirtualRows {...props} scrollRef={scrollRef} /> : <PlainRows {...props} />}
    </div>
  );
}
