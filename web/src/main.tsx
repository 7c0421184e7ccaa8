/** Entry point: takes the API key from a `#key=` link, then mounts the dashboard. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setApiKey } from './api';
import { App } from './App';
import './styles.css';

// `argus demo` prints http://…/#key=<key>: keep the key for this tab and take it out of the address bar
// (and history) at once, so it is not shared with a copied link.
if (window.location.hash.startsWith('#key=')) {
  const key = decodeURIComponent(window.location.hash.slice('#key='.length));
  if (key) setApiKey(key);
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
