import type Database from 'better-sqlite3';
import type { ParsedInput } from '../../../shared/contract/channels';
import { AppFailure } from '../../../shared/contract/result';
import { BUILTIN_PLAYBOOKS, builtinPlaybook, isBuiltinId } from '../../../shared/playbooks/builtin/index';
import { summarise, type PlaybookDetail, type PlaybookSummary } from '../../../shared/playbooks/library';
import {
  formatFromName,
  issueText,
  parsePlaybookText,
  playbookFileName,
  playbookToText,
  type FileIssue,
  type PlaybookFormat,
} from '../../../shared/playbooks/playbook-file';
import { PLAYBOOK_LIMITS, type Playbook } from '../../../shared/playbooks/schema';
import { checkPlaybook } from '../../../shared/playbooks/validate';
import { PlaybookRepo, type PlaybookVersionRow } from '../../store/playbooks/playbook-repo';
import { newId } from '../ids';

export interface LibraryDeps {
  db: Database.Database;
  operator: () => string;
  now: () => number;
  onChanged?: (id: string) => void;
}

/** How many issues one refusal lists: enough to fix a file in one go, not a wall of text. */
const MAX_ISSUES_SHOWN = 5;

function refuse(issues: readonly FileIssue[]): never {
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map(issueText);
  const more = issues.length > MAX_ISSUES_SHOWN ? ` (and ${issues.length - MAX_ISSUES_SHOWN} more)` : '';
  throw new AppFailure('bad-input', `The playbook was not saved: ${shown.join('; ')}${more}.`);
}

/**
 * The playbook library: built-ins (read-only, from shared/playbooks/builtin) and the user's own
 * (stored, every save a new version). Every write goes through the same parse and checks as an
 * imported file, and nothing is written unless the whole playbook is valid.
 */
export class PlaybookLibrary {
  private readonly repo: PlaybookRepo;

  constructor(private readonly deps: LibraryDeps) {
    this.repo = new PlaybookRepo(deps.db);
  }

  list(): PlaybookSummary[] {
    const users = this.repo
      .latestAll()
      .map((row) => ({ row, playbook: this.parseRow(row) }))
      .filter((x): x is { row: PlaybookVersionRow; playbook: Playbook } => x.playbook !== null)
      .map(({ row, playbook }) => summarise(playbook, false, { savedAt: row.saved_at, author: row.author }))
      .sort((a, b) => a.title.localeCompare(b.title));
    return [...BUILTIN_PLAYBOOKS.map((p) => summarise(p, true, null)), ...users];
  }

  /** The current version (or an older one) of a playbook. */
  get(id: string, version?: number): PlaybookDetail {
    const builtin = builtinPlaybook(id);
    if (builtin) {
      if (version !== undefined && version !== builtin.version) {
        throw new AppFailure('not-found', `The built-in playbook "${id}" exists only as version ${builtin.version}.`);
      }
      return { playbook: builtin, builtin: true, versions: [], latest: true };
    }
    const latest = this.repo.latest(id);
    const row = version === undefined ? latest : this.repo.version(id, version);
    const playbook = row ? this.parseRow(row) : null;
    if (!row || !playbook) {
      throw new AppFailure('not-found', version === undefined ? `No playbook "${id}".` : `Playbook "${id}" has no version ${version}.`);
    }
    const versions = this.repo
      .history(id)
      .map((v) => ({ version: v.version, title: v.title, author: v.author, savedAt: v.saved_at, deleted: v.deleted === 1 }));
    return { playbook, builtin: false, versions, latest: latest?.version === row.version };
  }

  /** The current playbook of an id, for attaching; null when there is none (or it was deleted). */
  current(id: string): Playbook | null {
    const builtin = builtinPlaybook(id);
    if (builtin) return builtin;
    const row = this.repo.latest(id);
    return row ? this.parseRow(row) : null;
  }

  save(input: ParsedInput<'playbook:save'>): PlaybookSummary {
    const playbook = this.parse(input.text, input.format);
    if (input.id !== undefined && input.id !== playbook.id) {
      throw new AppFailure(
        'bad-input',
        `The playbook was not saved: its id changed from "${input.id}" to "${playbook.id}". Ids are what incidents' checklists refer to; duplicate the playbook to give it a new id.`,
      );
    }
    this.refuseBuiltin(playbook.id, input.id === undefined ? 'create' : 'edit');
    const latest = this.repo.latest(playbook.id);
    if (input.id === undefined && latest?.body) {
      throw new AppFailure(
        'conflict',
        `A playbook with the id "${playbook.id}" already exists (version ${latest.version}); choose another id, or edit that one.`,
      );
    }
    if (input.id !== undefined && !latest?.body) throw new AppFailure('not-found', `No playbook "${input.id}" to edit.`);
    return this.write({ ...playbook, version: (latest?.version ?? 0) + 1 });
  }

  duplicate(input: ParsedInput<'playbook:duplicate'>): PlaybookSummary {
    const source = this.get(input.id).playbook;
    const id = input.newId ?? this.freeId(`${source.id}-copy`);
    this.refuseBuiltin(id, 'create');
    const latest = this.repo.latest(id);
    if (latest?.body) throw new AppFailure('conflict', `A playbook with the id "${id}" already exists.`);
    const copy: Playbook = {
      ...structuredClone(source),
      id,
      version: (latest?.version ?? 0) + 1,
      title: `${source.title} (copy)`.slice(0, PLAYBOOK_LIMITS.title),
      basedOn: { id: source.id, version: source.version },
    };
    return this.write(this.recheck(copy));
  }

  delete(id: string): { id: string } {
    if (isBuiltinId(id)) throw new AppFailure('invalid-transition', `"${id}" is a built-in playbook; built-ins cannot be deleted.`);
    const latest = this.repo.latest(id);
    if (!latest?.body) throw new AppFailure('not-found', `No playbook "${id}".`);
    this.deps.db.transaction(() =>
      this.repo.insert({
        id: newId(),
        playbook_id: id,
        version: latest.version + 1,
        title: latest.title,
        body: null,
        author: this.deps.operator(),
        saved_at: this.deps.now(),
      }),
    )();
    this.deps.onChanged?.(id);
    return { id };
  }

  import(input: ParsedInput<'playbook:import'>): PlaybookSummary {
    const playbook = this.parse(input.text, formatFromName(input.fileName, input.text));
    this.refuseBuiltin(playbook.id, 'import');
    const latest = this.repo.latest(playbook.id);
    if (latest?.body && !input.replace) {
      throw new AppFailure(
        'conflict',
        `A playbook with the id "${playbook.id}" already exists (version ${latest.version}). Import it as that playbook's next version, or change the id in the file.`,
      );
    }
    // A file keeps its version number when it can (a round trip reads back the same), never reusing one.
    return this.write({ ...playbook, version: Math.max(playbook.version, (latest?.version ?? 0) + 1) });
  }

  export(input: ParsedInput<'playbook:export'>): { fileName: string; text: string } {
    const { playbook } = this.get(input.id, input.version);
    return { fileName: playbookFileName(playbook, input.format), text: playbookToText(playbook, input.format) };
  }

  private parse(text: string, format: PlaybookFormat): Playbook {
    const parsed = parsePlaybookText(text, format);
    if (!parsed.ok) refuse(parsed.issues);
    return parsed.playbook;
  }

  /** A playbook built in code (a copy) goes through the same checks as one read from a file. */
  private recheck(p: Playbook): Playbook {
    const check = checkPlaybook(p);
    if (!check.ok) refuse(check.issues.map((i) => ({ field: i.path.join('.'), line: null, message: i.message })));
    return check.playbook;
  }

  private refuseBuiltin(id: string, what: 'create' | 'edit' | 'import'): void {
    if (!isBuiltinId(id)) return;
    throw new AppFailure(
      what === 'edit' ? 'invalid-transition' : 'conflict',
      what === 'edit'
        ? `"${id}" is a built-in playbook and read-only; duplicate it to make your own version.`
        : `"${id}" is the id of a built-in playbook; give yours its own id (for example "${id}-ours").`,
    );
  }

  private write(playbook: Playbook): PlaybookSummary {
    const savedAt = this.deps.now();
    const author = this.deps.operator();
    this.deps.db.transaction(() =>
      this.repo.insert({
        id: newId(),
        playbook_id: playbook.id,
        version: playbook.version,
        title: playbook.title,
        body: JSON.stringify(playbook),
        author,
        saved_at: savedAt,
      }),
    )();
    this.deps.onChanged?.(playbook.id);
    return summarise(playbook, false, { savedAt, author });
  }

  private freeId(base: string): string {
    const stem = base.slice(0, PLAYBOOK_LIMITS.id - 4);
    for (let n = 1; n < 1000; n += 1) {
      const id = n === 1 ? stem : `${stem}-${n}`;
      if (!isBuiltinId(id) && !this.repo.latest(id)?.body) return id;
    }
    throw new AppFailure('conflict', `No free id like "${stem}"; give the copy an id.`);
  }

  /** A stored row that no longer parses (hand-edited file, newer format) is left out rather than breaking the library. */
  private parseRow(row: PlaybookVersionRow): Playbook | null {
    if (row.body === null) return null;
    try {
      const check = checkPlaybook(JSON.parse(row.body));
      return check.ok ? check.playbook : null;
    } catch {
      return null;
    }
  }
}
