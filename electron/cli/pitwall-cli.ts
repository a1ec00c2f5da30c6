import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_BUNDLE_BYTES } from '../../shared/contract/reports';
import { AppFailure } from '../../shared/contract/result';
import type { IncidentSummary } from '../../shared/domain/incident';
import { severityLabel } from '../../shared/domain/severity';
import type { ExportFormat } from '../../shared/domain/reports';
import { createCore, type PitwallCore } from '../core/app';
import { resolveDataDir } from '../core/data-dir';
import { isAbortError } from '../platform/pdf-printer';
import { lockHolder } from '../store/data-dir-lock';
import { stageRestore } from '../store/maintenance/backup';
import { copyFileSync } from 'node:fs';
import type { BackupView } from '../../shared/contract/maintenance';

const HELP = `Pitwall command line: incidents, reports and bundles from a data directory.

  npm run pitwall -- list
  npm run pitwall -- export INC-YYYYMMDD-NNN [--pdf FILE] [--md FILE] [--bundle FILE]
  npm run pitwall -- import FILE
  npm run pitwall -- backup [FILE]
  npm run pitwall -- restore FILE

Options:
  --data-dir DIR   the data directory (default: $PITWALL_DATA_DIR, else the OS user-data folder)
  -h, --help       this text

backup copies the whole database with SQLite's online backup API into the data directory's
backups folder (and to FILE if given). restore replaces the database with a backup after checking
it (intact, a Pitwall database, not from a newer Pitwall); the replaced one is kept beside it.

Reports and bundles are made from the stored data alone: no source needs to answer.
PDFs are printed by headless Chromium (set PITWALL_CHROMIUM to choose one).
While Pitwall is running on the same data directory the command line writes nothing: export
from the app instead (an incident's Report tab, key 5).`;

/** Exit codes: 0 done, 1 failed (said why), 2 not run (usage, or the app holds the data directory). */
class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** `npm run` starts scripts in the package folder; a relative path means where the person typed it. */
function userPath(file: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'dev';
  } catch {
    return 'dev';
  }
}

function openCore(dataDir: string): PitwallCore {
  const running = lockHolder(dataDir);
  const refuse = (pid: number | string): CliExit =>
    new CliExit(
      2,
      `Pitwall is running (pid ${pid}) with the data directory ${dataDir}, so the command line will not write beside it.\n` +
        'Export from the app: open the incident, press 5 (Report) and choose PDF, Markdown or JSON bundle; ' +
        'import with "Import bundle" above the incident list. Or quit Pitwall and run this again.',
    );
  if (running !== null) throw refuse(running);
  try {
    return createCore({ dataDir, mode: 'cli', version: packageVersion(), poll: false });
  } catch (err) {
    if (err instanceof AppFailure && err.code === 'conflict') throw refuse(/pid (\d+)/.exec(err.message)?.[1] ?? '?');
    throw err;
  }
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

async function list(core: PitwallCore): Promise<void> {
  const result = await core.dispatch('incident:list', { includeClosed: true, limit: 500 });
  if (!result.ok) throw new CliExit(1, result.error.message);
  const items = result.value as IncidentSummary[];
  if (items.length === 0) {
    console.log(`No incidents in ${core.info.dataDir}.`);
    return;
  }
  console.log(`${pad('REF', 17)} ${pad('SEVERITY', 10)} ${pad('STATUS', 13)} ${pad('DECLARED (UTC)', 17)} ${pad('IC', 18)} TITLE`);
  for (const i of items) {
    const declared = new Date(i.declaredAt).toISOString().slice(0, 16).replace('T', ' ');
    console.log(
      `${pad(i.ref, 17)} ${pad(severityLabel(i.severity), 10)} ${pad(i.status, 13)} ${pad(declared, 17)} ${pad(i.commander ?? '-', 18)} ${i.title}`,
    );
  }
}

async function exportIncident(core: PitwallCore, ref: string, outputs: [ExportFormat, string][], signal: AbortSignal): Promise<void> {
  const id = core.reports.incidentByRef(ref);
  for (const [format, file] of outputs) {
    const dest = userPath(file);
    const { bytes } = await core.reports.exportTo(id, format, dest, {
      signal,
      onProgress: (p) => process.stderr.write(`  ${format}: ${p.phase}\n`),
    });
    console.log(`Wrote ${dest} (${bytes.toLocaleString('en-US')} bytes)`);
  }
}

async function importFile(core: PitwallCore, file: string, signal: AbortSignal): Promise<void> {
  const path = userPath(file);
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    throw new CliExit(1, `Cannot read ${path}: ${(err as Error).message}`);
  }
  if (size > MAX_BUNDLE_BYTES) throw new CliExit(1, `${path} is ${size} bytes; bundles are at most ${MAX_BUNDLE_BYTES} bytes.`);
  const outcome = await core.reports.importBytes(readFileSync(path), path.split(/[\\/]/).pop() ?? path, {
    signal,
    onProgress: (p) => process.stderr.write(`  ${p.phase}\n`),
  });
  console.log(outcome.message);
}

async function backup(core: PitwallCore, file: string | undefined): Promise<void> {
  const result = await core.dispatch('maintenance:backup', {});
  if (!result.ok) throw new CliExit(1, result.error.message);
  const made = result.value as BackupView;
  console.log(`Backed up to ${made.path} (${made.bytes.toLocaleString('en-US')} bytes)`);
  if (file) {
    const dest = userPath(file);
    copyFileSync(made.path, dest);
    console.log(`Copied to ${dest}`);
  }
}

/** Checks the file, stages it, then opens the data directory once so the restore completes now. */
async function restore(dataDir: string, file: string): Promise<void> {
  const running = lockHolder(dataDir);
  if (running !== null) {
    throw new CliExit(
      2,
      `Pitwall is running (pid ${running}) with the data directory ${dataDir}; quit it first, or restore from the app (Settings → Backups).`,
    );
  }
  const path = userPath(file);
  let checked;
  try {
    checked = await stageRestore(dataDir, path);
  } catch (err) {
    throw new CliExit(1, err instanceof Error ? err.message : String(err));
  }
  const core = openCore(dataDir);
  const kept = core.info.restoredOver;
  await core.close();
  console.log(
    `Restored ${path} (${checked.incidents} incident${checked.incidents === 1 ? '' : 's'})${kept ? `; the previous database is kept as ${kept}` : ''}.`,
  );
}

export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        pdf: { type: 'string' },
        md: { type: 'string' },
        bundle: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, arg, ...extra] = positionals;
  if (values.help || command === undefined || command === 'help') {
    console.log(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  const outputs: [ExportFormat, string][] = [];
  if (values.pdf) outputs.push(['pdf', values.pdf]);
  if (values.md) outputs.push(['markdown', values.md]);
  if (values.bundle) outputs.push(['bundle', values.bundle]);
  const usage = (why: string): number => {
    console.error(`${why}\n\n${HELP}`);
    return 2;
  };
  if (!['list', 'export', 'import', 'backup', 'restore'].includes(command)) return usage(`Unknown command "${command}".`);
  if (extra.length) return usage(`Unexpected arguments: ${extra.join(' ')}`);
  if (command === 'export' && (!arg || outputs.length === 0))
    return usage('export needs an incident ref and at least one of --pdf, --md, --bundle.');
  if (command === 'import' && !arg) return usage('import needs a bundle file.');
  if (command === 'restore' && !arg) return usage('restore needs a backup file.');
  if (command !== 'export' && outputs.length) return usage('--pdf, --md and --bundle go with export.');

  const dataDir = resolve(values['data-dir'] ?? resolveDataDir());
  const abort = new AbortController();
  const onSigint = (): void => abort.abort();
  process.on('SIGINT', onSigint);
  let core: PitwallCore | null = null;
  try {
    if (command === 'restore') {
      await restore(dataDir, arg ?? '');
      return 0;
    }
    core = openCore(dataDir);
    if (command === 'list') await list(core);
    else if (command === 'backup') await backup(core, arg);
    else if (command === 'export') await exportIncident(core, arg ?? '', outputs, abort.signal);
    else await importFile(core, arg ?? '', abort.signal);
    return 0;
  } catch (err) {
    if (err instanceof CliExit) {
      console.error(err.message);
      return err.code;
    }
    if (isAbortError(err)) {
      console.error('Cancelled; no partial file or rows were kept.');
      return 130;
    }
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    await core?.close();
  }
}
