import { useEffect, useMemo, useState } from 'react';
import { asMarkdown, asPlainText } from '../../../shared/command/comms-format';
import { initialFields, PUBLIC_STATUSES, type StakeholderFields } from '../../../shared/command/comms-values';
import { mitigationLines } from '../../../shared/command/open-items';
import { BLANK, type TemplateId } from '../../../shared/command/templates';
import type { CommandState } from '../../../shared/command/types';
import type { Incident, TimelineEvent } from '../../../shared/domain/incident';
import { copyText } from '../../api/clipboard';
import { commsContext, fieldsUsed, fillDraft } from '../../logic/comms-draft';
import { useNow } from '../../hooks/useNow';
import { formatUtc, formatUtcTime } from '../../logic/format';
import { act, loadCommsSettings, useCommsSettings, useCommsSettingsError } from '../../state/command';
import { usePolicy } from '../../state/policy';
import { CommsHistory } from './CommsHistory';
import { TemplatePicker } from './TemplatePicker';

/**
 * Stakeholder messages from the seeds' templates, filled from the incident as it is now. The IC sets
 * what stakeholders are told (kept apart from the internal status), edits the draft freely, copies
 * it as plain text or Markdown, and marks it sent — which records the final text on the timeline.
 */
export function CommsPanel({
  incident,
  timeline,
  state,
  templateId,
  onTemplate,
}: {
  incident: Incident;
  timeline: readonly TimelineEvent[];
  state: CommandState;
  templateId: TemplateId;
  onTemplate: (id: TemplateId) => void;
}) {
  const settings = useCommsSettings();
  const settingsError = useCommsSettingsError();
  const policy = usePolicy();
  const now = useNow(1000);
  useEffect(() => {
    if (settings === null) void loadCommsSettings();
  }, [settings]);

  const [fields, setFields] = useState<StakeholderFields>(() =>
    initialFields(incident, state.lastFields, mitigationLines(state.mitigations, Date.now())),
  );
  // Filled at this moment; a refill (or any change while the text is untouched) moves it.
  const [filledAt, setFilledAt] = useState(() => Date.now());
  const [edited, setEdited] = useState<string | null>(null);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const template = settings?.templates.find((t) => t.id === templateId) ?? null;
  const ctx = useMemo(
    () => commsContext(incident, timeline, policy, state, settings?.statusPage ?? '', filledAt),
    [incident, timeline, policy, state, settings, filledAt],
  );
  const draft = useMemo(() => (template ? fillDraft(template, ctx, fields) : null), [template, ctx, fields]);
  const text = edited ?? (draft?.ok ? draft.rendered.text : '');
  const stillBlank = draft?.ok ? draft.rendered.missing.filter((m) => text.includes(BLANK[m])) : [];
  const audience = policy.rules[incident.severity].notificationChannels;
  const closed = incident.status === 'closed';
  const lastTold = [...state.comms].reverse().find((c) => c.purpose !== 'handoff') ?? null;

  const setField = (field: keyof StakeholderFields, value: string): void => {
    setFields((f) => ({ ...f, [field]: value }));
    setFilledAt(now);
  };
  const refill = (): void => {
    setEdited(null);
    setFilledAt(now);
  };
  const copy = async (as: 'plain' | 'markdown'): Promise<void> => {
    try {
      await copyText(as === 'plain' ? asPlainText(text) : asMarkdown(text));
      setNote({ kind: 'ok', text: as === 'plain' ? 'Copied as plain text.' : 'Copied as Markdown.' });
    } catch (err) {
      setNote({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
    }
  };
  const markSent = async (): Promise<void> => {
    if (!template || text.trim() === '') return;
    setBusy(true);
    const outcome = await act(incident.id, 'comms:mark-sent', { id: incident.id, templateId: template.id, text, fields, audience });
    setBusy(false);
    if (outcome.ok) {
      setNote({ kind: 'ok', text: `${template.name} recorded as sent at ${formatUtcTime(outcome.value.sentAt)}.` });
      setEdited(null);
      setFilledAt(outcome.value.sentAt);
      // The next message is usually an update; after a resolution notice, nothing is due.
      if (template.id === 'initial' || template.id === 'declaration') onTemplate('status-update');
    } else setNote({ kind: 'error', text: outcome.message });
  };

  return (
    <section className="panel comms-panel" aria-labelledby="comms-h" data-testid="comms-panel">
      <div className="panel-head">
        <h2 id="comms-h">Comms</h2>
        <TemplatePicker
          value={templateId}
          onChange={(id) => {
            onTemplate(id);
            refill();
          }}
          testId="comms-template"
        />
      </div>
      {settingsError && <p className="inline-error">{settingsError}</p>}
      <p className="comms-told muted" data-testid="comms-told">
        {lastTold
          ? `Stakeholders were last told "${lastTold.fields.publicStatus}" at ${formatUtc(lastTold.sentAt)} by ${lastTold.author}`
          : 'Nothing sent to stakeholders yet'}{' '}
        · internal status: {incident.status}
      </p>
      {template && (
        <>
          <p className="comms-source muted">From: {template.source}</p>
          <p className="comms-audience">
            <span className="label">Audience ({incident.severity})</span>{' '}
            <span data-testid="comms-audience">{audience.length > 0 ? audience.join(', ') : 'no notification channels in the policy'}</span>
          </p>
          <div className="comms-fields">
            {fieldsUsed(template).map(({ field, label }) =>
              field === 'publicStatus' ? (
                <label key={field}>
                  {label}
                  <select
                    value={fields.publicStatus}
                    onChange={(e) => setField(field, e.target.value)}
                    data-testid="comms-field-publicStatus"
                  >
                    {PUBLIC_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <label key={field}>
                  {label}
                  <input
                    value={fields[field]}
                    onChange={(e) => setField(field, e.target.value)}
                    maxLength={2000}
                    data-testid={`comms-field-${field}`}
                  />
                </label>
              ),
            )}
          </div>
        </>
      )}
      {draft && !draft.ok ? (
        <p className="form-error" role="alert" data-testid="comms-template-error">
          {draft.message} Fix it under Settings → Comms templates.
        </p>
      ) : (
        <>
          <label className="comms-draft-label">
            <span className="label">
              Draft{' '}
              {edited !== null ? '(edited by hand: changes to the fields above no longer apply)' : `(filled ${formatUtcTime(filledAt)})`}
            </span>
            <textarea
              className="comms-draft"
              value={text}
              onChange={(e) => setEdited(e.target.value)}
              rows={Math.min(18, Math.max(8, text.split('\n').length + 1))}
              spellCheck
              data-testid="comms-draft"
            />
          </label>
          {stillBlank.length > 0 && (
            <p className="warning" data-testid="comms-missing">
              Fill in before sending: {stillBlank.map((m) => BLANK[m]).join(', ')}
            </p>
          )}
          <div className="comms-actions">
            <button type="button" className="btn btn-small" onClick={refill} data-testid="comms-refill">
              Refill from the incident
            </button>
            <span className="spacer" />
            <button type="button" className="btn btn-small" onClick={() => void copy('plain')} data-testid="comms-copy-plain">
              Copy plain text
            </button>
            <button type="button" className="btn btn-small" onClick={() => void copy('markdown')} data-testid="comms-copy-markdown">
              Copy Markdown
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy || closed || text.trim() === '' || !template}
              onClick={() => void markSent()}
              title="Record this text on the timeline as sent; an update resets the update timer"
              data-testid="comms-mark-sent"
            >
              Mark sent
            </button>
          </div>
          {note && (
            <p
              className={note.kind === 'ok' ? 'saved-note' : 'form-error'}
              role={note.kind === 'ok' ? 'status' : 'alert'}
              data-testid="comms-note"
            >
              {note.text}
            </p>
          )}
        </>
      )}
      <CommsHistory comms={state.comms} />
    </section>
  );
}
