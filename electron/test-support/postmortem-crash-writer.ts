/**
 * A child process for crash tests: opens a Pitwall core on a data directory and autosaves a postmortem
 * through the real dispatch, in step with the test (crash-run.ts), as a commander typing would (each save the text so far
 * plus one more line, on the revision the last save returned), taking a "save as version" every 25
 * saves. The parent SIGKILLs it at a point of its choosing and checks every acknowledged save survived.
 *
 * Usage: tsx postmortem-crash-writer.ts <dataDir> <label> <count>
 * Prints `ACK r<revision> <line>` after each committed save and `ACK v<versionId> <line>` after each
 * committed version (stdout to a pipe is synchronous on Linux: a printed ACK was committed first).
 */
import type { Postmortem, PostmortemVersionMeta, SaveOutcome } from '../../shared/domain/postmortem';
import { createCore } from '../core/app';
import { paced } from './crash-run';

const [dataDir, label, countText] = process.argv.slice(2);
if (!dataDir || !label || !countText) throw new Error('usage: postmortem-crash-writer <dataDir> <label> <count>');
const count = Number(countText);

const core = createCore({ dataDir, mode: 'browser', version: 'crash-test', operator: 'crash-writer', poll: false });
const value = async <T>(channel: Parameters<typeof core.dispatch>[0], input: unknown): Promise<T> => {
  const r = await core.dispatch(channel, input);
  if (!r.ok) throw new Error(`${String(channel)}: ${r.error.message}`);
  return r.value as T;
};

const listed = await value<{ id: number }[]>('incident:list', {});
const incidentId =
  listed[0]?.id ?? (await value<{ id: number }>('incident:declare', { title: 'crash test: GPU OOM on gpu-node-01', severity: 'SEV2' })).id;
const pm =
  (await value<Postmortem | null>('postmortem:get', { incidentId })) ??
  (await value<Postmortem>('postmortem:draft', { incidentId, template: 'lecture' }));
let body = pm.body;
let revision = pm.revision;
const next = paced();
for (let i = 0; i < count; i++) {
  await next();
  const line = `${label}-${i}`;
  body += `\n- ${line}`;
  const saved = await value<SaveOutcome>('postmortem:save', { incidentId, body, revision });
  revision = saved.revision;
  process.stdout.write(`ACK r${revision} ${line}\n`);
  if (i % 25 === 24) {
    await next();
    const version = await value<PostmortemVersionMeta>('postmortem:snapshot', { incidentId });
    process.stdout.write(`ACK v${version.id} ${line}\n`);
  }
}
await core.close();
process.stdout.write('DONE\n');
