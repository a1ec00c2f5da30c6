import { useState } from 'react';
import { POSTMORTEM_TEMPLATES, TEMPLATE_INFO, type PostmortemTemplate } from '../../../shared/domain/postmortem';
import { draftPostmortem } from '../../state/postmortem';

/** Before there is a postmortem: the seeds' two templates side by side; the one chosen is drafted from the incident. */
export function TemplateChooser() {
  const [busy, setBusy] = useState<PostmortemTemplate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const draft = async (t: PostmortemTemplate): Promise<void> => {
    setBusy(t);
    setError(await draftPostmortem(t, false));
    setBusy(null);
  };
  return (
    <section className="pm-chooser" aria-label="Draft a postmortem" data-testid="template-chooser">
      <p>
        Pitwall drafts the postmortem from what it recorded: the timeline with pinned evidence, response times with their formulas, the
        services, tenants and GPUs affected with an estimate of GPU-hours lost, comms, mitigations, checklists and action items. You write
        the root cause, what went well and wrong, and the lessons. It works offline, from what this machine stored; what you type is saved
        as you go.
      </p>
      <div className="pm-templates">
        {POSTMORTEM_TEMPLATES.map((t) => (
          <article key={t} className="pm-template" data-testid={`template-${t}`}>
            <h3>{TEMPLATE_INFO[t].label}</h3>
            <p className="muted">From {TEMPLATE_INFO[t].source}</p>
            <ol>
              {TEMPLATE_INFO[t].headings.map((h) => (
                <li key={h}>{h}</li>
              ))}
            </ol>
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy !== null}
              onClick={() => void draft(t)}
              data-testid={`draft-${t}`}
            >
              {busy === t ? 'Drafting…' : `Draft as ${TEMPLATE_INFO[t].label.toLowerCase()}`}
            </button>
          </article>
        ))}
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
