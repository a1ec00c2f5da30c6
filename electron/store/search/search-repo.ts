import type Database from 'better-sqlite3';
import type { EventKind } from '../../../shared/domain/incident';
import type { HitSource, SearchHit, SearchResult } from '../../../shared/domain/search';
import type { Severity } from '../../../shared/domain/severity';
import type { Status } from '../../../shared/domain/status';
import { toFtsQuery } from '../incidents/incident-repo';
import { toSummary, type IncidentRow } from '../incidents/incident-rows';
import { queryTerms, snippet } from './snippet';

export interface SearchFilter {
  text: string;
  severities: readonly Severity[];
  statuses: readonly Status[];
  fromMs: number | null;
  toMs: number | null;
  limit: number;
}

/** Matching notes or events read per incident a page can show, newest first: several may match in one incident. */
const EVENT_ROWS_PER_RESULT = 4;
const HITS_PER_INCIDENT = 3;

type Index = 'incident' | 'postmortem' | 'note' | 'event';
/** Which passages an incident's hits show first: its own words, then the postmortem, then the timeline. */
const PRIORITY: Readonly<Record<Index, number>> = { incident: 0, postmortem: 1, note: 2, event: 3 };
interface Match {
  index: Index;
  rowid: number;
  incidentId: number;
}

const SELECT_INCIDENT = `SELECT i.*, (SELECT person FROM incident_roles r WHERE r.incident_id = i.id AND r.role = 'commander') AS commander FROM incidents i`;

/**
 * Full-text search over every FTS5 index Pitwall keeps: incident ref/title/summary, notes and pinned
 * evidence (note_search), other timeline text such as role holders and handoff notes (event_search),
 * and postmortems. Results are the newest matching incidents first. Each index is read newest rowid
 * first and stops after a page's worth (FTS5 walks its doclists backwards, so a word found in every
 * one of 10,000 postmortems costs little more than a rare one); only the incidents shown get
 * snippets, cut from their stored text (snippet.ts). Ranking every match by bm25 was tried and
 * measured: a word in every postmortem took about 280 ms over 10,000 incidents, against 20 ms allowed.
 */
export class SearchRepo {
  /** Statements by SQL text: the filters and IN-list lengths vary, but a handful of shapes repeat. */
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private prepare<P extends unknown[] | Record<string, unknown>, R>(sql: string): Database.Statement<P, R> {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      if (this.cache.size > 200) this.cache.clear();
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt as unknown as Database.Statement<P, R>;
  }

  search(f: SearchFilter): SearchResult[] {
    const match = toFtsQuery(f.text);
    const { where, params } = filters(f);
    if (!match) {
      const sql = `${SELECT_INCIDENT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.declared_at DESC LIMIT @limit`;
      return this.prepare<Record<string, string | number>, IncidentRow>(sql)
        .all({ ...params, limit: f.limit })
        .map((r) => ({ incident: toSummary(r), hits: [] }));
    }
    const byIncident = new Map<number, Match[]>();
    for (const m of this.matches(match, where, params, f.limit)) {
      const list = byIncident.get(m.incidentId) ?? [];
      list.push(m);
      byIncident.set(m.incidentId, list);
    }
    if (byIncident.size === 0) return [];
    const ids = [...byIncident.keys()];
    const top = this.prepare<number[], { id: number; declared_at: number }>(
      `SELECT id, declared_at FROM incidents WHERE id IN (${ids.map(() => '?').join(',')})`,
    )
      .all(...ids)
      .sort((a, b) => b.declared_at - a.declared_at || b.id - a.id)
      .slice(0, f.limit)
      .map((r) => r.id);
    const rows = new Map(
      this.prepare<number[], IncidentRow>(`${SELECT_INCIDENT} WHERE i.id IN (${top.map(() => '?').join(',')})`)
        .all(...top)
        .map((r) => [r.id, r]),
    );
    const shown = top.map((id) => ({
      id,
      matches: distinct(byIncident.get(id) ?? [])
        .sort((a, b) => PRIORITY[a.index] - PRIORITY[b.index] || b.rowid - a.rowid)
        .slice(0, HITS_PER_INCIDENT),
    }));
    const wanted = shown.flatMap((x) => x.matches);
    const texts = this.texts(wanted);
    const terms = queryTerms(f.text);
    return shown.flatMap(({ id, matches }) => {
      const row = rows.get(id);
      if (!row) return [];
      const hits = matches.flatMap((m) => hitsOf(m, row, texts, terms)).slice(0, HITS_PER_INCIDENT);
      return [{ incident: toSummary(row), hits }];
    });
  }

  /** The text each index holds for the rows shown, read from the tables it was indexed from. */
  private texts(matches: readonly Match[]): Texts {
    const pm = matches.filter((m) => m.index === 'postmortem').map((m) => m.rowid);
    const ev = matches.filter((m) => m.index === 'note' || m.index === 'event').map((m) => m.rowid);
    const list = (n: number): string => Array.from({ length: n }, () => '?').join(',');
    return {
      postmortems: new Map(
        pm.length
          ? this.prepare<number[], { incident_id: number; body: string }>(
              `SELECT incident_id, body FROM postmortems WHERE incident_id IN (${list(pm.length)})`,
            )
              .all(...pm)
              .map((r) => [r.incident_id, r.body])
          : [],
      ),
      events: new Map(
        ev.length
          ? this.prepare<number[], { id: number; kind: EventKind; summary: string; data: string }>(
              `SELECT id, kind, summary, data FROM timeline_events WHERE id IN (${list(ev.length)})`,
            )
              .all(...ev)
              .map((r) => [r.id, { kind: r.kind, text: indexedText(r.kind, r.summary, r.data) }])
          : [],
      ),
    };
  }

  private matches(match: string, where: string[], params: Record<string, string | number>, limit: number): Match[] {
    const cond = where.length ? `AND ${where.join(' AND ')}` : '';
    // One row per incident in the incident and postmortem indexes; several notes or events may match in one.
    const p = { ...params, match, rows: limit, eventRows: limit * EVENT_ROWS_PER_RESULT };
    const run = (index: Index, sql: string): Match[] =>
      this.prepare<Record<string, string | number>, { rowid: number; incident_id: number }>(sql)
        .all(p)
        .map((r) => ({ index, rowid: r.rowid, incidentId: r.incident_id }));
    // CROSS JOIN keeps the FTS table the outer loop, so its newest-first order ends the scan at LIMIT.
    return [
      ...run(
        'incident',
        `SELECT s.rowid, s.rowid AS incident_id FROM incident_text_search s CROSS JOIN incidents i ON i.id = s.rowid
         WHERE incident_text_search MATCH @match ${cond} ORDER BY s.rowid DESC LIMIT @rows`,
      ),
      ...run(
        'postmortem',
        `SELECT s.rowid, s.rowid AS incident_id FROM postmortem_search s CROSS JOIN incidents i ON i.id = s.rowid
         WHERE postmortem_search MATCH @match ${cond} ORDER BY s.rowid DESC LIMIT @rows`,
      ),
      ...run(
        'note',
        `SELECT s.rowid, t.incident_id FROM note_search s CROSS JOIN timeline_events t ON t.id = s.rowid
         CROSS JOIN incidents i ON i.id = t.incident_id WHERE note_search MATCH @match ${cond} ORDER BY s.rowid DESC LIMIT @eventRows`,
      ),
      ...run(
        'event',
        `SELECT s.rowid, t.incident_id FROM event_search s CROSS JOIN timeline_events t ON t.id = s.rowid
         CROSS JOIN incidents i ON i.id = t.incident_id WHERE event_search MATCH @match ${cond} ORDER BY s.rowid DESC LIMIT @eventRows`,
      ),
    ];
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

/** An event made searchable by its domain (note_search) is also caught by the trigger (event_search): show it once. */
function distinct(matches: readonly Match[]): Match[] {
  const notes = new Set(matches.filter((m) => m.index === 'note').map((m) => m.rowid));
  return matches.filter((m) => m.index !== 'event' || !notes.has(m.rowid));
}

interface Texts {
  postmortems: Map<number, string>;
  events: Map<number, { kind: EventKind; text: string }>;
}

function hitsOf(m: Match, row: IncidentRow, texts: Texts, terms: readonly string[]): SearchHit[] {
  const hit = (source: HitSource, text: string | undefined, eventId: number | null = null): SearchHit[] => {
    const parts = text === undefined ? [] : snippet(text, terms);
    return parts.some((p) => p.match) ? [{ source, eventId, snippet: parts }] : [];
  };
  if (m.index === 'incident') return [...hit('title', row.title), ...hit('summary', row.summary)];
  if (m.index === 'postmortem') return hit('postmortem', texts.postmortems.get(m.rowid));
  const ev = texts.events.get(m.rowid);
  return ev ? hit(sourceOf(ev.kind), ev.text, m.rowid) : [];
}

/** What the notes index holds for a pinned line (the whole line and the comment, not the cut summary). */
function indexedText(kind: EventKind, summary: string, data: string): string {
  if (kind !== 'pin-log') return summary;
  try {
    const d = JSON.parse(data) as { line?: unknown; comment?: unknown };
    return `${typeof d.line === 'string' ? d.line : ''} ${typeof d.comment === 'string' ? d.comment : ''}`;
  } catch {
    return summary;
  }
}
