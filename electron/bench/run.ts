import { join } from 'node:path';
import { benchChart } from './chart-bench';
import { benchDetect } from './detect-bench';
import { benchLogs } from './logs-bench';
import { benchPdf } from './pdf-bench';
import { benchPoll } from './poll-bench';
import { writeResults, type BenchResult } from './results';
import { benchSearch } from './search-bench';
import { benchStart } from './start-bench';
import { benchStore } from './store-bench';

/** `npm run bench`: each part measures Pitwall against its raw baseline in the same run. */
async function main(): Promise<void> {
  const file = join(process.cwd(), 'bench-results.json');
  // `npm run bench -- chart logs` runs only the named parts; the file keeps the others' last results.
  const parts: Record<string, () => Promise<BenchResult[]>> = {
    store: benchStore,
    search: benchSearch,
    start: benchStart,
    poll: benchPoll,
    detect: benchDetect,
    logs: benchLogs,
    chart: benchChart,
    pdf: benchPdf,
  };
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !(name in parts));
  if (unknown.length) throw new Error(`Unknown bench part ${unknown.join(', ')}; the parts are ${Object.keys(parts).join(', ')}.`);
  const results: BenchResult[] = [];
  for (const [name, run] of Object.entries(parts)) if (only.length === 0 || only.includes(name)) results.push(...(await run()));
  writeResults(file, results);
  for (const r of results)
    console.log(
      `${r.id.padEnd(24)} ${String(r.value).padStart(10)} ${r.unit}${r.ratio !== null ? `  (baseline ${r.baseline}, ratio ${r.ratio})` : ''}`,
    );
  console.log(`wrote ${file}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
