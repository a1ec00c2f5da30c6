// `npm test`: everything a change must pass, ending with one line "N passed, N failed[, N skipped]"
// that counts every test and check it ran.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from './build.mjs';
import { ensureNodeModules, ensureSystemPackages } from './ensure.mjs';
import { log, root, run } from './lib.mjs';

const out = join(root, 'test-results');
const tally = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

async function check(name, cmd, args) {
  log(`check: ${name}`);
  const code = await run(cmd, args);
  if (code === 0) tally.passed++;
  else {
    tally.failed++;
    failures.push(name);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

async function main() {
  await ensureNodeModules();
  await ensureSystemPackages();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  await check('typecheck', 'npx', ['tsc', '-b']);
  await check('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
  await check('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
  try {
    await build();
    tally.passed++;
  } catch (err) {
    log(`build failed: ${err.message}`);
    tally.failed++;
    failures.push('build');
  }

  log('unit and integration tests (vitest)…');
  const vitestFile = join(out, 'vitest.json');
  await run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestFile}`]);
  const v = readJson(vitestFile);
  if (v) {
    tally.passed += v.numPassedTests;
    tally.failed += v.numFailedTests;
    tally.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
    if (v.numFailedTests > 0 || v.numFailedTestSuites > 0) failures.push('vitest');
    // A file that failed to load has no tests to count; count the file itself.
    const brokenFiles = (v.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
    tally.failed += brokenFiles;
  } else {
    tally.failed++;
    failures.push('vitest (no report)');
  }

  log('end-to-end tests (Playwright, Chromium, browser mode)…');
  const pwFile = join(out, 'playwright.json');
  await run('npx', ['playwright', 'test', '--reporter=list,json'], { env: { PLAYWRIGHT_JSON_OUTPUT_FILE: pwFile } });
  const p = existsSync(pwFile) ? readJson(pwFile) : null;
  if (p?.stats) {
    tally.passed += p.stats.expected + (p.stats.flaky ?? 0);
    tally.failed += p.stats.unexpected;
    tally.skipped += p.stats.skipped;
    if (p.stats.unexpected > 0) failures.push('playwright');
    for (const e of p.errors ?? []) {
      tally.failed++;
      failures.push(`playwright: ${String(e.message).split('\n')[0]}`);
    }
  } else {
    tally.failed++;
    failures.push('playwright (no report)');
  }

  if (failures.length) log(`failed: ${failures.join(', ')}`);
  console.log(`${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
  process.exitCode = tally.failed > 0 ? 1 : 0;
}

main().catch((err) => {
  console.error(`[pitwall] ${err instanceof Error ? err.message : String(err)}`);
  console.log(`${tally.passed} passed, ${tally.failed + 1} failed, ${tally.skipped} skipped`);
  process.exit(1);
});
