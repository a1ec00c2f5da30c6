/**
 * A child process for crash tests: opens a Pitwall core on a data directory and appends timeline notes
 * through the real dispatch in step with the test (crash-run.ts), printing one line per acknowledged write. The parent kills
 * it with SIGKILL at a point of its choosing and checks every acknowledged write survived.
 *
 * Usage: tsx crash-writer.ts <dataDir> <burst label> <count>
 * Prints `INC <id>` once, then `ACK <eventId> <text>` after each committed note. stdout to a pipe is
 * synchronous on Linux, so a printed ACK means the transaction committed before the line left.
 */
import { createCore } from '../core/app';
import { paced } from './crash-run';

const [dataDir, label, countText] = process.argv.slice(2);
if (!dataDir || !label || !countText) throw new Error('usage: crash-writer <dataDir> <label> <count>');
const count = Number(countText);

const core = createCore({ dataDir, mode: 'browser', version: 'crash-test', operator: 'crash-writer', poll: false });
const listed = await core.dispatch('incident:list', {});
if (!listed.ok) throw new Error(listed.error.message);
let id = (listed.value as { id: number }[])[0]?.id;
if (id === undefined) {
  const declared = await core.dispatch('incident:declare', { title: 'crash test', severity: 'SEV2' });
  if (!declared.ok) throw new Error(declared.error.message);
  id = (declared.value as { id: number }).id;
}
process.stdout.write(`INC ${id}\n`);
const next = paced();
for (let i = 0; i < count; i++) {
  await next();
  const text = `${label}-${i}`;
  const r = await core.dispatch('incident:add-note', { id, text });
  if (!r.ok) throw new Error(r.error.message);
  process.stdout.write(`ACK ${(r.value as { id: number }).id} ${text}\n`);
}
await core.close();
process.stdout.write('DONE\n');
