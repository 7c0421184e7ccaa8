/**
 * The live alert feed, kept at app level so the header's connection indicator and the Alerts page share
 * one EventSource, and the feed survives navigating away and back.
 *
 * It loads the newest alerts once, then follows /alerts/stream. EventSource reconnects on its own after
 * a dropped connection (state "connecting"); when the server refuses the stream outright (e.g. 503, no
 * live stream) the browser gives up (state "offline") and we retry on a slower timer. After every
 * (re)connect the list is fetched again so alerts raised while disconnected are not missed.
 */
import { api, getApiKey, keyCookie, keyVersion, STREAM_URL } from './api';
import { createStore, useStore } from './store';
import type { AlertEvent, StoredAlert } from '@argus/api';

export type LiveState = 'live' | 'connecting' | 'offline';

export interface FeedItem {
  alert: StoredAlert;
  /** Epoch ms when the stream delivered it; undefined for alerts from the initial load. */
  arrivedAt?: number;
}

interface Feed {
  items: FeedItem[];
  loaded: boolean;
  error: string | null;
}

const FEED_LIMIT = 200;
const KEEP = 1000;
const RETRY_MS = 5000;

export const liveState = createStore<LiveState>('connecting');
/**
 * Alerts that arrived while the tab was hidden: shown in the tab title ("(3) Alerts · Argus") and cleared
 * when the tab is looked at again.
 */
export const unread = createStore(0);
if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') unread.set(0);
  });
}
export const feed = createStore<Feed>({ items: [], loaded: false, error: null });

/**
 * Newest raised first, then highest block: a live alert always lands at the top, even when a monitor
 * restarted on an earlier block re-raises history.
 */
function newestFirst(a: FeedItem, b: FeedItem): number {
  if (a.alert.createdAt !== b.alert.createdAt) return a.alert.createdAt < b.alert.createdAt ? 1 : -1;
  return b.alert.blockNumber - a.alert.blockNumber;
}

function merge(incoming: StoredAlert[], arrivedAt?: number): void {
  feed.set((f) => {
    const byId = new Map(f.items.map((i) => [i.alert.id, i]));
    for (const alert of incoming) {
      const known = byId.get(alert.id);
      // A known alert keeps its arrival time (and highlight); its data is refreshed (e.g. retraction).
      byId.set(alert.id, known ? { ...known, alert } : { alert, ...(arrivedAt !== undefined ? { arrivedAt } : {}) });
    }
    return { ...f, items: [...byId.values()].sort(newestFirst).slice(0, KEEP) };
  });
}

function applyEvent(event: AlertEvent): void {
  if (event.type === 'alert') {
    const known = feed.get().items.some((i) => i.alert.id === event.alert.id);
    merge([event.alert], Date.now());
    if (!known && document.visibilityState === 'hidden') unread.set((n) => n + 1);
    return;
  }
  const { alertId, reason, retractedAt, alert } = event.retraction;
  const current = feed.get().items.find((i) => i.alert.id === alertId);
  const base = current?.alert ?? alert;
  if (!base) return;
  merge([{ ...base, retractedAt, retractReason: reason }]);
}

async function loadList(): Promise<void> {
  try {
    const page = await api.alerts({ limit: FEED_LIMIT, includeRetracted: true });
    merge(page.alerts);
    feed.set((f) => ({ ...f, loaded: true, error: null }));
  } catch (error) {
    feed.set((f) => ({ ...f, loaded: true, error: error instanceof Error ? error.message : String(error) }));
  }
}

let started = false;

export function startLiveFeed(): void {
  if (started) return;
  started = true;
  // A key kept from before this page load goes in the cookie the stream presents (see keyCookie).
  const key = getApiKey();
  if (key) keyCookie(key);
  // A key given after the stream was refused (a server that needs one for reads): connect again now.
  keyVersion.subscribe(() => {
    if (liveState.get() === 'offline') {
      void loadList();
      connect();
    }
  });
  void loadList();
  connect();
}

let current: EventSource | null = null;
let retryTimer: number | undefined;

function connect(): void {
  // One stream at a time: a key given while a retry is pending connects now, and the retry is dropped.
  window.clearTimeout(retryTimer);
  current?.close();
  liveState.set('connecting');
  const source = new EventSource(STREAM_URL);
  current = source;
  let opened = false;
  source.onopen = () => {
    liveState.set('live');
    // Fill the gap of a reconnect; the first open follows the initial load closely enough.
    if (opened) void loadList();
    opened = true;
  };
  const onMessage = (e: MessageEvent<string>) => {
    try {
      applyEvent(JSON.parse(e.data) as AlertEvent);
    } catch {
      // A malformed event is skipped; the next list refresh repairs the feed.
    }
  };
  source.addEventListener('alert', onMessage);
  source.addEventListener('retraction', onMessage);
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) {
      liveState.set('offline');
      source.close();
      retryTimer = window.setTimeout(() => {
        void loadList();
        connect();
      }, RETRY_MS);
    } else {
      liveState.set('connecting');
    }
  };
}

export function useFeed(): Feed {
  return useStore(feed);
}

export function useLiveState(): LiveState {
  return useStore(liveState);
}
