/** Placeholders for the states between "asked" and "answered". */
import { ApiError, isUnavailable } from '../api';

export function Loading({ what }: { what: string }) {
  return (
    <p className="notice muted" role="status">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

/** Explains a failed load in place; 404/503 read as "not available here" rather than as a failure. */
export function LoadError({ error, what }: { error: unknown; what: string }) {
  const message = error instanceof Error ? error.message : String(error);
  if (isUnavailable(error)) {
    return (
      <p className="notice muted">
        {what} not available: {message}
      </p>
    );
  }
  return (
    <p className="notice error-text" role="alert">
      Could not load {what}: {message}
      {error instanceof ApiError ? ` (${error.code})` : ''}
    </p>
  );
}
