import { useState } from 'react';
import type { MitigationRecord } from '../../../shared/command/types';
import type { Outcome } from '../../state/commands';

/**
 * Runs one mitigation for its dialog: busy while it runs; a refusal, or an attempt the upstream
 * failed (recorded on the timeline all the same), stays in the dialog as words; success closes it.
 */
export function useMitigation(onDone: () => void): {
  busy: boolean;
  error: string | null;
  /** Says something went wrong before any attempt (a proposal that could not be read). */
  fail: (message: string) => void;
  run: (attempt: () => Promise<Outcome<MitigationRecord>>) => Promise<void>;
} {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (attempt: () => Promise<Outcome<MitigationRecord>>): Promise<void> => {
    setBusy(true);
    const r = await attempt();
    setBusy(false);
    if (!r.ok) setError(r.message);
    else if (r.value.outcome === 'failed') setError(`Recorded as failed: ${r.value.message}`);
    else onDone();
  };
  return { busy, error, fail: setError, run };
}
