/**
 * The one place viem clients are built. A profile says what the client is for, and so which timeout,
 * retries and fetch it gets:
 * - `devnet`: the local Hardhat node. No viem retries (they also retry a node's answer to a reverting
 *   call, which made every expected revert cost a second); a request whose keep-alive socket the node
 *   closed under it is sent again (fetch.ts); 50 ms polling.
 * - `read`: one-off reads of a remote chain (the API's pool reserves, watch's chain id, the monitor's
 *   balance reads). 10 s timeout, no viem retries: outages are retried by `retryOutages` (retry.ts),
 *   which knows a revert or a pruned state from an outage.
 * - `stream`: the block stream's endpoints are built by `RpcPool` (pool.ts), which batches, fails over
 *   and retries; it is listed here so that there is one answer to "where are clients made".
 */
import { createPublicClient, createWalletClient, http, type Account, type Chain, type HttpTransport, type PublicClient, type WalletClient } from 'viem';
import { createStaleSocketRetryFetch } from './fetch.js';

export type RpcProfile = 'devnet' | 'read';

/** The shared instance for devnet clients: resends a request on a socket the node had already closed. */
export const devnetFetch = createStaleSocketRetryFetch();

export interface RpcClientOptions {
  profile: RpcProfile;
  chain?: Chain;
  /** Override the profile's timeout. */
  timeoutMs?: number;
}

/** An http(s) URL for a ws(s) one: one-off reads do not need a socket. */
export function httpUrlOf(url: string): string {
  return url.replace(/^ws/, 'http');
}

function transport(url: string, options: RpcClientOptions) {
  if (options.profile === 'devnet') return http(url, { retryCount: 0, fetchFn: devnetFetch, ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}) });
  return http(httpUrlOf(url), { timeout: options.timeoutMs ?? 10_000, retryCount: 0 });
}

export function createRpcClient(url: string, options: RpcClientOptions): PublicClient {
  return createPublicClient({ ...(options.chain ? { chain: options.chain } : {}), transport: transport(url, options), pollingInterval: options.profile === 'devnet' ? 50 : 1_000 }) as PublicClient;
}

/** A wallet client that signs with `account` on `options.chain` (the devnet's scenario senders). */
export function createRpcWalletClient(url: string, account: Account, options: RpcClientOptions & { chain: Chain }): WalletClient<HttpTransport, Chain, Account> {
  return createWalletClient({ account, chain: options.chain, transport: transport(url, options) }) as WalletClient<HttpTransport, Chain, Account>;
}
