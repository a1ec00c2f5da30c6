import { PRIORITY_OF } from '../../../shared/domain/severity';
import { ROLE_LABEL } from '../../../shared/domain/roles';
import { describeEvidence } from '../../../shared/playbooks/evidence';
import type { PlaybookDetail } from '../../../shared/playbooks/library';
import type { PlaybookSection, SectionStage } from '../../../shared/playbooks/schema';
import { formatUtc } from '../../logic/format';
import { PlaybookNotes } from './PlaybookNotes';

const STAGE_HEADING: Record<SectionStage, string> = {
  confirm: 'Symptoms to confirm',
  investigate: 'Investigate',
  decide: 'Decide',
  mitigate: 'Mitigations',
  recover: 'Recover',
  'follow-up': 'Follow-up',
};

function Section({ section: s }: { section: PlaybookSection }) {
  return (
    <section className="pb-section" data-testid="pb-section" data-section-id={s.id}>
      <h4>
        {s.title}
        {s.severities && <span className="cl-sev">for {s.severities.map((v) => `${v} · ${PRIORITY_OF[v]}`).join(', ')}</span>}
        {s.source && (
          <span className="cl-source">
            {s.source.seed}:{s.source.line}
            {s.source.heading ? ` — ${s.source.heading}` : ''}
          </span>
        )}
      </h4>
      {s.note && <p className="cl-detail">{s.note}</p>}
      <ol className="pb-items">
        {s.items.map((item) => (
          <li key={item.id} data-testid="pb-item" data-item-id={item.id}>
            <span className={`cl-kind cl-kind-${item.kind}`}>{item.kind}</span> <span className="cl-text">{item.text}</span>
            {item.role && <span className="cl-role">{ROLE_LABEL[item.role]}</span>}
            {item.source && <span className="cl-source">{`${item.source.seed}:${item.source.line}`}</span>}
            {item.command && <pre className="pb-command">{item.command}</pre>}
            {item.kind === 'decision' && (
              <p className="cl-detail">
                yes → {item.yes?.label} · no → {item.no?.label}
              </p>
            )}
            {item.evidence && item.evidence.length > 0 && (
              <p className="pb-evidence">live evidence: {item.evidence.map((q) => describeEvidence(q)).join(' · ')}</p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A playbook as the library shows it, grouped by stage: symptoms, investigation, mitigations…, then causes, escalation, hardening. */
export function PlaybookView({ detail }: { detail: PlaybookDetail }) {
  const p = detail.playbook;
  const stages = [...new Set(p.sections.map((s) => s.stage))];
  return (
    <article className="pb-view" data-testid="playbook-view" data-playbook={p.id}>
      <header>
        <h3>
          {p.title}{' '}
          <span className="muted">
            {p.id} · v{p.version}
          </span>
          {detail.builtin ? <span className="pb-badge">built-in · read-only</span> : <span className="pb-badge yours">yours</span>}
        </h3>
        <p>{p.summary}</p>
        {p.basedOn && (
          <p className="muted">
            Based on {p.basedOn.id} v{p.basedOn.version}.
          </p>
        )}
        {p.alerts && p.alerts.length > 0 && (
          <p className="muted">
            Answers the alerts: {p.alerts.join(', ')} (and any alert labelled playbook: {p.id}).
          </p>
        )}
        {p.sources.length > 0 && (
          <p className="muted">
            Written from:{' '}
            {p.sources.map((s, i) => (
              <span key={i} className="cl-source">
                {s.seed}:{s.line}
                {s.heading ? ` — ${s.heading}` : ''}
              </span>
            ))}
          </p>
        )}
        {!detail.latest && <p className="form-error">This is an older version (v{p.version}).</p>}
      </header>
      {stages.map((stage) => (
        <div key={stage} className="pb-stage">
          <h3 className="pb-stage-h">{STAGE_HEADING[stage]}</h3>
          {p.sections
            .filter((s) => s.stage === stage)
            .map((s) => (
              <Section key={s.id} section={s} />
            ))}
        </div>
      ))}
      <PlaybookNotes playbook={p} />
      {detail.versions.length > 0 && (
        <div className="pb-notes-block">
          <h4>Versions</h4>
          <ul className="pb-versions" data-testid="pb-versions">
            {detail.versions.map((v) => (
              <li key={v.version}>
                v{v.version} — {v.deleted ? 'deleted' : v.title} · {v.author} · {formatUtc(v.savedAt)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </article>
  );
}
