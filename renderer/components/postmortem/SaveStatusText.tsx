import { formatUtcTime } from '../../logic/format';
import { reloadPostmortem, useSaveStatus } from '../../state/postmortem';

/** Where the typed text stands: stored, about to be, or not, and why; always in words. */
export function SaveStatusText() {
  const status = useSaveStatus();
  const text =
    status.kind === 'saved'
      ? status.at === null
        ? 'All changes saved'
        : `Saved ${formatUtcTime(status.at)}`
      : status.kind === 'pending'
        ? 'Unsaved changes…'
        : status.kind === 'saving'
          ? 'Saving…'
          : status.message;
  return (
    <span className={`pm-save pm-save-${status.kind}`} role="status" data-testid="save-status" data-state={status.kind}>
      {text}
      {status.kind === 'refused' && /changed (elsewhere|in another window)/.test(status.message) && (
        <button type="button" className="btn" onClick={() => void reloadPostmortem()} data-testid="postmortem-reload">
          Discard mine and reload
        </button>
      )}
    </span>
  );
}
