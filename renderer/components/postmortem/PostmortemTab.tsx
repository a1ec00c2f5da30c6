import { lazy, Suspense } from 'react';
import type { IncidentTabProps } from '../incident/incident-tabs';

// The editor (CodeMirror) and the preview (react-markdown) load when the tab is first opened, not with the console.
const Workspace = lazy(() => import('./PostmortemWorkspace').then((m) => ({ default: m.PostmortemWorkspace })));

export function PostmortemTab(props: IncidentTabProps) {
  return (
    <Suspense fallback={<p className="muted">Loading the postmortem editor…</p>}>
      <Workspace {...props} />
    </Suspense>
  );
}
