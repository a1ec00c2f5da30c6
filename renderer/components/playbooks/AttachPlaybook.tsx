import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { PlaybookSummary } from '../../../shared/playbooks/library';
import { attachPlaybook } from '../../state/checklists';
import { loadLibrary, useLibraryLoaded, usePlaybookList } from '../../state/playbooks';
import { useSnapshot } from '../../state/telemetry';

/** Playbooks the firing alerts name (by their `playbook` label, or by alert name), with the alerts that name them. */
export function namedByAlerts(
  list: readonly PlaybookSummary[],
  alerts: readonly { name: string; labels: Record<string, string> }[],
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of alerts) {
    for (const p of list) {
      if (a.labels.playbook === p.id || p.alerts.includes(a.name)) out.set(p.id, [...new Set([...(out.get(p.id) ?? []), a.name])]);
    }
  }
  return out;
}

/** Attach another playbook to the incident; the ones firing alerts name come first. */
export function AttachPlaybook({
  incidentId,
  attached,
  onAttached,
}: {
  incidentId: number;
  attached: readonly string[];
  onAttached: (checklistId: string) => void;
}) {
  const list = usePlaybookList();
  const loaded = useLibraryLoaded();
  const snapshot = useSnapshot();
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!loaded) void loadLibrary();
  }, [loaded]);

  const firing = useMemo(() => (snapshot?.alerts?.data ?? []).filter((a) => a.resolvedAt === null), [snapshot]);
  const named = useMemo(() => namedByAlerts(list, firing), [list, firing]);
  const available = list.filter((p) => !attached.includes(p.id));
  const suggested = available.filter((p) => named.has(p.id));
  const rest = available.filter((p) => !named.has(p.id));

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!choice) {
      setError('Choose a playbook first.');
      return;
    }
    setBusy(true);
    const outcome = await attachPlaybook(incidentId, choice);
    setBusy(false);
    if (outcome.ok) {
      setChoice('');
      setError(null);
      onAttached(outcome.value.id);
    } else setError(outcome.message);
  };

  return (
    <form className="attach-playbook" onSubmit={(e) => void submit(e)}>
      <label htmlFor="attach-playbook-select">Attach a playbook</label>
      <select id="attach-playbook-select" value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="attach-playbook-select">
        <option value="">Choose…</option>
        {suggested.length > 0 && (
          <optgroup label="Named by firing alerts">
            {suggested.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title} — {named.get(p.id)?.join(', ')}
              </option>
            ))}
          </optgroup>
        )}
        <optgroup label={suggested.length > 0 ? 'Other playbooks' : 'Playbooks'}>
          {rest.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
              {p.builtin ? '' : ' (yours)'}
            </option>
          ))}
        </optgroup>
      </select>
      <button type="submit" className="btn btn-small btn-primary" disabled={busy} data-testid="attach-playbook-submit">
        Attach
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
