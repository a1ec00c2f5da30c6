import { join } from 'node:path';
import { benchChart } from './chart-bench';
import { benchLogs } from './logs-bench';
import { benchPoll } from './poll-bench';
import { writeResults, type BenchResult } from './results';
import { benchStore } from './store-bench';

/** `npm run bench`: each part measures Pitwall against its raw baseline in the same run. */
async function main(): Promise<void> {
  const file = join(process.cwd(), 'bench-results.json');
  const results: BenchResult[] = [...(await benchStore()), ...(await benchPoll()), ...(await benchLogs()), ...(await benchChart())];
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
