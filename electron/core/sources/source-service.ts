import type Database from 'better-sqlite3';
import type { SourceInput } from '../../../shared/contract/source-schemas';
import { AppFailure } from '../../../shared/contract/result';
import { initialHealth, type SourceHealth, type SourceView } from '../../../shared/domain/source-config';
import type { SourceConnection, SourceKind } from '../../../shared/domain/sources';
import type { SecretBox } from '../../platform/platform';
import type { ResolvedSource } from '../../poller/types';
import { SettingsRepo } from '../../store/settings-repo';
import { SourceRepo, type SourceRecord } from '../../store/sources/source-repo';
import { storedSecrets, toView, type StoredSecrets, type StoredSource } from '../../store/sources/source-rows';
import { DEMO_INTERVAL_MS, DEMO_SOURCES, DEMO_TIMEOUT_MS, defaultQueriesFor, demoUrlFor } from '../demo/demo-sources';
import { hasSecrets, mergeSecrets } from './source-secrets';

export interface SourceServiceDeps {
  db: Database.Database;
  secrets: SecretBox;
  now?: () => number;
  /** The poller owns health; until it has polled a source, health is 'unknown' (or 'disabled'). */
  health?: (id: number) => SourceHealth | undefined;
  /** After a save or delete commits: the lead emits 'source:changed' and reloads the poller. */
  onChanged?: (id: number) => void;
}

/** Set once the first-run demo profile was considered, so deleting the demo sources is final. */
export const DEMO_SETTINGS_KEY = 'demo-sources-created';

/**
 * Source configuration: 'source:list', 'source:save', 'source:delete', plus the decrypted view the
 * poller needs. Secrets are sealed with the platform's SecretBox before they reach SQLite and are
 * never part of a SourceView.
 */
export class SourceService {
  private readonly repo: SourceRepo;
  private readonly settings: SettingsRepo;
  private readonly now: () => number;

  constructor(private readonly deps: SourceServiceDeps) {
    this.repo = new SourceRepo(deps.db);
    this.settings = new SettingsRepo(deps.db);
    this.now = deps.now ?? Date.now;
  }

  list(): SourceView[] {
    return this.repo.list().map((s) => this.view(s));
  }

  get(id: number): SourceView {
    return this.view(this.require(id));
  }

  /**
   * A form not saved yet, resolved as if it were (omitted secrets come from the source it edits),
   * so "Test" checks exactly what Save would store. Nothing is written.
   */
  resolveDraft(input: SourceInput): ResolvedSource {
    const existing = input.id === undefined ? null : this.require(input.id);
    const record = this.toRecord(input, existing);
    return this.toResolved({ ...record, id: input.id ?? 0, sealedSecrets: record.secrets, createdAt: 0, updatedAt: 0 });
  }

  /** For messages and evidence: the source's name, or null once it is gone. */
  name(id: number): string | null {
    return this.repo.get(id)?.name ?? null;
  }

  save(input: SourceInput): SourceView {
    const at = this.now();
    const id = this.deps.db.transaction(() => {
      const existing = input.id === undefined ? null : this.repo.get(input.id);
      if (input.id !== undefined && !existing) throw new AppFailure('not-found', `No source with id ${input.id}.`);
      const clash = this.repo.idByName(input.name);
      if (clash !== null && clash !== input.id) throw new AppFailure('conflict', `A source named "${input.name}" already exists.`);
      const record = this.toRecord(input, existing);
      if (!existing) return this.repo.insert(record, at);
      this.repo.update(existing.id, record, at);
      return existing.id;
    })();
    this.deps.onChanged?.(id);
    return this.get(id);
  }

  delete(id: number): { id: number } {
    if (!this.repo.delete(id)) throw new AppFailure('not-found', `No source with id ${id}.`);
    this.deps.onChanged?.(id);
    return { id };
  }

  /** One source with its secrets decrypted, for the poller and 'source:test'. */
  resolve(id: number): ResolvedSource {
    return this.toResolved(this.require(id));
  }

  /**
   * Every source the poller should know about (disabled ones too, so it can report them).
   * A source whose secrets cannot be decrypted is left out and reported through `onError`:
   * one lost secret must not stop the others from being polled.
   */
  resolveAll(
    onError: (id: number, err: Error) => void = () => {},
    only?: { kinds: readonly SourceKind[]; enabled: true },
  ): ResolvedSource[] {
    const out: ResolvedSource[] = [];
    for (const s of this.repo.list()) {
      // Filter before decrypting: a caller that wants enabled Loki sources need not unseal every secret.
      if (only && (!s.enabled || !only.kinds.includes(s.kind))) continue;
      try {
        out.push(this.toResolved(s));
      } catch (err) {
        onError(s.id, err instanceof Error ? err : new Error(String(err)));
      }
    }
    return out;
  }

  /**
   * The first-run demo profile: with no sources at all, create the lab sources once (a setting
   * remembers it, so deleting them later is respected). On every start, move existing demo
   * sources to the lab's current URL (its port differs between runs). Returns the demo sources.
   */
  /**
   * Whether the embedded demo lab has a use: on the first run (the demo profile is created then) or
   * while a demo source still exists. Once the user deleted them, no lab is started behind their back.
   */
  wantsDemoLab(): boolean {
    return this.settings.read(DEMO_SETTINGS_KEY) !== true || this.repo.demoSources().length > 0;
  }

  ensureDemoSources(labBaseUrl: string): SourceView[] {
    const lab = labBaseUrl.replace(/\/+$/, '');
    const at = this.now();
    this.deps.db.transaction(() => {
      if (this.settings.read(DEMO_SETTINGS_KEY) !== true) {
        if (this.repo.count() === 0) {
          for (const d of DEMO_SOURCES) {
            this.repo.insert(
              {
                name: d.name,
                kind: d.kind,
                baseUrl: d.baseUrl(lab),
                config: {
                  auth: { kind: 'none' },
                  headers: [],
                  tls: { caPem: null, insecureSkipVerify: false },
                  timeoutMs: DEMO_TIMEOUT_MS,
                  intervalMs: DEMO_INTERVAL_MS,
                  queries: d.queries,
                  serviceLabel: d.serviceLabel,
                },
                secrets: null,
                enabled: true,
                demo: true,
              },
              at,
            );
          }
        }
        this.settings.write(DEMO_SETTINGS_KEY, true);
      }
      for (const s of this.repo.demoSources()) {
        const url = demoUrlFor(s.kind, lab);
        if (url !== null && url !== s.baseUrl) this.repo.setBaseUrl(s.id, url, at);
      }
    })();
    return this.repo.demoSources().map((s) => this.view(s));
  }

  private require(id: number): StoredSource {
    const s = this.repo.get(id);
    if (!s) throw new AppFailure('not-found', `No source with id ${id}.`);
    return s;
  }

  private view(s: StoredSource): SourceView {
    return toView(s, this.deps.health?.(s.id) ?? initialHealth(s.id, s.enabled));
  }

  private toRecord(input: SourceInput, existing: StoredSource | null): SourceRecord {
    let opened: StoredSecrets | undefined;
    const stored = () => (opened ??= this.openSecrets(existing));
    const { auth, headers, secrets } = mergeSecrets(input, existing, stored);
    const hasQueries = input.kind === 'prometheus' || input.kind === 'loki';
    const sameKind = existing !== null && existing.kind === input.kind;
    const serviceLabel =
      input.kind !== 'loki' ? null : input.serviceLabel !== undefined ? input.serviceLabel : sameKind ? existing.config.serviceLabel : null;
    const queries = !hasQueries
      ? []
      : (input.queries ?? (sameKind ? existing.config.queries : defaultQueriesFor(input.kind, serviceLabel)));
    const ids = new Set<string>();
    for (const q of queries) {
      if (ids.has(q.id)) throw new AppFailure('bad-input', `The query id "${q.id}" is used twice.`);
      ids.add(q.id);
    }
    return {
      name: input.name,
      kind: input.kind,
      baseUrl: input.baseUrl,
      config: { auth, headers, tls: input.tls, timeoutMs: input.timeoutMs, intervalMs: input.intervalMs, queries, serviceLabel },
      secrets: hasSecrets(secrets) ? this.deps.secrets.encrypt(JSON.stringify(secrets)) : null,
      enabled: input.enabled,
      // A demo source the user pointed elsewhere is theirs now: the lab URL no longer follows it.
      demo: existing !== null && existing.demo && existing.baseUrl === input.baseUrl,
    };
  }

  private openSecrets(s: StoredSource | null): StoredSecrets {
    if (!s?.sealedSecrets) return { headers: {} };
    try {
      return storedSecrets.parse(JSON.parse(this.deps.secrets.decrypt(s.sealedSecrets)));
    } catch (err) {
      throw new AppFailure('storage', `The stored secrets of source "${s.name}" cannot be read: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  private toResolved(s: StoredSource): ResolvedSource {
    const secrets = this.openSecrets(s);
    const c = s.config;
    const missing = (what: string) =>
      new AppFailure('storage', `The ${what} of source "${s.name}" is missing from its stored secrets; enter it again.`);
    const headers: Record<string, string> = {};
    const redact: string[] = [];
    for (const h of c.headers) {
      const value = h.secret ? secrets.headers[h.name.toLowerCase()] : h.value;
      if (value === undefined || value === null) throw missing(`value of header ${h.name}`);
      headers[h.name] = value;
      if (h.secret) redact.push(value);
    }
    let auth: SourceConnection['auth'] = { kind: 'none' };
    if (c.auth.kind === 'basic') {
      if (secrets.password === undefined) throw missing('password');
      auth = { kind: 'basic', username: c.auth.username, password: secrets.password };
      redact.push(secrets.password);
    } else if (c.auth.kind === 'bearer') {
      if (secrets.token === undefined) throw missing('token');
      auth = { kind: 'bearer', token: secrets.token };
      redact.push(secrets.token);
    }
    const connection: SourceConnection = {
      baseUrl: s.baseUrl,
      auth,
      headers,
      tls: { ...(c.tls.caPem !== null ? { caPem: c.tls.caPem } : {}), insecureSkipVerify: c.tls.insecureSkipVerify },
      timeoutMs: c.timeoutMs,
      redact,
    };
    return {
      id: s.id,
      name: s.name,
      kind: s.kind,
      connection,
      intervalMs: c.intervalMs,
      enabled: s.enabled,
      queries: c.queries,
      serviceLabel: c.serviceLabel,
    };
  }
}
