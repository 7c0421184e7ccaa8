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

/**
 * A page whose subject could not be loaded (a malformed or unknown id, a server error): says which, in
 * words rather than the validation message alone, and gives the way back.
 */
export function NotFound({ error, what, back, backLabel }: { error: unknown; what: string; back: string; backLabel: string }) {
  const status = error instanceof ApiError ? error.status : 0;
  const headline = status === 400 ? `That is not a valid id: ${what}` : status === 404 ? `There is no ${what}` : `Could not load ${what}`;
  const detail = error instanceof Error ? error.message : error ? String(error) : '';
  return (
    <div className="page" data-testid="not-found" data-status={status}>
      <h1>{headline}</h1>
      {status === 400 || status === 404 ? (
        <p className="muted">The link may be mistyped, or the {what.split(' ')[0]} may have been removed by a reorg or a new store.</p>
      ) : (
        <p className="notice error-text" role="alert">
          {detail}
          {error instanceof ApiError ? ` (${error.code})` : ''}
        </p>
      )}
      {status === 400 || status === 404 ? <p className="muted small">The server said: {detail}</p> : null}
      <p>
        <a className="button" href={back} data-testid="back-link">
          ← {backLabel}
        </a>
      </p>
    </div>
  );
}
