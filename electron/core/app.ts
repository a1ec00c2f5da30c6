import { userInfo } from 'node:os';
import type { AppInfo } from '../../shared/contract/channels';
import type { Platform } from '../platform/platform';
import type { PollerClock } from '../poller/clock';
import { lastDataAt } from '../store/telemetry/last-data';
import { recordDemoHistory, type DemoHistory, type DemoHistoryOutcome } from './demo/demo-history';
import { openStore } from '../store/database';
import { storageFailure } from '../store/storage-error';
import { SettingsRepo } from '../store/settings-repo';
import { createDispatch, type Dispatch } from './dispatch';
import { EventHub, type EventListener } from './event-hub';
import { IncidentService } from './incidents/incident-service';
import { PolicyService } from './policy-service';
import { EvidenceService } from './telemetry/evidence-service';
import { SourceService } from './sources/source-service';
import { TelemetryRuntime } from './telemetry/telemetry-runtime';
import { TelemetryService } from './telemetry/telemetry-service';
import { NodeSecretBox } from '../platform/node-secret-box';
import { AppFailure } from '../../shared/contract/result';
import type { CoreContext } from './context';
import { IncidentHooks } from './incidents/incident-hooks';
import { appHandlers } from './app-handlers';
import { maintenanceHandlers } from './maintenance/handlers';
import { createBackfills } from './backfill/backfill-service';
import { incidentHandlers } from './incidents/incident-handlers';
import { telemetryHandlers } from './telemetry/telemetry-handlers';
import { preferencesHandlers } from './preferences/handlers';
import { PreferencesService } from './preferences/preferences-service';
import { createDetection, detectionHandlers } from './detection/handlers';
import type { DetectionService } from './detection/detection-service';
import { ChromiumPdfPrinter } from '../platform/chromium-pdf-printer';
import type { ReportService } from './reports/report-service';
import { createReports } from './reports/reports-domain';
import { reportsHandlers } from './reports/handlers';
import { createPlaybooks } from './playbooks/domain';
import { playbookHandlers } from './playbooks/handlers';
import { createCommand, type CommandDomain } from './command/create-command';
import { commandHandlers } from './command/handlers';
import { openItemLines } from '../../shared/playbooks/checklist';
import { suggestionNotice } from './command/due-notifier';
import type { PushedEvents } from '../../shared/contract/events';
import { metricsHandlers } from './metrics/handlers';
import { postmortemHandlers } from './postmortems/handlers';
import { searchHandlers } from './search/handlers';

export interface CoreOptions {
  dataDir: string;
  mode: AppInfo['mode'];
  version: string;
  /** Path to a better-sqlite3 .node built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  now?: () => number;
  /** The operator until one is saved in preferences (tests, PITWALL_OPERATOR); without it, the OS user. */
  operator?: string;
  /** Host capabilities (Electron passes safeStorage and printToPDF); browser mode and tests get the Node implementations. */
  platform?: Partial<Platform>;
  /** Poll sources (default true); tests that only exercise channels turn it off. */
  poll?: boolean;
  /** The poller's clock; tests and the bench fast-forward a FakeClock (pass its `now` as `now` too). */
  clock?: PollerClock;
}

export interface PitwallCore {
  dispatch: Dispatch;
  subscribe(listener: EventListener): () => void;
  info: AppInfo;
  /** True on the first run and while a demo source exists: only then is the embedded lab worth starting. */
  wantsDemoLab(): boolean;
  /** The embedded lab's URL: the first run creates the demo sources for it, later runs point them at it. */
  useDemoLab(url: string): void;
  /** As useDemoLab, first polling the lab's own past (`history`) into the store, so the console opens on it. */
  prepareDemoLab(url: string, history: DemoHistory): Promise<DemoHistoryOutcome>;
  /** Reports and bundles, for the command line (the console goes through dispatch). */
  reports: ReportService;
  /** Incident command (due items, notifications, comms, mitigations): tests drive its checks; detection wires suggestions to it. */
  command: CommandDomain;
  /** Stops polling, then closes the database. */
  close(): Promise<void>;
  /** For tests and the bench that step a fake clock: wait for polls in flight, run detection's pending evaluation. */
  internals: { runtime: TelemetryRuntime; detection: DetectionService };
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}

const log = (msg: string, err?: unknown): void => console.error(`[pitwall] ${msg}${err === undefined ? '' : ':'}`, err ?? '');

/** The application service. Plain Node: no Electron import, so browser mode and tests run the same code. */
export function createCore(opts: CoreOptions): PitwallCore {
  const store = openStore(opts.dataDir, {
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    backgroundCheckpoints: true,
    onCheckpointError: (message) => log(message),
  });
  const now = opts.now ?? Date.now;
  const hub = new EventHub();
  const preferences = new PreferencesService({
    settings: new SettingsRepo(store.db),
    explicitOperator: opts.operator ?? process.env.PITWALL_OPERATOR ?? null,
    osUser,
    onChanged: () => hub.emit('preferences:changed', {}),
  });
  // Read at every write: a name saved in settings is the author of the next event, in every domain.
  const operator = (): string => preferences.operator();
  const changed = (i: { id: number; ref: string }): void => hub.emit('incident:changed', i);
  const incidents = new IncidentService({ db: store.db, operator, now, onChanged: changed, hooks: new IncidentHooks() });
  const policy = new PolicyService(new SettingsRepo(store.db));
  const secrets = opts.platform?.secrets ?? NodeSecretBox.open(opts.dataDir);
  const platform: Platform = { ...opts.platform, secrets, pdf: opts.platform?.pdf ?? new ChromiumPdfPrinter() };
  const stops: (() => void | Promise<void>)[] = [];
  const telemetry = new TelemetryService({ db: store.db, now });
  let runtime: TelemetryRuntime | null = null;
  const sources = new SourceService({
    db: store.db,
    secrets,
    now,
    health: (id) => runtime?.health(id),
    onChanged: (id) => {
      runtime?.sourcesChanged();
      hub.emit('source:changed', { id });
    },
  });
  const evidence = new EvidenceService({
    db: store.db,
    operator,
    now,
    onChanged: changed,
    copyWindow: (...args) => telemetry.copyWindow(...args),
    sourceName: (id) => sources.name(id),
  });
  runtime = new TelemetryRuntime({
    sources,
    telemetry,
    hub,
    now,
    log,
    lastDataAt: (id) => lastDataAt(store.db, id),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  if (opts.poll !== false) runtime.start();
  const live = runtime;
  const ctx: CoreContext = {
    db: store.db,
    dataDir: opts.dataDir,
    now,
    operator,
    hub,
    platform,
    log,
    incidents,
    policy,
    sources,
    telemetry,
    runtime: live,
    evidence,
    preferences,
    playbooks: {
      attach: () => {
        throw new AppFailure('not-found', 'Playbooks are not available in this build.');
      },
      checklists: () => [],
    },
    onClose: (stop) => stops.push(stop),
  };
  // Domains (electron/core/<domain>/) are created from ctx, one line each, and their handlers spread into dispatch below.
  createBackfills(ctx);
  const reports = createReports(ctx, `Pitwall ${opts.version}`);
  const playbooks = createPlaybooks(ctx);
  const command = createCommand(ctx, { background: opts.poll !== false });
  // The handoff note lists what is still open on the incident's checklists.
  command.openChecklist = (incidentId) => openItemLines(ctx.playbooks.checklists(incidentId));
  const detection = createDetection(ctx);
  // A new suggested incident is notified like a due item (once per suggestion).
  hub.subscribe((m) => {
    if (m.event !== 'detection:suggested') return;
    try {
      command.notifier.notifySuggestion(suggestionNotice(m.payload as PushedEvents['detection:suggested']));
    } catch (err) {
      log('notifying a suggested incident failed', err);
    }
  });
  const info: AppInfo = {
    version: opts.version,
    mode: opts.mode,
    dataDir: opts.dataDir,
    operator: operator(),
    startedAt: Date.now(),
    secrets: secrets.description,
    restoredOver: store.restoredOver,
    notifications: opts.platform?.notifier?.shownBy ?? 'page',
  };
  if (store.restoredOver) log(`restored the database from a backup at start; the previous one is kept as ${store.restoredOver}`);

  const dispatch = createDispatch(
    {
      ...appHandlers(ctx, info),
      ...incidentHandlers(ctx),
      ...telemetryHandlers(ctx),
      ...maintenanceHandlers(ctx),
      ...preferencesHandlers(ctx),
      ...reportsHandlers(reports),
      ...playbookHandlers(playbooks),
      ...commandHandlers(ctx, command),
      ...detectionHandlers(ctx, detection),
      ...postmortemHandlers(ctx),
      ...metricsHandlers(ctx),
      ...searchHandlers(ctx),
    },
    log,
    { describe: (err, channel) => storageFailure(err, opts.dataDir, `this change (${channel})`) },
  );

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= stopAll(stops, log)
      .then(() => live.close())
      .finally(async () => {
        try {
          telemetry.store.flush();
        } finally {
          await store.stopCheckpoints();
          store.close();
        }
      }));
  const useDemoLab = (url: string): void => {
    sources.ensureDemoSources(url);
    live.sourcesChanged();
  };
  const prepareDemoLab = async (url: string, history: DemoHistory): Promise<DemoHistoryOutcome> => {
    const demo = sources.ensureDemoSources(url).map((s) => sources.resolve(s.id));
    const stored = demo.map((s) => lastDataAt(store.db, s.id) ?? 0);
    try {
      return await recordDemoHistory(demo, telemetry.store, history, stored.length > 0 ? Math.max(...stored) || null : null);
    } finally {
      live.sourcesChanged();
    }
  };
  return {
    dispatch,
    subscribe: (l) => hub.subscribe(l),
    info,
    close,
    wantsDemoLab: () => sources.wantsDemoLab(),
    useDemoLab,
    prepareDemoLab,
    internals: { runtime: live, detection },
    reports: reports.service,
    command,
  };
}

/** Stops domain work newest first; one failing stop must not keep the database open. */
async function stopAll(stops: readonly (() => void | Promise<void>)[], log: (msg: string, err?: unknown) => void): Promise<void> {
  for (const stop of [...stops].reverse()) {
    try {
      await stop();
    } catch (err) {
      log('stopping a background job failed', err);
    }
  }
}
