import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import './styles/base.css';
import './styles/layout.css';
import './styles/incident.css';
import './styles/panels.css';
import './styles/settings.css';

const root = document.getElementById('root');
if (!root) throw new Error('Pitwall: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
