import type Database from 'better-sqlite3';
import type { EventKind } from '../../../shared/domain/incident';
import type { HitSource, SearchHit, SearchResult, SnippetPart } from '../../../shared/domain/search';
import type { Severity } from '../../../shared/domain/severity';
import type { Status } from '../../../shared/domain/status';
import { toFtsQuery } from '../incident-repo';
import { toSummary, type IncidentRow } from '../incident-rows';

export interface SearchFilter {
  text: string;
  severities: readonly Severity[];
  statuses: readonly Status[];
  fromMs: number | null;
  toMs: number | null;
  limit: number;
}

/** Markers snippet() puts around matched words: control characters nobody types into an incident. */
const OPEN = '\u0001';
const CLOSE = '\u0002';
/** Matching rows read per index before ranking: a word found in every incident must not cost a scan of every row. */
const ROWS_PER_INDEX = 4_000;
const HITS_PER_INCIDENT = 3;
const SNIPPET_TOKENS = 14;

type Index = 'incident' | 'note' | 'event' | 'postmortem';
interface Match {
  index: Index;
  rowid: number;
  incidentId: number;
  score: number;
}

const SELECT_INCIDENT = `SELECT i.*, (SELECT person FROM incident_roles r WHERE r.incident_id = i.id AND r.role = 'commander') AS commander FROM incidents i`;

/**
 * Full-text search over every FTS5 index Pitwall keeps: incident ref/title/summary, notes and pinned
 * evidence (note_search), other timeline text such as role holders and handoff notes (event_search),
 * and postmortems. Two steps: rank matching rows by bm25 (cheap), then build snippets only for the
 * incidents shown, each snippet a point lookup by rowid.
 */
export class SearchRepo {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      incidentSnippet: db.prepare<[string, number], { title: string; summary: string }>(
        `SELECT snippet(incident_text_search, 1, '${OPEN}', '${CLOSE}', '…', ${SNIPPET_TOKENS}) AS title,
                snippet(incident_text_search, 2, '${OPEN}', '${CLOSE}', '…', ${SNIPPET_TOKENS}) AS summary
         FROM incident_text_search WHERE incident_text_search MATCH ? AND rowid = ?`,
      ),
      noteSnippet: db.prepare<[string, number], { s: string }>(
        `SELECT snippet(note_search, 0, '${OPEN}', '${CLOSE}', '…', ${SNIPPET_TOKENS}) AS s FROM note_search WHERE note_search MATCH ? AND rowid = ?`,
      ),
      eventSnippet: db.prepare<[string, number], { s: string }>(
        `SELECT snippet(event_search, 0, '${OPEN}', '${CLOSE}', '…', ${SNIPPET_TOKENS}) AS s FROM event_search WHERE event_search MATCH ? AND rowid = ?`,
      ),
      postmortemSnippet: db.prepare<[string, number], { s: string }>(
        `SELECT snippet(postmortem_search, 0, '${OPEN}', '${CLOSE}', '…', ${SNIPPET_TOKENS}) AS s FROM postmortem_search WHERE postmortem_search MATCH ? AND rowid = ?`,
      ),
      eventKind: db.prepare<[number], { kind: EventKind }>('SELECT kind FROM timeline_events WHERE id = ?'),
    };
  }

  search(f: SearchFilter): SearchResult[] {
    const match = toFtsQuery(f.text);
    const { where, params } = filters(f);
    if (!match) {
      const sql = `${SELECT_INCIDENT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.declared_at DESC LIMIT @limit`;
      return this.db
        .prepare<Record<string, string | number>, IncidentRow>(sql)
        .all({ ...params, limit: f.limit })
        .map((r) => ({ incident: toSummary(r), hits: [] }));
    }
    const matches = this.matches(match, where, params);
    const best = new Map<number, Match[]>();
    for (const m of matches.sort((a, b) => a.score - b.score)) {
      const list = best.get(m.incidentId);
      if (list) {
        if (list.length < HITS_PER_INCIDENT) list.push(m);
      } else if (best.size < f.limit) best.set(m.incidentId, [m]);
    }
    if (best.size === 0) return [];
    const ids = [...best.keys()];
    const rows = this.db.prepare<number[], IncidentRow>(`${SELECT_INCIDENT} WHERE i.id IN (${ids.map(() => '?').join(',')})`).all(...ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [{ incident: toSummary(row), hits: (best.get(id) ?? []).flatMap((m) => this.hits(match, m)) }] : [];
    });
  }

  private matches(match: string, where: string[], params: Record<string, string | number>): Match[] {
    const cond = where.length ? `AND ${where.join(' AND ')}` : '';
    const p = { ...params, match, rows: ROWS_PER_INDEX };
    const run = (index: Index, sql: string): Match[] =>
      this.db
        .prepare<Record<string, string | number>, { rowid: number; incident_id: number; score: number }>(sql)
        .all(p)
        .map((r) => ({ index, rowid: r.rowid, incidentId: r.incident_id, score: r.score }));
    // bm25 weights for ref, title, summary: a word in the title says more than one in a long summary.
    return [
      ...run(
        'incident',
        `SELECT s.rowid, s.rowid AS incident_id, bm25(incident_text_search, 5.0, 10.0, 3.0) AS score
         FROM incident_text_search s JOIN incidents i ON i.id = s.rowid WHERE incident_text_search MATCH @match ${cond} ORDER BY score LIMIT @rows`,
      ),
      ...run(
        'note',
        `SELECT s.rowid, t.incident_id, bm25(note_search) AS score FROM note_search s
         JOIN timeline_events t ON t.id = s.rowid JOIN incidents i ON i.id = t.incident_id
         WHERE note_search MATCH @match ${cond} ORDER BY score LIMIT @rows`,
      ),
      ...run(
        'event',
        `SELECT s.rowid, t.incident_id, bm25(event_search) AS score FROM event_search s
         JOIN timeline_events t ON t.id = s.rowid JOIN incidents i ON i.id = t.incident_id
         WHERE event_search MATCH @match ${cond} ORDER BY score LIMIT @rows`,
      ),
      ...run(
        'postmortem',
        `SELECT s.rowid, s.rowid AS incident_id, bm25(postmortem_search) AS score
         FROM postmortem_search s JOIN incidents i ON i.id = s.rowid WHERE postmortem_search MATCH @match ${cond} ORDER BY score LIMIT @rows`,
      ),
    ];
  }

  private hits(match: string, m: Match): SearchHit[] {
    if (m.index === 'incident') {
      const r = this.stmts.incidentSnippet.get(match, m.rowid);
      if (!r) return [];
      return [
        { source: 'title' as const, eventId: null, snippet: parts(r.title) },
        { source: 'summary' as const, eventId: null, snippet: parts(r.summary) },
      ].filter((h) => h.snippet.some((p) => p.match));
    }
    if (m.index === 'postmortem') {
      const r = this.stmts.postmortemSnippet.get(match, m.rowid);
      return r ? [{ source: 'postmortem', eventId: null, snippet: parts(r.s) }] : [];
    }
    const r = (m.index === 'note' ? this.stmts.noteSnippet : this.stmts.eventSnippet).get(match, m.rowid);
    const kind = this.stmts.eventKind.get(m.rowid)?.kind;
    return r && kind ? [{ source: sourceOf(kind), eventId: m.rowid, snippet: parts(r.s) }] : [];
  }
}

function sourceOf(kind: EventKind): HitSource {
  if (kind === 'note' || kind === 'pin-log' || kind === 'pin-metric' || kind === 'handoff' || kind === 'role') return kind;
  return 'event';
}

function filters(f: SearchFilter): { where: string[]; params: Record<string, string | number> } {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (f.severities.length) {
    where.push(`i.severity IN (${f.severities.map((_, k) => `@sev${k}`).join(', ')})`);
    f.severities.forEach((s, k) => (params[`sev${k}`] = s));
  }
  if (f.statuses.length) {
    where.push(`i.status IN (${f.statuses.map((_, k) => `@st${k}`).join(', ')})`);
    f.statuses.forEach((s, k) => (params[`st${k}`] = s));
  }
  if (f.fromMs !== null) {
    where.push('i.declared_at >= @fromMs');
    params.fromMs = f.fromMs;
  }
  if (f.toMs !== null) {
    where.push('i.declared_at <= @toMs');
    params.toMs = f.toMs;
  }
  return { where, params };
}

/** Splits snippet() output at its markers into highlighted and plain parts. */
export function parts(snippet: string): SnippetPart[] {
  const out: SnippetPart[] = [];
  let rest = snippet;
  while (rest.length) {
    const open = rest.indexOf(OPEN);
    if (open === -1) {
      out.push({ text: rest, match: false });
      break;
    }
    if (open > 0) out.push({ text: rest.slice(0, open), match: false });
    const close = rest.indexOf(CLOSE, open + 1);
    const end = close === -1 ? rest.length : close;
    out.push({ text: rest.slice(open + 1, end), match: true });
    rest = close === -1 ? '' : rest.slice(close + 1);
  }
  return out.filter((p) => p.text !== '');
}
