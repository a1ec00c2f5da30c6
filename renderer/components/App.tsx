import { useGlobalShortcuts } from '../hooks/useGlobalShortcuts';
import { openSettings, useSettingsRoute } from '../state/route';
import { openDeclare, useAppState, useDeclareOpen } from '../state/ui';
import { DeclareDialog } from './DeclareDialog';
import { ErrorBanner } from './ErrorBanner';
import { HealthBar } from './HealthBar';
import { IncidentList } from './IncidentList';
import { IncidentView } from './IncidentView';
import { SettingsView } from './settings/SettingsView';
import { StatusBar } from './StatusBar';

export function App() {
  const appState = useAppState();
  const declareOpen = useDeclareOpen();
  const settingsOpen = useSettingsRoute();
  useGlobalShortcuts();

  return (
    <div className="app" data-app-state={appState}>
      <header className="topbar">
        <span className="brand">
          PITWALL <span className="muted">incident command</span>
        </span>
        <span className="shortcuts muted">
          <kbd>N</kbd> declare · <kbd>/</kbd> search · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> post note
        </span>
        <button type="button" className="btn" onClick={openSettings} aria-pressed={settingsOpen} data-testid="settings-button">
          Sources
        </button>
        <button type="button" className="btn btn-alert" onClick={openDeclare} data-testid="declare-button">
          Declare incident
        </button>
      </header>
      <HealthBar />
      <ErrorBanner />
      <div className="workspace">
        <IncidentList />
        <main className="main">{settingsOpen ? <SettingsView /> : <IncidentView />}</main>
      </div>
      <StatusBar />
      {declareOpen && <DeclareDialog />}
    </div>
  );
}
