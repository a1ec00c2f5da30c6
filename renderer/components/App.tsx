import { useGlobalShortcuts } from '../hooks/useGlobalShortcuts';
import { openPage, showPlatform, usePageRoute } from '../state/route';
import { useOperatorPromptOpen, useTimeDisplay } from '../state/preferences';
import { openDeclare, useAppState, useDeclareOpen } from '../state/ui';
import { NoticeBanner } from './command-actions/NoticeBanner';
import { DeclareDialog } from './incident/DeclareDialog';
import { ErrorBanner } from './ErrorBanner';
import { HealthBar } from './HealthBar';
import { IncidentList } from './incident/IncidentList';
import { IncidentView } from './incident/IncidentView';
import { PAGE_SPECS } from './pages';
import { OperatorPrompt } from './preferences/OperatorPrompt';
import { StatusBar } from './StatusBar';
import { SuggestionStrip } from './detection/SuggestionStrip';

export function App() {
  const appState = useAppState();
  const declareOpen = useDeclareOpen();
  const page = usePageRoute();
  const shown = PAGE_SPECS.find((p) => p.id === page);
  const promptOpen = useOperatorPromptOpen();
  // Every time on screen is written through logic/format.ts in this zone: a change redraws everything.
  const timeDisplay = useTimeDisplay();
  useGlobalShortcuts();

  return (
    <div className="app" data-app-state={appState} data-time-display={timeDisplay} key={timeDisplay}>
      <header className="topbar">
        <button type="button" className="brand" onClick={showPlatform} title="The platform view (Esc)" data-testid="brand">
          PITWALL <span className="muted">incident command</span>
        </button>
        <span className="shortcuts muted">
          <kbd>N</kbd> declare · <kbd>/</kbd> search · <kbd>Esc</kbd> platform · <kbd>1</kbd>–<kbd>6</kbd> incident tabs
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
      {promptOpen && !declareOpen && <OperatorPrompt />}
    </div>
  );
}
