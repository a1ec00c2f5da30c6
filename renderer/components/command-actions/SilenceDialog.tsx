import { useEffect, useMemo, useState } from 'react';
import {
  durationProblem,
  formatMatchers,
  matchesAll,
  matcherProblems,
  MATCHER_OPS,
  SILENCE_DEFAULT_MINUTES,
  type Matcher,
  type MatcherOp,
} from '../../../shared/command/silence';
import type { SilenceProposal } from '../../../shared/command/types';
import type { Incident } from '../../../shared/domain/incident';
import { useNow } from '../../hooks/useNow';
import { formatDuration, formatUtc } from '../../logic/format';
import { act, ask } from '../../state/command';
import { useSources } from '../../state/sources';
import { DialogActions } from '../DialogActions';
import { Modal } from '../Modal';
import { SourcePicker } from './SourcePicker';
import { useMitigation } from './useMitigation';

const DURATIONS: readonly { min: number; label: string }[] = [
  { min: 30, label: '30 min' },
  { min: 60, label: '1 h' },
  { min: 120, label: '2 h' },
  { min: 240, label: '4 h' },
  { min: 480, label: '8 h' },
];

/**
 * A silence for the incident's alerts: matchers proposed from the alerts on record, every part
 * editable, checked as it is typed (empty or match-everything sets and out-of-range durations are
 * refused), and a confirmation that says exactly what Alertmanager will be asked.
 */
export function SilenceDialog({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const sources = useSources().filter((s) => s.kind === 'alertmanager');
  const now = useNow(5000);
  const [sourceId, setSourceId] = useState<number | null>(sources[0]?.id ?? null);
  const [proposal, setProposal] = useState<SilenceProposal | null>(null);
  const [matchers, setMatchers] = useState<Matcher[]>([]);
  const [minutes, setMinutes] = useState(String(SILENCE_DEFAULT_MINUTES));
  const [comment, setComment] = useState(`${incident.ref}: ${incident.title} (silenced from Pitwall)`);
  const [expireOnResolve, setExpireOnResolve] = useState(true);
  const { busy, error, fail, run } = useMitigation(onClose);

  useEffect(() => {
    let live = true;
    void ask('mitigation:propose-silence', { id: incident.id }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setProposal(r.value);
        setMatchers(r.value.matchers);
      } else fail(r.message);
    });
    return () => {
      live = false;
    };
  }, [incident.id, fail]);

  const duration = Number(minutes);
  const problems = useMemo(() => {
    const out = matcherProblems(matchers);
    const d = minutes.trim() === '' ? 'Give a duration in minutes.' : durationProblem(duration);
    if (d) out.push(d);
    if (comment.trim() === '') out.push('Alertmanager requires a comment.');
    return out;
  }, [matchers, minutes, duration, comment]);
  const covered = proposal
    ? proposal.alerts.filter((a) => matcherProblems(matchers).length === 0 && matchesAll(matchers, { alertname: a.name, ...a.labels }))
    : [];
  const source = sources.find((s) => s.id === sourceId);

  const set = (i: number, patch: Partial<Matcher>): void => setMatchers((ms) => ms.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const confirm = async (): Promise<void> => {
    if (sourceId === null || problems.length > 0) return;
    await run(() =>
      act(incident.id, 'mitigation:create-silence', {
        id: incident.id,
        sourceId,
        matchers: matchers.map((m) => ({ ...m, name: m.name.trim() })),
        durationMin: duration,
        comment: comment.trim(),
        expireOnResolve,
      }),
    );
  };

  return (
    <Modal title="Silence the incident's alerts" onClose={onClose} testId="silence-dialog">
      <div className="mitigation-form">
        {sources.length === 0 ? (
          <p className="warning">No Alertmanager source is configured. Add one under Sources.</p>
        ) : (
          <SourcePicker label="Alertmanager" sources={sources} value={sourceId} onChange={setSourceId} testId="silence-source" />
        )}
        <fieldset className="matchers">
          <legend>Matchers (all must match)</legend>
          {proposal && proposal.matchers.length === 0 && (
            <p className="muted">No alerts are on record for this incident: name the alerts to silence.</p>
          )}
          {matchers.map((m, i) => (
            <div className="matcher-row" key={i} data-testid="silence-matcher">
              <input
                value={m.name}
                onChange={(e) => set(i, { name: e.target.value })}
                aria-label={`Matcher ${i + 1} label`}
                placeholder="label"
              />
              <select value={m.op} onChange={(e) => set(i, { op: e.target.value as MatcherOp })} aria-label={`Matcher ${i + 1} operator`}>
                {MATCHER_OPS.map((op) => (
                  <option key={op} value={op}>
                    {op}
                  </option>
                ))}
              </select>
              <input
                value={m.value}
                onChange={(e) => set(i, { value: e.target.value })}
                aria-label={`Matcher ${i + 1} value`}
                placeholder="value"
              />
              <button
                type="button"
                className="btn btn-small btn-quiet"
                onClick={() => setMatchers((ms) => ms.filter((_, j) => j !== i))}
                aria-label={`Remove matcher ${i + 1}`}
                data-testid="silence-matcher-remove"
              >
                ✕
              </button>
            </div>
          ))}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setMatchers((ms) => [...ms, { name: '', op: '=', value: '' }])}
            data-testid="silence-matcher-add"
          >
            Add matcher
          </button>
        </fieldset>
        <div className="two-col">
          <label>
            Duration (minutes)
            <span className="with-presets">
              <input
                type="number"
                min={5}
                max={1440}
                value={minutes}
                onChange={(e) => setMinutes(e.target.value)}
                data-testid="silence-minutes"
              />
              {DURATIONS.map((d) => (
                <button key={d.min} type="button" className="btn btn-small btn-quiet" onClick={() => setMinutes(String(d.min))}>
                  {d.label}
                </button>
              ))}
            </span>
          </label>
          <label>
            Comment (Alertmanager shows it)
            <input value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} data-testid="silence-comment" />
          </label>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={expireOnResolve}
            onChange={(e) => setExpireOnResolve(e.target.checked)}
            data-testid="silence-expire-on-resolve"
          />
          Expire it when {incident.ref} is resolved
        </label>
        {problems.length > 0 ? (
          <ul className="form-error problems" role="alert" data-testid="silence-problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : (
          source && (
            <div className="confirm-what" data-testid="silence-confirm-text">
              <p>
                Pitwall will create a silence in Alertmanager “{source.name}” ({source.baseUrl}) from now until{' '}
                <strong>{formatUtc(now + duration * 60_000)}</strong> ({formatDuration(duration * 60_000)}) for alerts matching{' '}
                <code className="mono">{formatMatchers(matchers)}</code>, created by you with the comment above.
              </p>
              <p>
                {proposal
                  ? `It covers ${covered.length} of the ${proposal.alerts.length} alerts on record for this incident${covered.length > 0 ? `: ${[...new Set(covered.map((a) => a.name))].join(', ')}` : ''}, and any other alert that matches.`
                  : ''}{' '}
                {expireOnResolve
                  ? `It is expired when ${incident.ref} is resolved.`
                  : 'It runs until then even if the incident is resolved.'}{' '}
                The silence id is recorded on the timeline.
              </p>
            </div>
          )
        )}
        <DialogActions
          error={error}
          errorTestId="silence-error"
          onCancel={onClose}
          confirm={{
            label: busy ? 'Creating…' : 'Create silence',
            tone: 'alert',
            disabled: busy || sourceId === null || problems.length > 0,
            onClick: () => void confirm(),
            testId: 'silence-confirm',
          }}
        />
      </div>
    </Modal>
  );
}
