import { useState, type FormEvent } from 'react';
import type { Incident } from '../../../shared/domain/incident';
import { ROLE_LABEL, ROLES, type Role } from '../../../shared/domain/roles';
import { formatUtc } from '../../logic/format';
import { assignRole } from '../../state/commands';
import { Name } from '../text/UntrustedText';

function RoleRow({ incident, role }: { incident: Incident; role: Role }) {
  const holder = incident.roles.find((r) => r.role === role) ?? null;
  const [person, setPerson] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const closed = incident.status === 'closed';

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    if (person.trim() === '') {
      setError('Enter who takes this role.');
      return;
    }
    setBusy(true);
    const outcome = await assignRole({ id: incident.id, role, person: person.trim(), note: note.trim() });
    setBusy(false);
    if (outcome.ok) {
      setPerson('');
      setNote('');
      setError(null);
    } else setError(outcome.message);
  };

  return (
    <li className="role" data-testid={`role-${role}`} data-holder={holder?.person ?? ''}>
      <div className="role-head">
        <span className="role-label">{ROLE_LABEL[role]}</span>
        <span className={holder ? 'holder' : 'holder muted'} data-testid={`role-holder-${role}`}>
          {holder ? <Name text={holder.person} /> : 'unassigned'}
        </span>
        {holder && <span className="muted since">since {formatUtc(holder.assignedAt)}</span>}
      </div>
      {!closed && (
        <form className="role-form" onSubmit={(e) => void submit(e)}>
          <input
            value={person}
            onChange={(e) => setPerson(e.target.value)}
            placeholder={holder ? 'Hand off to…' : 'Assign to…'}
            aria-label={`${ROLE_LABEL[role]}: person`}
            maxLength={120}
            data-testid={`assign-${role}-name`}
          />
          {holder && (
            <input
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="Handoff note (state, next steps)"
              aria-label={`${ROLE_LABEL[role]}: handoff note`}
              data-testid={`assign-${role}-note`}
            />
          )}
          <button type="submit" className="btn btn-small" disabled={busy} data-testid={`assign-${role}`}>
            {holder ? 'Hand off' : 'Assign'}
          </button>
        </form>
      )}
      {error && (
        <span className="field-error" role="alert" data-testid={`assign-${role}-error`}>
          {error}
        </span>
      )}
    </li>
  );
}

export function RolePanel({ incident }: { incident: Incident }) {
  return (
    <section className="panel" aria-labelledby="roles-h">
      <h2 id="roles-h">Roles</h2>
      <ul className="roles">
        {ROLES.map((r) => (
          <RoleRow key={`${incident.id}-${r}`} incident={incident} role={r} />
        ))}
      </ul>
    </section>
  );
}
