import { useEffect, useState } from 'react';
import type { LiveQueue } from '../../../shared/command/types';
import type { Incident } from '../../../shared/domain/incident';
import type { SourceView } from '../../../shared/domain/source-config';
import { act, ask } from '../../state/command';
import { useSources } from '../../state/sources';
import { DialogActions } from '../DialogActions';
import { Modal } from '../Modal';
import { SourcePicker } from './SourcePicker';
import { useMitigation } from './useMitigation';

export type QueueVerb = 'pause' | 'resume';

/**
 * Pause or resume an asynq queue, behind a confirmation that says the exact request, what it does
 * to the workers, and where it is recorded. The queue list is read live from the chosen source, so
 * the IC picks from what AsynqMon has now (and sees whether it is already paused).
 */
export function QueueActionDialog({
  incident,
  verb,
  preset,
  onClose,
}: {
  incident: Incident;
  verb: QueueVerb;
  preset?: { sourceId: number; queue: string };
  onClose: () => void;
}) {
  const sources = useSources().filter((s) => s.kind === 'asynqmon');
  const [sourceId, setSourceId] = useState<number | null>(preset?.sourceId ?? sources[0]?.id ?? null);
  // The live list as read for a source; while it is for another source, this one is still being read.
  const [read, setRead] = useState<{ sourceId: number; queues: LiveQueue[] | null; error: string | null } | null>(null);
  const queues = read?.sourceId === sourceId ? read.queues : null;
  const listError = read?.sourceId === sourceId ? read.error : null;
  const [queue, setQueue] = useState(preset?.queue ?? '');
  const { busy, error, run } = useMitigation(onClose);
  const source: SourceView | undefined = sources.find((s) => s.id === sourceId);

  useEffect(() => {
    if (sourceId === null) return;
    let live = true;
    void ask('mitigation:list-queues', { sourceId }).then((r) => {
      if (live) setRead({ sourceId, queues: r.ok ? r.value : null, error: r.ok ? null : r.message });
    });
    return () => {
      live = false;
    };
  }, [sourceId]);

  const chosen = queues?.find((q) => q.queue === queue) ?? null;
  const confirm = async (): Promise<void> => {
    if (sourceId === null || queue === '') return;
    await run(() =>
      act(incident.id, verb === 'pause' ? 'mitigation:pause-queue' : 'mitigation:resume-queue', { id: incident.id, sourceId, queue }),
    );
  };
  const Verb = verb === 'pause' ? 'Pause' : 'Resume';

  return (
    <Modal title={`${Verb} an asynq queue`} onClose={onClose} testId="queue-dialog">
      <div className="mitigation-form">
        {sources.length === 0 ? (
          <p className="warning">No AsynqMon source is configured. Add one under Sources.</p>
        ) : (
          <div className="two-col">
            <SourcePicker label="AsynqMon source" sources={sources} value={sourceId} onChange={setSourceId} testId="queue-source" />
            <label>
              Queue
              <select value={queue} onChange={(e) => setQueue(e.target.value)} disabled={queues === null} data-testid="queue-name">
                <option value="">{queues === null ? (listError ? 'queue list unavailable' : 'reading queues…') : 'choose a queue'}</option>
                {(queues ?? []).map((q) => (
                  <option key={q.queue} value={q.queue}>
                    {q.queue} — {q.paused ? 'paused' : 'running'}, {q.pending} pending
                  </option>
                ))}
              </select>
            </label>
          </div>
        )}
        {listError && (
          <p className="form-error" role="alert" data-testid="queue-list-error">
            {listError}
          </p>
        )}
        {source && queue !== '' && (
          <div className="confirm-what" data-testid="queue-confirm-text">
            <p>
              Pitwall will send{' '}
              <code className="mono">POST {`${source.baseUrl.replace(/\/+$/, '')}/api/queues/${encodeURIComponent(queue)}:${verb}`}</code>{' '}
              to AsynqMon “{source.name}”, then read the queue back and record what AsynqMon reports on {incident.ref}’s timeline.
            </p>
            <p>
              {verb === 'pause'
                ? `Workers stop taking tasks from “${queue}”; tasks already running finish. New tasks keep queueing (pending grows) until it is resumed.`
                : `Workers start taking tasks from “${queue}” again, oldest pending first.`}
              {chosen
                ? ` It is ${chosen.paused ? 'paused' : 'running'} now, with ${chosen.pending} pending and ${chosen.active} active.`
                : ''}
            </p>
          </div>
        )}
        <DialogActions
          error={error}
          errorTestId="queue-error"
          onCancel={onClose}
          confirm={{
            label: busy ? `${Verb === 'Pause' ? 'Pausing' : 'Resuming'}…` : queue === '' ? `${Verb} queue` : `${Verb} “${queue}”`,
            tone: verb === 'pause' ? 'alert' : 'primary',
            disabled: busy || sourceId === null || queue === '',
            onClick: () => void confirm(),
            testId: 'queue-confirm',
          }}
        />
      </div>
    </Modal>
  );
}
