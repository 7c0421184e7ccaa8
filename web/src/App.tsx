/** The shell: header, routed page, dialogs, banners and the global keyboard shortcuts. */
import { useEffect, useRef, useState } from 'react';
import { ErrorBanner } from './components/ErrorBanner';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Header } from './components/Header';
import { HelpDialog } from './components/HelpDialog';
import { KeyDialog } from './components/KeyDialog';
import { usePlainKeys } from './keyboard';
import { startLiveFeed } from './live';
import { AlertDetailPage } from './pages/AlertDetail';
import { AlertsPage } from './pages/Alerts';
import { AuditPage } from './pages/Audit';
import { CheckerPage } from './pages/Checker';
import { IncidentPage } from './pages/Incident';
import { IncidentsPage } from './pages/Incidents';
import { TokenPage } from './pages/Token';
import { ProposalPage } from './pages/Proposal';
import { WebhooksPage } from './pages/Webhooks';
import { navigate, useRoute, type Route } from './router';

/** Second keys of the "g x" chords. */
const GO: Record<string, string> = { a: '/', i: '/incidents', u: '/audit', t: '/token', c: '/check', n: '/notifications' };
/** How long after "g" the second key still counts. */
const CHORD_MS = 1200;

function page(route: Route) {
  const [first = '', second] = route.segments;
  switch (first) {
    case '':
      return { section: 'alerts', element: <AlertsPage /> };
    case 'alerts':
      return second ? { section: 'alerts', element: <AlertDetailPage key={second} id={second} /> } : { section: 'alerts', element: <AlertsPage /> };
    case 'incidents':
      return second ? { section: 'incidents', element: <IncidentPage key={second} id={second} /> } : { section: 'incidents', element: <IncidentsPage /> };
    case 'audit':
      return { section: 'audit', element: <AuditPage key={second ?? 'new'} {...(second ? { id: second } : {})} /> };
    case 'token':
      return { section: 'token', element: <TokenPage prefill={route.params.get('address') ?? ''} /> };
    case 'check':
      return { section: 'check', element: <CheckerPage /> };
    case 'proposals':
      return { section: '', element: <ProposalPage key={route.segments.join('/')} governor={second ?? ''} id={route.segments[2] ?? ''} /> };
    case 'notifications':
      return { section: 'notifications', element: <WebhooksPage /> };
    default:
      return {
        section: '',
        element: (
          <div className="page">
            <h1>Not found</h1>
            <p className="muted">
              No page at <code>{window.location.hash}</code>. <a href="#/">Back to alerts</a>
            </p>
          </div>
        ),
      };
  }
}

export function App() {
  const route = useRoute();
  const [help, setHelp] = useState(false);
  const chordAt = useRef(0);
  const main = useRef<HTMLElement>(null);
  const { section, element } = page(route);
  const path = route.segments.join('/');

  useEffect(() => startLiveFeed(), []);

  // A new page starts at the top, with focus on <main> so screen readers announce it.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [path]);

  usePlainKeys((e) => {
    if (e.key === 'g') {
      chordAt.current = Date.now();
      return;
    }
    const chord = Date.now() - chordAt.current < CHORD_MS;
    chordAt.current = 0;
    const target = chord ? GO[e.key] : undefined;
    if (target !== undefined) {
      e.preventDefault();
      navigate(target);
      main.current?.focus({ preventScroll: true });
    } else if (e.key === '?') {
      e.preventDefault();
      setHelp(true);
    } else if (e.key === '/') {
      const search = document.querySelector<HTMLElement>('[data-search]');
      if (search) {
        e.preventDefault();
        search.focus();
      }
    }
  });

  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => {
        // The hash is the router's: move focus without navigating.
        e.preventDefault();
        main.current?.focus();
      }}>
        Skip to content
      </a>
      <Header section={section} onHelp={() => setHelp(true)} />
      <ErrorBanner />
      <main id="main" ref={main} tabIndex={-1}>
        <ErrorBoundary resetKey={path}>{element}</ErrorBoundary>
      </main>
      <KeyDialog />
      <HelpDialog open={help} onClose={() => setHelp(false)} />
    </>
  );
}
