/** API errors, shown at the top without blocking the page; each can be dismissed. */
import { useEffect } from 'react';
import { api, dismissError, errorBanner, serverReachable } from '../api';
import { useLiveState } from '../live';
import { useStore } from '../store';

/** How often the server is asked whether it is back while it is unreachable. */
const PROBE_MS = 3000;

export function ErrorBanner() {
  const errors = useStore(errorBanner);
  const reachable = useStore(serverReachable);
  const live = useLiveState();
  // The stream dropping is the first sign: ask the server at once, then keep asking until it answers.
  useEffect(() => {
    if (live === 'live' && reachable) return;
    const probe = () => void api.health().catch(() => undefined);
    probe();
    const t = window.setInterval(probe, PROBE_MS);
    return () => window.clearInterval(t);
  }, [live, reachable]);
  return (
    <div className="banners" role="status" aria-live="polite">
      {!reachable ? (
        <div className="banner error server-down" data-testid="server-down" role="alert">
          <strong>The Argus server is not answering.</strong> What you see may be out of date and changes cannot be saved; this page reconnects by itself when it is back.
        </div>
      ) : null}
      {errors.map((e) => (
        <div key={e.id} className="banner error" data-testid="error-banner">
          <span>{e.message}</span>
          <button type="button" className="ghost" onClick={() => dismissError(e.id)} aria-label="Dismiss error">
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
