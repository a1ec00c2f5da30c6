import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Incident, TimelineEvent } from '../../../shared/domain/incident';
import { useNow } from '../../hooks/useNow';
import { KIND_ICON, KIND_LABEL } from '../../logic/event-kinds';
import { formatStamp, formatTime } from '../../logic/format';
import { addNote } from '../../state/commands';
import { TimelineEvidence } from '../command/logs/TimelineEvidence';
import { ExpandableText, Name } from '../text/UntrustedText';

/** A first guess at a row's height before it is measured: one line of head, one of text. */
const ROW_ESTIMATE_PX = 40;

interface RowProps {
  event: TimelineEvent;
  now: number;
  index: number;
  count: number;
  measure: (el: HTMLLIElement | null) => void;
}

/** Memoised: a poll or a new event re-renders the list, not the rows already drawn. */
const EventRow = memo(function EventRow({ event, now, index, count, measure }: RowProps) {
  return (
    <li
      ref={measure}
      className={`tl-event kind-${event.kind}`}
      data-testid="timeline-event"
      data-kind={event.kind}
      data-id={event.id}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={count}
    >
      <span className="tl-time">
        <time dateTime={new Date(event.at).toISOString()} title={formatTime(event.at)}>
          {formatStamp(event.at, now)}
        </time>
      </span>
      <div className="tl-body">
        <span className="tl-head">
          <span className="tl-kind" title={event.kind}>
            <span aria-hidden="true">{KIND_ICON[event.kind]}</span> {KIND_LABEL[event.kind]}
          </span>
          <span className="tl-actor" title="Who did it">
            <Name text={event.actor} />
          </span>
        </span>
        {/* Text only: summaries may contain anything a person or an upstream typed. */}
        <span className="tl-summary">
          <ExpandableText text={event.summary} />
        </span>
        <TimelineEvidence event={event} />
      </div>
    </li>
  );
});

function NoteComposer({ incident }: { incident: Incident }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    if (busy) return;
    if (text.trim() === '') {
      setError('Write something first.');
      return;
    }
    setBusy(true);
    const outcome = await addNote({ id: incident.id, text: text.trim() });
    setBusy(false);
    if (outcome.ok) {
      setText('');
      setError(null);
    } else setError(outcome.message);
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };
  return (
    <form className="note-composer" onSubmit={(e) => void submit(e)}>
      <label htmlFor="note-input" className="visually-hidden">
        Add a note to the timeline
      </label>
      <textarea
        id="note-input"
        rows={1}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
        placeholder="Add a note (Ctrl+Enter)"
        data-testid="note-input"
      />
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="note-submit">
        Add note
      </button>
      {error && (
        <span className="field-error" role="alert" data-testid="note-error">
          {error}
        </span>
      )}
    </form>
  );
}

/**
 * The rows in view, of an incident that may hold tens of thousands of events: laying all of them out
 * again made every key press in the note box beside the list take a quarter of a second. Rows are
 * measured as drawn (notes wrap, evidence and expanded text add height); the padding above and below
 * the drawn rows stands for the others, so the scrollbar is the whole list's. Like a log tail, the
 * list follows the newest event whenever one is added. The scroll element arrives as a prop, set by
 * a callback ref (LogList.tsx says why a ref object is not enough).
 */
function TimelineRows({
  events,
  incidentId,
  scroller,
}: {
  events: readonly TimelineEvent[];
  incidentId: number;
  scroller: HTMLDivElement | null;
}) {
  const now = useNow(60_000);
  const count = events.length;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; this list is not memoised by the compiler.
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller,
    estimateSize: () => ROW_ESTIMATE_PX,
    getItemKey: (i) => events[i]?.id ?? i,
    overscan: 10,
  });
  useEffect(() => {
    if (scroller && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [count, incidentId, scroller, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));
  return (
    <ol className="timeline-rows" style={{ paddingTop: top, paddingBottom: bottom }}>
      {items.map((item) => {
        const event = events[item.index];
        return event ? (
          <EventRow key={event.id} event={event} now={now} index={item.index} count={count} measure={virtualizer.measureElement} />
        ) : null;
      })}
    </ol>
  );
}

export function Timeline({ incident, events }: { incident: Incident; events: readonly TimelineEvent[] }) {
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  return (
    <section className="panel timeline-panel" aria-labelledby="timeline-h">
      <h2 id="timeline-h">
        Timeline <span className="muted">({events.length})</span>
      </h2>
      <div className="timeline" ref={setScroller} data-testid="timeline">
        <TimelineRows events={events} incidentId={incident.id} scroller={scroller} />
      </div>
      <NoteComposer key={incident.id} incident={incident} />
    </section>
  );
}
