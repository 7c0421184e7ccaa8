/** API errors, shown at the top without blocking the page; each can be dismissed. */
import { dismissError, errorBanner } from '../api';
import { useStore } from '../store';

export function ErrorBanner() {
  const errors = useStore(errorBanner);
  return (
    <div className="banners" role="status" aria-live="polite">
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
