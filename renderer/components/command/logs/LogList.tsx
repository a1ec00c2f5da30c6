import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { LogLine } from '../../../../shared/domain/telemetry';
import { lineKey } from '../../../state/logs';
import { logKeyAction, scrollToShow } from './log-keys';
import { LOG_ROW_HEIGHT, LogRow, type PinState } from './LogRow';

export interface LogListProps {
  /** Newest first, as Loki answers a backward query. */
  lines: readonly LogLine[];
  selectedKey: string | null;
  /** Pin state per line; null when there is no incident to pin to. */
  pinStateOf: ((line: LogLine) => PinState) | null;
  /** A click: selects the line, or closes it when it is the selected one. */
  onSelect: (line: LogLine) => void;
  /** The keyboard: selects exactly this line (null: none). */
  onSelectExactly: (line: LogLine | null) => void;
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

/**
 * The rows in view. The scroll element arrives as a prop, not read from a ref: React attaches a
 * parent's ref after its children's layout effects have run, so on the first mount the virtualizer
 * looked for its scroll element, found none, and drew no rows until something unrelated re-rendered
 * the list ("172 lines" and an empty panel, which scrolling could not fix: nothing listened).
 */
function VirtualRows(props: LogListProps & { scrollElement: HTMLDivElement | null }) {
  const { lines, scrollElement } = props;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; this list is not memoised by the compiler.
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollElement,
    estimateSize: () => LOG_ROW_HEIGHT,
    overscan: 12,
  });
  return (
    <div className="log-rows" style={{ height: virtualizer.getTotalSize() }} data-rows-drawn={virtualizer.getVirtualItems().length}>
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

/**
 * Arrow keys, Page keys, Home/End, `p` to pin and Escape (log-keys.ts). The selected row holds the
 * focus (roving tabindex), so a screen reader reads the line moved to; before any selection the
 * list itself takes the focus.
 */
function useKeyboard(props: LogListProps, scrollRef: RefObject<HTMLDivElement | null>): (e: KeyboardEvent) => void {
  const { lines, selectedKey, pinStateOf, onSelectExactly, onPin } = props;
  const byKeyboard = useRef(false);
  // After a keyboard move the new row is rendered (it was scrolled into view first): focus it.
  useEffect(() => {
    if (!byKeyboard.current || selectedKey === null) return;
    byKeyboard.current = false;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(selectedKey)}"]`);
    row?.focus({ preventScroll: true });
  }, [selectedKey, scrollRef]);
  return (e) => {
    const el = scrollRef.current;
    if (!el || e.altKey || e.ctrlKey || e.metaKey) return;
    const current = selectedKey === null ? -1 : lines.findIndex((l) => lineKey(l) === selectedKey);
    const action = logKeyAction(e.key, current, lines.length, Math.floor(el.clientHeight / LOG_ROW_HEIGHT));
    if (!action) return;
    e.preventDefault();
    if (action.kind === 'select') {
      const line = lines[action.index];
      // Already there (the first or last line): nothing moves, and focus stays where it is.
      if (!line || action.index === current) return;
      el.scrollTop = scrollToShow(action.index, LOG_ROW_HEIGHT, el.scrollTop, el.clientHeight);
      byKeyboard.current = true;
      onSelectExactly(line);
    } else if (action.kind === 'pin') {
      const line = lines[current];
      if (line && pinStateOf?.(line) === 'none') onPin(line);
    } else {
      onSelectExactly(null);
      el.focus();
    }
  };
}

export function LogList(props: LogListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The same element as state, so the rows re-render once it exists (see VirtualRows).
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  const attach = useCallback((el: HTMLDivElement | null) => {
    scrollRef.current = el;
    setScrollElement(el);
  }, []);
  useKeepReadingPosition(scrollRef, props.lines);
  const onKeyDown = useKeyboard(props, scrollRef);
  return (
    <div
      className="log-list"
      ref={attach}
      role="list"
      aria-label="Log lines: arrow keys move, p pins the selected line, Escape closes it"
      data-testid="log-list"
      data-virtual={VIRTUAL ? 'on' : 'off'}
      tabIndex={props.selectedKey === null ? 0 : -1}
      onKeyDown={onKeyDown}
    >
      {VIRTUAL ? <VirtualRows {...props} scrollElement={scrollElement} /> : <PlainRows {...props} />}
    </div>
  );
}
