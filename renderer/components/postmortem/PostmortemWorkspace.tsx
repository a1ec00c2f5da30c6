import { useDeferredValue, useEffect, useState } from 'react';
import { POSTMORTEM_TEMPLATES, TEMPLATE_INFO, type PostmortemTemplate } from '../../../shared/domain/postmortem';
import {
  draftPostmortem,
  editText,
  flushPostmortem,
  hasUnsavedText,
  openPostmortem,
  saveVersionNow,
  useEditorEpoch,
  usePostmortem,
  usePostmortemError,
  usePostmortemLoading,
  usePostmortemText,
} from '../../state/postmortem';
import type { IncidentTabProps } from '../incident/incident-tabs';
import { SimilarIncidents } from '../search/SimilarIncidents';
import { IncidentActions } from './IncidentActions';
import { MarkdownEditor } from './MarkdownEditor';
import { MarkdownPreview } from './MarkdownPreview';
import { SaveStatusText } from './SaveStatusText';
import { TemplateChooser } from './TemplateChooser';
import { VersionHistory } from './VersionHistory';
import '../../styles/postmortem.css';

/** The Postmortem tab: Markdown source beside its live preview (or the version history), action items and similar incidents below. */
export function PostmortemWorkspace({ incident, timeline }: IncidentTabProps) {
  const pm = usePostmortem();
  const loading = usePostmortemLoading();
  const error = usePostmortemError();
  const text = usePostmortemText();
  const epoch = useEditorEpoch();
  // Typing stays fast in a long document: the preview catches up when React has time.
  const preview = useDeferredValue(text);
  const [side, setSide] = useState<'preview' | 'history'>('preview');
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    void openPostmortem(incident.id);
  }, [incident.id]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent): void => {
      if (hasUnsavedText()) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      void flushPostmortem();
    };
  }, []);

  if (loading) return <p className="muted pm-loading">Loading the postmortem…</p>;
  if (error) return <p className="inline-error">{error}</p>;

  return (
    <section className="pm-tab" aria-label="Postmortem" data-testid="postmortem-tab">
      {pm === null ? (
        <TemplateChooser />
      ) : (
        <>
          <div className="pm-toolbar">
            <span className="pm-template-name" data-testid="postmortem-template" data-template={pm.template}>
              {TEMPLATE_INFO[pm.template].label} <span className="muted">· {TEMPLATE_INFO[pm.template].source}</span>
            </span>
            <SaveStatusText />
            <span className="pm-toolbar-actions">
              <button type="button" className="btn" onClick={() => void saveVersionNow().then(setNotice)} data-testid="save-version">
                Save as version
              </button>
              <div className="segmented" role="group" aria-label="Beside the editor">
                <button type="button" aria-pressed={side === 'preview'} onClick={() => setSide('preview')} data-testid="show-preview">
                  Preview
                </button>
                <button type="button" aria-pressed={side === 'history'} onClick={() => setSide('history')} data-testid="show-history">
                  History
                </button>
              </div>
              <Redraft current={pm.template} onError={setNotice} />
            </span>
          </div>
          {notice && (
            <p className="inline-error" role="alert">
              {notice}
            </p>
          )}
          <div className="pm-split">
            <MarkdownEditor text={text} epoch={epoch} onChange={editText} />
            <div className="pm-side">
              {side === 'preview' ? <MarkdownPreview text={preview} timeline={timeline} /> : <VersionHistory incidentId={incident.id} />}
            </div>
          </div>
        </>
      )}
      <div className="pm-below">
        <section aria-labelledby="pm-actions-h">
          <h2 id="pm-actions-h">Action items</h2>
          <IncidentActions incidentId={incident.id} />
        </section>
        <section aria-labelledby="pm-similar-h">
          <h2 id="pm-similar-h">Similar past incidents</h2>
          <SimilarIncidents incidentId={incident.id} />
        </section>
      </div>
    </section>
  );
}

/** Redraft from either template: the current text is kept as a version first, so this loses nothing. */
function Redraft({ current, onError }: { current: PostmortemTemplate; onError: (m: string | null) => void }) {
  const [open, setOpen] = useState(false);
  const [template, setTemplate] = useState<PostmortemTemplate>(current);
  if (!open)
    return (
      <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="redraft">
        Redraft…
      </button>
    );
  return (
    <span className="pm-confirm" data-testid="redraft-confirm">
      Redraft as{' '}
      <select
        value={template}
        onChange={(e) => setTemplate(e.target.value as PostmortemTemplate)}
        aria-label="Template"
        data-testid="redraft-template"
      >
        {POSTMORTEM_TEMPLATES.map((t) => (
          <option key={t} value={t}>
            {TEMPLATE_INFO[t].label}
          </option>
        ))}
      </select>
      ? Your text is kept as a version first.{' '}
      <button
        type="button"
        className="btn btn-alert"
        onClick={() => {
          setOpen(false);
          void draftPostmortem(template, true).then(onError);
        }}
        data-testid="redraft-go"
      >
        Redraft
      </button>{' '}
      <button type="button" className="btn" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </span>
  );
}
