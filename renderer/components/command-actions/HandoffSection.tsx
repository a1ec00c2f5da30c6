import { useMemo, useState } from 'react';
import { asMarkdown } from '../../../shared/command/comms-format';
import { initialFields } from '../../../shared/command/comms-values';
import { mitigationLines } from '../../../shared/command/open-items';
import { DEFAULT_TEMPLATES } from '../../../shared/command/templates';
import type { CommandState } from '../../../shared/command/types';
import type { Incident, TimelineEvent } from '../../../shared/domain/incident';
import { ROLE_LABEL, ROLES, type Role } from '../../../shared/domain/roles';
import { copyText } from '../../api/clipboard';
import { commsContext, fillDraft } from '../../logic/comms-draft';
import { formatUtc } from '../../logic/format';
import { act, useCommsSettings } from '../../state/command';
import { usePolicy } from '../../state/policy';
import { DialogActions } from '../DialogActions';
import { Modal } from '../Modal';

/**
 * Handing a role over: who hands over, who takes it, and a note drafted from the handoff template
 * (status, open checklist items, mitigations in place, next update due), editable, recorded as the
 * handoff event. The same dialog serves every role.
 */
function HandoffDialog({
  incident,
  timeline,
  state,
  role,
  onClose,
}: {
  incident: Incident;
  timeline: readonly TimelineEvent[];
  state: CommandState;
  role: Role;
  onClose: () => void;
}) {
  const policy = usePolicy();
  const settings = useCommsSettings();
  const holder = incident.roles.find((r) => r.role === role) ?? null;
  const template = useMemo(
    () => settings?.templates.find((t) => t.id === 'handoff') ?? { ...DEFAULT_TEMPLATES.handoff, edited: false },
    [settings],
  );
  // Drafted as of when the dialog opened; the IC edits from there.
  const [openedAt] = useState(() => Date.now());
  const drafted = useMemo(() => {
    const ctx = commsContext(incident, timeline, policy, state, settings?.statusPage ?? '', openedAt);
    return fillDraft(template, ctx, initialFields(incident, state.lastFields, mitigationLines(state.mitigations, openedAt)));
  }, [incident, timeline, policy, state, settings, template, openedAt]);
  const [incoming, setIncoming] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const text = note ?? (drafted.ok ? drafted.rendered.text : '');

  const confirm = async (): Promise<void> => {
    if (incoming.trim() === '') {
      setError(`Name who takes over as ${ROLE_LABEL[role]}.`);
      return;
    }
    setBusy(true);
    const r = await act(incident.id, 'incident:assign-role', { id: incident.id, role, person: incoming.trim(), note: text.trim() });
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.message);
  };

  return (
    <Modal title={`${holder ? 'Hand off' : 'Assign'}: ${ROLE_LABEL[role]}`} onClose={onClose} testId="handoff-dialog">
      <div className="mitigation-form">
        <div className="two-col">
          <label>
            Outgoing
            <input
              value={holder ? `${holder.person} (since ${formatUtc(holder.assignedAt)})` : 'nobody holds it'}
              readOnly
              data-testid="handoff-outgoing"
            />
          </label>
          <label>
            Incoming
            <input
              value={incoming}
              onChange={(e) => setIncoming(e.target.value)}
              maxLength={120}
              placeholder="Who takes over"
              data-testid="handoff-incoming"
            />
          </label>
        </div>
        {!drafted.ok && <p className="form-error">{drafted.message}</p>}
        <label>
          Handoff note (from the {template.edited ? 'edited ' : ''}handoff template; edit freely)
          <textarea className="comms-draft" rows={16} value={text} onChange={(e) => setNote(e.target.value)} data-testid="handoff-note" />
        </label>
        <p className="muted">
          {state.openChecklist === null ? 'No checklists are attached in this build, so open checklist items are left to fill in. ' : ''}
          Recorded as the handoff event on {incident.ref}’s timeline, note included.
        </p>
        <DialogActions
          error={error}
          errorTestId="handoff-error"
          onCancel={onClose}
          extra={
            <button
              type="button"
              className="btn"
              onClick={() => void copyText(asMarkdown(text)).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))}
            >
              Copy note
            </button>
          }
          confirm={{
            label: holder ? `Hand off to ${incoming.trim() || '…'}` : `Assign to ${incoming.trim() || '…'}`,
            tone: 'primary',
            disabled: busy,
            onClick: () => void confirm(),
            testId: 'handoff-confirm',
          }}
        />
      </div>
    </Modal>
  );
}

export function HandoffSection({
  incident,
  timeline,
  state,
}: {
  incident: Incident;
  timeline: readonly TimelineEvent[];
  state: CommandState;
}) {
  const [role, setRole] = useState<Role | null>(null);
  return (
    <section className="panel handoff-panel" aria-labelledby="handoff-h" data-testid="handoff-panel">
      <h2 id="handoff-h">Roles and handoff</h2>
      <ul className="handoff-roles">
        {ROLES.map((r) => {
          const holder = incident.roles.find((x) => x.role === r);
          return (
            <li key={r}>
              <span className="role-label">{ROLE_LABEL[r]}</span>
              <span className={holder ? 'holder' : 'holder muted'}>{holder?.person ?? 'unassigned'}</span>
              <button
                type="button"
                className="btn btn-small"
                disabled={incident.status === 'closed'}
                onClick={() => setRole(r)}
                data-testid={`handoff-${r}`}
              >
                {holder ? 'Hand off…' : 'Assign…'}
              </button>
            </li>
          );
        })}
      </ul>
      {role && <HandoffDialog incident={incident} timeline={timeline} state={state} role={role} onClose={() => setRole(null)} />}
    </section>
  );
}
