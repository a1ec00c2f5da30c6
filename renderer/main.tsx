// First: it configures zod before any schema module is evaluated (see zod-config.ts).
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { startApp } from './state/live';
import './styles/base.css';
import './styles/layout.css';
import './styles/incident.css';
import './styles/panels.css';
import './styles/settings.css';

const root = document.getElementById('root');
if (!root) throw new Error('Pitwall: #root is missing from index.html');
// Before the first render: the stores hold the URL's route and chart window when the first frame is drawn.
startApp();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
