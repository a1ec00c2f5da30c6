import { Fragment, memo, useState } from 'react';
import { copyText } from '../../logic/copy-text';
import { logRuns, markControls, withoutAnsi, type TextRun } from '../../logic/untrusted-text';
import '../../styles/text.css';

/**
 * Text a person or an upstream sent (titles, summaries, notes, names, labels, log lines, pinned
 * evidence), shown honestly: as text nodes only, isolated with <bdi> so direction controls inside
 * cannot reorder what surrounds it, such controls and invisible characters shown as visible marks,
 * and long unbroken runs allowed to wrap anywhere (never widening the page). See logic/untrusted-text.ts.
 */

/** Plain text that may break after each hyphen (a <wbr> there), where line breaking alone would not: before a digit. */
function HyphenBreaks({ text }: { text: string }) {
  const parts = text.split('-');
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p}
          {i < parts.length - 1 && (
            <>
              -<wbr />
            </>
          )}
        </Fragment>
      ))}
    </>
  );
}

function Runs({ runs, hyphenBreaks = false }: { runs: readonly TextRun[]; hyphenBreaks?: boolean }) {
  return (
    <>
      {runs.map((r, i) =>
        r.control ? (
          <span key={i} className="ut-mark" title={r.control.title}>
            {r.text}
          </span>
        ) : r.fg !== undefined || r.bold ? (
          <span key={i} className={`${r.fg === undefined ? '' : `ansi-${r.fg}`}${r.bold ? ' ansi-bold' : ''}`}>
            {r.text}
          </span>
        ) : hyphenBreaks ? (
          <HyphenBreaks key={i} text={r.text} />
        ) : (
          r.text
        ),
      )}
    </>
  );
}

/**
 * A name or label on one line: wraps only when it must, newlines and controls shown as marks.
 * `hyphenBreaks`: it may also wrap after each hyphen, so "ocr-worker-7f9c2-x8k2q" in a narrow tile
 * breaks into readable pieces instead of mid-word.
 */
export const Name = memo(function Name({ text, className, hyphenBreaks }: { text: string; className?: string; hyphenBreaks?: boolean }) {
  return (
    <bdi className={`ut ut-name${className ? ` ${className}` : ''}`}>
      <Runs runs={markControls(text, true)} hyphenBreaks={hyphenBreaks} />
    </bdi>
  );
});

/** Free text (a summary, a note): its own line breaks kept, long runs wrapped anywhere. */
export const Prose = memo(function Prose({ text, className }: { text: string; className?: string }) {
  return (
    <bdi className={`ut ut-prose${className ? ` ${className}` : ''}`}>
      <Runs runs={markControls(text)} />
    </bdi>
  );
});

/** A log line: ANSI colours shown as colours, other escapes dropped, controls marked. */
export const LogText = memo(function LogText({ text, className }: { text: string; className?: string }) {
  return (
    <bdi className={`ut ut-log${className ? ` ${className}` : ''}`}>
      <Runs runs={logRuns(text)} />
    </bdi>
  );
});

/** Longer than this, free text is cut, with the whole of it one click away. */
export const EXPANDABLE_LIMIT = 600;

/** Cuts at a code point (never inside a surrogate pair), at most `limit` UTF-16 units. */
function cut(text: string, limit: number): string {
  let end = limit;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/**
 * Free text that may be very long (a 19 KB summary, a 20,000-character note, a 100 KB log line):
 * the first `limit` characters, then "Show all" to read the rest in place and "Copy" to take it whole.
 */
export function ExpandableText({
  text,
  kind = 'prose',
  limit = EXPANDABLE_LIMIT,
  testId,
}: {
  text: string;
  kind?: 'prose' | 'log';
  limit?: number;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const long = text.length > limit;
  const shown = long && !open ? `${cut(text, limit)}…` : text;
  const copy = async (): Promise<void> => {
    const failed = await copyText(kind === 'log' ? withoutAnsi(text) : text);
    setCopied(failed ?? 'Copied');
  };
  return (
    <span className="ut-expandable" data-testid={testId} data-expanded={open ? 'true' : 'false'}>
      {kind === 'log' ? <LogText text={shown} /> : <Prose text={shown} />}
      {long && (
        <span className="ut-actions">
          <button type="button" className="btn btn-quiet btn-small" onClick={() => setOpen((o) => !o)} data-testid="text-expand">
            {open ? 'Show less' : `Show all (${text.length.toLocaleString('en-US')} characters)`}
          </button>
          <button type="button" className="btn btn-quiet btn-small" onClick={() => void copy()} data-testid="text-copy">
            Copy
          </button>
          {copied && (
            <span className="muted ut-copied" role="status">
              {copied}
            </span>
          )}
        </span>
      )}
    </span>
  );
}
