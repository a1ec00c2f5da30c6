import { onConnection, onEvent } from '../api/client';
import { chartUrlOptions } from '../logic/chart-url';
import { setConnection } from './app-info';
import { refreshDetail, selectedId } from './detail';
import { loadIncidents } from './incidents';
import { loadAppInfo } from './app-info';
import { loadPolicy } from './policy';
import { loadPreferences } from './preferences';
import { applyHealth, loadSources } from './sources';
import { followPlaybooks } from './playbooks';
import { followHash } from './route';
import { loadSnapshot, setViewRange, telemetryUpdated } from './telemetry';
import { refreshCommandState } from './command';
import { startNotices } from './notices';
import { startDetection } from './detection';
import { actionChanged } from './actions';
import { postmortemSavedElsewhere } from './postmortem';

/** Coalesces bursts of change events into one refresh per animation-ish tick. */
function coalesce(fn: () => Promise<void>, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void fn();
    }, ms);
  };
}

/**
 * Starts the console: first loads, then live updates. Pushed events are hints:
 * each one causes a re-read, and a reconnect re-reads everything, because events
 * sent while the socket was down are gone. Called before the first render, so the first
 * telemetry request is already for a window named in the URL (logic/chart-url.ts) and the
 * first frame shows the route in the hash.
 */
export function startApp(): () => void {
  const urlRange = chartUrlOptions().range;
  if (urlRange) setViewRange(urlRange);

  const refreshList = coalesce(loadIncidents, 50);
  const refreshShown = coalesce(refreshDetail, 50);

  const offChanged = onEvent('incident:changed', (payload) => {
    refreshList();
    if (typeof payload === 'object' && payload !== null && payload.id === selectedId()) refreshShown();
    if (typeof payload === 'object' && payload !== null && typeof payload.id === 'number') refreshCommandState(payload.id);
  });
  // The panels say which source they show and why one is empty (a source down, a query switched off):
  // a health change or an edited source can change those words without any new data being stored.
  const refreshPanels = coalesce(loadSnapshot, 1_000);
  const offHealth = onEvent('source:health', (payload) => {
    if (typeof payload === 'object' && payload !== null && typeof payload.sourceId === 'number') applyHealth(payload);
    refreshPanels();
  });
  const refreshSources = coalesce(loadSources, 50);
  const offSources = onEvent('source:changed', () => {
    refreshSources();
    refreshPanels();
  });
  // Polls of several sources land close together; one re-read per half second is plenty for charts.
  const refreshTelemetry = coalesce(() => Promise.resolve(telemetryUpdated()), 500);
  const offTelemetry = onEvent('telemetry:updated', refreshTelemetry);
  const offPreferences = onEvent('preferences:changed', () => {
    void loadPreferences();
    void loadAppInfo();
  });
  const offPostmortem = onEvent('postmortem:saved', (p) => {
    if (typeof p === 'object' && p !== null) void postmortemSavedElsewhere(p.incidentId, p.revision);
  });
  const offActions = onEvent('action:changed', (p) => {
    if (typeof p === 'object' && p !== null) actionChanged(p.incidentId);
  });
  const offConn = onConnection((state, reconnected) => {
    setConnection(state);
    if (reconnected) {
      refreshList();
      refreshShown();
      void loadPolicy();
      void loadPreferences();
      refreshSources();
      refreshTelemetry();
      refreshCommandState();
    }
  });

  void loadIncidents();
  void loadPolicy();
  void loadPreferences();
  void loadAppInfo();
  void loadSources();
  void loadSnapshot();
  const offRoute = followHash();
  const offPlaybooks = followPlaybooks();
  const offNotices = startNotices();
  const offDetection = startDetection();

  return () => {
    offChanged();
    offConn();
    offHealth();
    offSources();
    offTelemetry();
    offPreferences();
    offRoute();
    offPlaybooks();
    offNotices();
    offDetection();
    offPostmortem();
    offActions();
  };
}
