/**
 * A `fetch` for JSON-RPC clients of a local node that retries a request when the connection it went out
 * on was already closed by the server. Node's HTTP server (Hardhat's node) closes idle keep-alive sockets
 * after 5 s; a request that picks such a socket at that moment fails with "other side closed" before the
 * server has read it, so sending it again is safe. Any other failure (a response, an error status, a
 * timeout) is returned or thrown as it is: viem's own retries stay off, because they also retry a node's
 * answer to a reverting call, which made every expected revert cost a second.
 */
const STALE_SOCKET_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/** Whether a fetch failure is a connection closed under the request (not an answer from the server). */
export function isStaleSocket(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  return error instanceof TypeError && cause !== undefined && (STALE_SOCKET_CODES.has(cause.code ?? '') || /other side closed/i.test(cause.message ?? ''));
}

export function createStaleSocketRetryFetch(attempts = 3, fetchImpl: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetchImpl(input, init);
      } catch (error) {
        if (attempt >= attempts || !isStaleSocket(error)) throw error;
      }
    }
  };
}

