/** Hooks shared by the pages. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { reportError } from './api';
import { unread } from './live';

export interface Async<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` when `key` changes and keeps the last result. A response that arrives after the key
 * changed is dropped, so a slow answer for the previous page never overwrites the current one.
 * Errors are kept for the page to explain; `report` also puts them in the banner.
 */
export function useAsync<T>(load: () => Promise<T>, key: string, options: { report?: boolean } = {}): Async<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown; loading: boolean }>({ key, loading: true });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const report = options.report ?? false;

  useEffect(() => {
    let current = true;
    setState((s) => ({ key, loading: true, ...(s.key === key ? { data: s.data } : {}) }));
    loadRef.current().then(
      (data) => current && setState({ key, data, loading: false }),
      (error: unknown) => {
        if (!current) return;
        if (report) reportError(error);
        setState({ key, error, loading: false });
      },
    );
    return () => {
      current = false;
    };
  }, [key, generation, report]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const fresh = state.key === key;
  return { data: fresh ? state.data : undefined, error: fresh ? state.error : undefined, loading: !fresh || state.loading, reload };
}

/** The current time, refreshed every `ms`: drives "12 s ago" labels without a timer per row. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}

/** Calls `fn` every `ms` while mounted and the tab is visible (a hidden tab needs no fresh charts). */
export function useInterval(fn: () => void, ms: number): void {
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') fnRef.current();
    }, ms);
    return () => window.clearInterval(timer);
  }, [ms]);
}

let pageTitle = 'Argus';
function applyTitle(): void {
  const n = unread.get();
  document.title = `${n > 0 ? `(${n}) ` : ''}${pageTitle} · Argus`;
}
unread.subscribe(applyTitle);

/** Sets the document title for the page being shown, after the count of alerts that arrived unseen. */
export function useTitle(title: string): void {
  useEffect(() => {
    pageTitle = title;
    applyTitle();
  }, [title]);
}
