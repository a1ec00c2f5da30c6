import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Incident, TimelineEvent } from '../../shared/domain/incident';
import { useNow } from '../hooks/useNow';
import { KIND_ICON, KIND_LABEL } from '../logic/event-kinds';
import { formatStamp, formatTime } from '../logic/format';
import { addNote } from '../state/commands';
import { TimelineEvidence } from './command/logs/TimelineEvidence';
import { ExpandableText, Name } from './text/UntrustedText';

function EventRow({ event, now }: { event: TimelineEvent; now: number }) {
  return (
    <li className={`tl-event kind-${event.kind}`} data-testid="timeline-event" data-kind={event.kind} data-id={event.id}>
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
}

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

export function Timeline({ incident, events }: { incident: Incident; events: readonly TimelineEvent[] }) {
  const now = useNow(60_000);
  const listRef = useRef<HTMLOListElement>(null);
  const count = events.length;
  // Follow the newest event, the way a log tail does.
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count, incident.id]);
  return (
    <section className="panel timeline-panel" aria-labelledby="timeline-h">
      <h2 id="timeline-h">
        Timeline <span className="muted">({count})</span>
      </h2>
      <ol className="timeline" ref={listRef} data-testid="timeline">
        {events.map((e) => (
          <EventRow key={e.id} event={e} now={now} />
        ))}
      </ol>
      <NoteComposer key={incident.id} incident={incident} />
    </section>
  );
}
