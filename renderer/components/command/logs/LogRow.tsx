import { memo, type CSSProperties } from 'react';
import type { LogLine } from '../../../../shared/domain/telemetry';
import { formatClockMs } from '../../../logic/format';
import { formatLabels, streamName } from '../../../logic/log-level';
import { lineKey } from '../../../state/logs';
import { withoutAnsi } from '../../../logic/untrusted-text';
import { LogText, Name } from '../../text/UntrustedText';

/**
 * Rows are a fixed height each, so a 10,000-line list can be positioned by index alone: two lines of
 * text, so the message gets the panel's full width twice over instead of being cut at ~75 characters.
 */
export const LOG_ROW_HEIGHT = 38;

const LEVEL_TAG = { error: 'ERR', warn: 'WRN', info: 'INF', debug: 'DBG' } as const;
// A tooltip is for reading a cut-off line, not a second copy of a 16 KiB one.
const MAX_TITLE = 2_000;
// A row shows two lines of text; what lies past them is cut anyway (the detail shows it all).
const MAX_ROW_TEXT = 4_000;

/** 'none' when the line can be pinned, null when there is no incident to pin it to. */
export type PinState = 'none' | 'pinning' | 'pinned' | null;

export interface LogRowProps {
  line: LogLine;
  selected: boolean;
  pin: PinState;
  onSelect: (line: LogLine) => void;
  onPin: (line: LogLine) => void;
  style?: CSSProperties;
}

/**
 * One log line. Everything from Loki is untrusted text and goes into React text nodes
 * (and a title attribute), which escape it: never innerHTML.
 */
export const LogRow = memo(function LogRow({ line, selected, pin, onSelect, onPin, style }: LogRowProps) {
  const level = line.level;
  const text = line.line.length > MAX_ROW_TEXT ? `${line.line.slice(0, MAX_ROW_TEXT)}…` : line.line;
  const plain = withoutAnsi(text);
  return (
    <div
      className={`log-row lvl-${level ?? 'none'}${selected ? ' selected' : ''}`}
      style={style}
      role="listitem"
      aria-current={selected ? 'true' : undefined}
      tabIndex={selected ? 0 : -1}
      data-key={lineKey(line)}
      data-testid="log-line"
      data-level={level ?? 'unknown'}
      onClick={() => onSelect(line)}
    >
      {/* One wrapping block: the message continues under the time on the second line. */}
      <span className="log-wrap" title={plain.length > MAX_TITLE ? `${plain.slice(0, MAX_TITLE)}…` : plain}>
        <span className="log-time">{formatClockMs(line.tMs)}</span> <span className="log-level">{level ? LEVEL_TAG[level] : '···'}</span>{' '}
        <span className="log-stream" title={formatLabels(line.labels)}>
          <Name text={streamName(line.labels)} />
        </span>{' '}
        <span className="log-text">
          <LogText text={text} />
        </span>
      </span>
      {pin !== null && (
        <button
          type="button"
          className="btn btn-small log-pin-btn"
          data-testid="log-pin"
          disabled={pin !== 'none'}
          aria-label="Pin this line to the incident timeline"
          onClick={(e) => {
            e.stopPropagation();
            onPin(line);
          }}
        >
          {pin === 'pinned' ? 'Pinned' : pin === 'pinning' ? 'Pinning…' : 'Pin'}
        </button>
      )}
    </div>
  );
});
