import type { Playbook, Traced } from '../../../shared/playbooks/schema';

/** Groups a traced list by the seed heading its lines sit under ("Level 1: On-call Engineer", "Monitoring"). */
function grouped(list: readonly Traced[]): [string | null, Traced[]][] {
  const out: [string | null, Traced[]][] = [];
  for (const t of list) {
    const heading = t.source?.heading ?? null;
    const last = out[out.length - 1];
    if (last && last[0] === heading) last[1].push(t);
    else out.push([heading, [t]]);
  }
  return out;
}

function TracedList({ title, list, empty, testId }: { title: string; list: readonly Traced[]; empty?: string; testId: string }) {
  if (list.length === 0 && !empty) return null;
  return (
    <div className="pb-notes-block" data-testid={testId}>
      <h4>{title}</h4>
      {list.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        grouped(list).map(([heading, entries], i) => (
          <div key={i}>
            {heading && heading.toLowerCase() !== title.toLowerCase() && <p className="pb-group">{heading}</p>}
            <ul>
              {entries.map((t, j) => (
                <li key={j} title={t.source ? `${t.source.seed}:${t.source.line}` : undefined}>
                  {t.text}
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </div>
  );
}

/** What a playbook says beyond its checklist: likely causes, post-incident hardening, the escalation it names. */
export function PlaybookNotes({ playbook }: { playbook: Playbook }) {
  return (
    <div className="pb-notes">
      <TracedList title="Likely causes" list={playbook.causes} empty="This playbook names no likely causes." testId="pb-causes" />
      <TracedList
        title="Escalation"
        list={playbook.escalation}
        empty="This playbook names no escalation; the severity policy's escalation matrix applies."
        testId="pb-escalation"
      />
      <TracedList
        title="Post-incident hardening"
        list={playbook.hardening}
        empty="This playbook names no hardening steps."
        testId="pb-hardening"
      />
    </div>
  );
}
