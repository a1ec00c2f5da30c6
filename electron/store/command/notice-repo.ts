import type Database from 'better-sqlite3';
import type { Notice, Snooze } from '../../../shared/command/types';

export interface NoticeItem {
  id: string;
  dueKey: string;
  /** incident|due key|snooze: what makes a firing unique. */
  fireKey: string;
}

interface NoticeRow {
  group_id: string;
  incident_id: number | null;
  ref: string | null;
  due_key: string;
  title: string;
  body: string;
  fired_at: number;
}

interface SnoozeRow {
  id: string;
  incident_id: number;
  due_key: string;
  until_at: number;
  at: number;
  author: string;
}

const toSnooze = (r: SnoozeRow): Snooze => ({
  id: r.id,
  incidentId: r.incident_id,
  dueKey: r.due_key,
  until: r.until_at,
  at: r.at,
  author: r.author,
});

/** Notifications fired (one row per due item, grouped per notification) and snoozes. */
export class NoticeRepo {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      insert: db.prepare(`INSERT INTO due_notices (id, group_id, incident_id, due_key, fire_key, title, body, fired_at)
        VALUES (@id, @groupId, @incidentId, @dueKey, @fireKey, @title, @body, @firedAt)`),
      fired: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM due_notices WHERE fire_key = ?'),
      recent: db.prepare<[number], NoticeRow>(
        `SELECT n.group_id, n.incident_id, i.ref, n.due_key, n.title, n.body, n.fired_at
         FROM due_notices n LEFT JOIN incidents i ON i.id = n.incident_id
         WHERE n.group_id IN (SELECT group_id FROM due_notices GROUP BY group_id ORDER BY max(fired_at) DESC LIMIT ?)
         ORDER BY n.fired_at DESC, n.group_id, n.id`,
      ),
      insertSnooze: db.prepare(
        'INSERT INTO due_snoozes (id, incident_id, due_key, until_at, at, author) VALUES (@id, @incidentId, @dueKey, @until, @at, @author)',
      ),
      snoozes: db.prepare<[number], SnoozeRow>('SELECT * FROM due_snoozes WHERE incident_id = ? ORDER BY at, id'),
    };
  }

  hasFired(fireKey: string): boolean {
    return (this.stmts.fired.get(fireKey)?.n ?? 0) > 0;
  }

  /** Records a notification; false if any of its items already fired (a concurrent check got there first). */
  record(notice: Notice, items: readonly NoticeItem[]): boolean {
    return this.db.transaction(() => {
      if (items.some((i) => this.hasFired(i.fireKey))) return false;
      for (const i of items) {
        this.stmts.insert.run({
          id: i.id,
          groupId: notice.id,
          incidentId: notice.incidentId,
          dueKey: i.dueKey,
          fireKey: i.fireKey,
          title: notice.title,
          body: notice.body,
          firedAt: notice.firedAt,
        });
      }
      return true;
    })();
  }

  recent(groups: number): Notice[] {
    const byGroup = new Map<string, Notice>();
    for (const r of this.stmts.recent.all(groups)) {
      const known = byGroup.get(r.group_id);
      if (known) known.dueKeys.push(r.due_key);
      else
        byGroup.set(r.group_id, {
          id: r.group_id,
          incidentId: r.incident_id,
          ref: r.ref,
          title: r.title,
          body: r.body,
          dueKeys: [r.due_key],
          firedAt: r.fired_at,
        });
    }
    return [...byGroup.values()];
  }

  addSnooze(s: Snooze): void {
    this.stmts.insertSnooze.run(s);
  }

  snoozes(incidentId: number): Snooze[] {
    return this.stmts.snoozes.all(incidentId).map(toSnooze);
  }
}
