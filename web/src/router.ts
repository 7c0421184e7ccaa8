/**
 * A hash router in a few lines. Why no router library: the dashboard has seven flat routes, and hash
 * routing needs no server rewrite rules (the API server only has to serve index.html at /), so a
 * dependency would add bundle weight and API surface for nothing we use.
 *
 * `#/incidents/abc?x=1` reads as path ['incidents', 'abc'] and params {x: '1'}.
 */
import { useSyncExternalStore } from 'react';

export interface Route {
  /** Path segments, decoded; [] for the home page. */
  segments: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { segments, params: new URLSearchParams(search) };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route; re-renders on every hash change. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}

export function navigate(to: string): void {
  window.location.hash = to.startsWith('#') ? to : `#${to}`;
}
