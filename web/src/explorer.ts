/**
 * Block explorer links: the server says which explorer serves which chain (GET /info `explorers`, from
 * its defaults and `argus serve --explorer`); an address, a transaction or a block links to it when the
 * chain has one. The chain is the alert's own when a page knows it, else the server's.
 */
import { createStore } from './store';
import type { ServerInfo } from '@argus/api';

/** Also the server's USD prices and known address labels (GET /info), which the same pages need. */
export const explorerInfo = createStore<{ chainId: number | null; explorers: Record<string, string>; prices: Record<string, number>; labels: Record<string, Record<string, string>> }>({
  chainId: null,
  explorers: {},
  prices: {},
  labels: {},
});

export function setExplorerInfo(info: ServerInfo): void {
  const next = { chainId: info.chainId, explorers: info.explorers ?? {}, prices: info.prices ?? {}, labels: info.labels ?? {} };
  explorerInfo.set((cur) => (JSON.stringify(cur) === JSON.stringify(next) ? cur : next));
}

/** The explorer URL of a hex value (by its length and label), or null when its chain has no explorer. */
export function explorerUrl(value: string, label: string | undefined, chainId?: number): string | null {
  const info = explorerInfo.get();
  const chain = chainId ?? info.chainId;
  if (chain === null) return null;
  const base = info.explorers[String(chain)];
  if (!base) return null;
  if (value.length === 42) return `${base}/address/${value}`;
  if (value.length === 66) return label?.includes('block') ? `${base}/block/${value}` : `${base}/tx/${value}`;
  return null;
}
