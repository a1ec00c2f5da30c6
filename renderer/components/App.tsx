import { useGlobalShortcuts } from '../hooks/useGlobalShortcuts';
import { openPage, usePageRoute } from '../state/route';
import { openDeclare, useAppState, useDeclareOpen } from '../state/ui';
import { NoticeBanner } from './command-actions/NoticeBanner';
import { DeclareDialog } from './DeclareDialog';
import { ErrorBanner } from './ErrorBanner';
import { HealthBar } from './HealthBar';
import { IncidentList } from './IncidentList';
import { IncidentView } from './IncidentView';
import { PAGE_SPECS } from './pages';
import { StatusBar } from './StatusBar';
import { SuggestionStrip } from './detection/SuggestionStrip';

export function App() {
  const appState = useAppState();
  const declareOpen = useDeclareOpen();
  const page = usePageRoute();
  const shown = PAGE_SPECS.find((p) => p.id === page);
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
        {PAGE_SPECS.map((p) => (
          <button
            key={p.id}
            type="button"
            className="btn"
            onClick={() => openPage(p.id)}
            aria-pressed={page === p.id}
            data-testid={`${p.id}-button`}
          >
            {p.label}
          </button>
        ))}
        <button type="button" className="btn btn-alert" onClick={openDeclare} data-testid="declare-button">
          Declare incident
        </button>
      </header>
      <HealthBar />
      <SuggestionStrip />
      <ErrorBanner />
      <NoticeBanner />
      <div className="workspace">
        <IncidentList />
        <main className="main">{shown ? <shown.Component /> : <IncidentView />}</main>
      </div>
      <StatusBar />
      {declareOpen && <DeclareDialog />}
    </div>
  );
}
