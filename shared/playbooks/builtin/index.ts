import { BUILTIN_PLAYBOOK_IDS, type BuiltinPlaybookId } from '../ids';
import type { Playbook, PlaybookInput } from '../schema';
import { checkPlaybook, formatPath } from '../validate';
import { ECHO_PLAYBOOKS } from './echo';
import { HPU_HARDWARE, PERFORMANCE_DEGRADATION, SECURITY_INCIDENT, TRAINING_PIPELINE_FAILURE } from './gaudi';
import { GPU_NODE_FAILURE } from './gpuaas';
import { DATABASE_CONNECTION, GPU_NOT_AVAILABLE, HIGH_MEMORY_USAGE, SERVICE_OUTAGE } from './hd-runbook';
import { DATA_QUALITY, FEATURE_PIPELINE_FAILURE, MODEL_PERFORMANCE_DEGRADATION, PREDICTION_SERVICE_OUTAGE } from './lecture';
import { FIRST_RESPONSE, POST_INCIDENT } from './response';

const WRITTEN: readonly PlaybookInput[] = [
  FIRST_RESPONSE,
  POST_INCIDENT,
  ...ECHO_PLAYBOOKS,
  GPU_NODE_FAILURE,
  GPU_NOT_AVAILABLE,
  SERVICE_OUTAGE,
  HIGH_MEMORY_USAGE,
  PERFORMANCE_DEGRADATION,
  DATABASE_CONNECTION,
  MODEL_PERFORMANCE_DEGRADATION,
  PREDICTION_SERVICE_OUTAGE,
  FEATURE_PIPELINE_FAILURE,
  TRAINING_PIPELINE_FAILURE,
  DATA_QUALITY,
  HPU_HARDWARE,
  SECURITY_INCIDENT,
];

/**
 * The built-in playbooks, parsed through the same checks an imported file gets, in the order of
 * BUILTIN_PLAYBOOK_IDS. A mistake in the data fails loudly at load (and in the tests), never as a
 * checklist that quietly lacks an item.
 */
export const BUILTIN_PLAYBOOKS: readonly Playbook[] = BUILTIN_PLAYBOOK_IDS.map((id) => {
  const written = WRITTEN.find((p) => p.id === id);
  if (!written) throw new Error(`built-in playbook "${id}" has no data`);
  const check = checkPlaybook(written);
  if (!check.ok) {
    const issue = check.issues[0];
    throw new Error(`built-in playbook "${id}" is invalid: ${issue ? `${formatPath(issue.path)}: ${issue.message}` : 'unknown'}`);
  }
  return check.playbook;
});

export function builtinPlaybook(id: string): Playbook | undefined {
  return BUILTIN_PLAYBOOKS.find((p) => p.id === id);
}

export function isBuiltinId(id: string): id is BuiltinPlaybookId {
  return (BUILTIN_PLAYBOOK_IDS as readonly string[]).includes(id);
}

/** Data written for an id the ids file does not list would never be shown: caught here. */
export const UNLISTED_BUILTINS: readonly string[] = WRITTEN.map((p) => p.id).filter((id) => !isBuiltinId(id));
