import { useState, type FormEvent } from 'react';
import type { Incident } from '../../../shared/domain/incident';
import { splitList } from '../../logic/format';
import { editIncident } from '../../state/commands';
import { DialogActions } from '../DialogActions';
import { ExpandableText, Name } from '../text/UntrustedText';

interface Form {
  title: string;
  summary: string;
  services: string;
  tenants: string;
}

const formOf = (i: Incident): Form => ({
  title: i.title,
  summary: i.summary,
  services: i.services.join(', '),
  tenants: i.tenants.join(', '),
});

function Editor({ incident, onDone }: { incident: Incident; onDone: () => void }) {
  const [form, setForm] = useState<Form>(() => formOf(incident));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Form, v: string): void => setForm((f) => ({ ...f, [k]: v }));
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    // Only what changed is sent: the timeline event names exactly those fields.
    const services = splitList(form.services);
    const tenants = splitList(form.tenants);
    const input = {
      id: incident.id,
      ...(form.title.trim() !== incident.title ? { title: form.title } : {}),
      ...(form.summary.trim() !== incident.summary ? { summary: form.summary.trim() } : {}),
      ...(services.join('\n') !== incident.services.join('\n') ? { services } : {}),
      ...(tenants.join('\n') !== incident.tenants.join('\n') ? { tenants } : {}),
    };
    if (Object.keys(input).length === 1) {
      onDone();
      return;
    }
    setBusy(true);
    const outcome = await editIncident(input);
    setBusy(false);
    if (outcome.ok) onDone();
    else setError(outcome.message);
  };
  return (
    <form
      className="declare-form scope-form"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
      noValidate
    >
      <label>
        Title
        <input autoFocus value={form.title} maxLength={200} onChange={(e) => set('title', e.target.value)} data-testid="edit-title" />
      </label>
      <label>
        Summary
        <textarea rows={3} value={form.summary} onChange={(e) => set('summary', e.target.value)} data-testid="edit-summary" />
      </label>
      <div className="two-col">
        <label>
          Services (comma-separated)
          <input value={form.services} onChange={(e) => set('services', e.target.value)} data-testid="edit-services" />
        </label>
        <label>
          Tenants / GPU pools (comma-separated)
          <input value={form.tenants} onChange={(e) => set('tenants', e.target.value)} data-testid="edit-tenants" />
        </label>
      </div>
      <DialogActions
        error={error}
        errorTestId="edit-error"
        onCancel={onDone}
        confirm={{ label: 'Save — recorded on the timeline', tone: 'primary', disabled: busy, testId: 'edit-save' }}
      />
    </form>
  );
}

/** What the incident is about, editable after declaring; each save is one timeline event naming what changed. */
export function ScopeEditor({ incident }: { incident: Incident }) {
  const [editing, setEditing] = useState(false);
  const closed = incident.status === 'closed';
  return (
    <section className="panel scope-panel" aria-labelledby="scope-h" data-testid="scope-panel">
      <div className="panel-head">
        <h2 id="scope-h">What and who is affected</h2>
        {!editing && !closed && (
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)} data-testid="edit-incident">
            Edit
          </button>
        )}
      </div>
      {editing ? (
        <Editor incident={incident} onDone={() => setEditing(false)} />
      ) : (
        <dl className="scope-list">
          <dt>Title</dt>
          <dd data-testid="scope-title">
            <Name text={incident.title} />
          </dd>
          <dt>Summary</dt>
          <dd className="summary" data-testid="incident-summary">
            {incident.summary ? <ExpandableText text={incident.summary} /> : <span className="muted">none yet</span>}
          </dd>
          <dt>Services</dt>
          <dd data-testid="scope-services">
            {incident.services.length > 0 ? <Name text={incident.services.join(', ')} /> : <span className="muted">none named</span>}
          </dd>
          <dt>Tenants</dt>
          <dd data-testid="scope-tenants">
            {incident.tenants.length > 0 ? <Name text={incident.tenants.join(', ')} /> : <span className="muted">none named</span>}
          </dd>
        </dl>
      )}
    </section>
  );
}
