import { userInfo } from 'node:os';
import { AppFailure } from '../../shared/contract/result';
import type { AppInfo } from '../../shared/contract/channels';
import { openStore } from '../store/database';
import { SettingsRepo } from '../store/settings-repo';
import { createDispatch, type Dispatch } from './dispatch';
import { EventHub, type EventListener } from './event-hub';
import { IncidentService } from './incident-service';
import { PolicyService } from './policy-service';

export interface CoreOptions {
  dataDir: string;
  mode: AppInfo['mode'];
  version: string;
  /** Path to a better-sqlite3 .node built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  now?: () => number;
  operator?: string;
}

export interface PitwallCore {
  dispatch: Dispatch;
  subscribe(listener: EventListener): () => void;
  info: AppInfo;
  close(): void;
}

function notWired(): never {
  throw new AppFailure('unavailable', 'not wired yet');
}

function defaultOperator(): string {
  if (process.env.PITWALL_OPERATOR) return process.env.PITWALL_OPERATOR;
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}

/** The application service. Plain Node: no Electron import, so browser mode and tests run the same code. */
export function createCore(opts: CoreOptions): PitwallCore {
  const store = openStore(opts.dataDir, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  const hub = new EventHub();
  const operator = opts.operator ?? defaultOperator();
  const incidents = new IncidentService({
    db: store.db,
    operator: () => operator,
    ...(opts.now ? { now: opts.now } : {}),
    onChanged: (i) => hub.emit('incident:changed', i),
  });
  const policy = new PolicyService(new SettingsRepo(store.db));
  const info: AppInfo = { version: opts.version, mode: opts.mode, dataDir: opts.dataDir, operator, startedAt: Date.now() };

  const dispatch = createDispatch(
    {
      'app:get-info': () => info,
      'incident:list': (i) => incidents.list(i),
      'incident:get': (i) => incidents.get(i.id),
      'incident:declare': (i) => incidents.declare(i),
      'incident:set-severity': (i) => incidents.setSeverity(i),
      'incident:set-status': (i) => incidents.setStatus(i),
      'incident:set-time': (i) => incidents.setTime(i),
      'incident:acknowledge': (i) => incidents.acknowledge(i.id),
      'incident:assign-role': (i) => incidents.assignRole(i),
      'incident:edit': (i) => incidents.edit(i),
      'incident:add-note': (i) => incidents.addNote(i),
      'policy:get': () => policy.get(),
      'policy:set': (i) => policy.set(i),
      // TEMPORARY while sources and telemetry are wired in (session 2); never lands like this.
      'incident:pin-evidence': notWired,
      'source:list': notWired,
      'source:save': notWired,
      'source:delete': notWired,
      'source:test': notWired,
      'source:poll-now': notWired,
      'telemetry:get-series': notWired,
      'telemetry:get-snapshot': notWired,
      'telemetry:list-alerts': notWired,
      'retention:get': notWired,
      'retention:set': notWired,
      'logs:query': notWired,
    },
    (msg, err) => console.error(`[pitwall] ${msg}:`, err),
  );

  return { dispatch, subscribe: (l) => hub.subscribe(l), info, close: () => store.close() };
}
