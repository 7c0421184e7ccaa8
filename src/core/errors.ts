/**
 * Errors with stable codes. The code is the contract with users and scripts (CLI output, API error
 * bodies); the message is for people and may change.
 */

export const ERROR_CODES = {
  USAGE: 'ARGUS_USAGE',
  NO_INPUT: 'ARGUS_NO_INPUT',
  FILE_NOT_FOUND: 'ARGUS_FILE_NOT_FOUND',
  FILE_UNREADABLE: 'ARGUS_FILE_UNREADABLE',
  FILE_TOO_LARGE: 'ARGUS_FILE_TOO_LARGE',
  NOT_TEXT: 'ARGUS_NOT_TEXT',
  PARSE: 'ARGUS_PARSE',
  CONFIG: 'ARGUS_CONFIG',
  /** The local devnet could not start, deploy its contracts or stop. */
  DEVNET: 'ARGUS_DEVNET',
  /** The store (SQLite) could not be opened or written. */
  STORE: 'ARGUS_STORE',
  /** The block stream cannot go on (e.g. a reorg deeper than the hashes it keeps). */
  STREAM: 'ARGUS_STREAM',
  /** An alert sink could not be set up or written (file, webhook configuration, body too large). */
  SINK: 'ARGUS_SINK',
  /** A user-supplied URL is refused: not http(s), or a private, loopback or link-local destination. */
  UNSAFE_URL: 'ARGUS_UNSAFE_URL',
  /** A JSON-RPC endpoint (a chain, or the local fork of one) failed, timed out or answered nonsense. */
  RPC: 'ARGUS_RPC',
  /** The node no longer holds the state asked for (a pruned, non-archive node asked about an old block). */
  RPC_PRUNED: 'ARGUS_RPC_PRUNED',
  INTERNAL: 'ARGUS_INTERNAL',
  // Conditions of the HTTP API (`argus serve`), each with its status code there.
  /** 401: the route needs an API key and none was given. */
  UNAUTHORIZED: 'ARGUS_UNAUTHORIZED',
  /** 403: the API key given is not valid. */
  FORBIDDEN: 'ARGUS_FORBIDDEN',
  /** 404: no such route, alert, incident, audit or subscription. */
  NOT_FOUND: 'ARGUS_NOT_FOUND',
  /** 413: the request body is over the limit. */
  TOO_LARGE: 'ARGUS_TOO_LARGE',
  /** 429: too many requests for this key or address. */
  RATE_LIMITED: 'ARGUS_RATE_LIMITED',
  /** 503: the server lacks what the route needs (a store, an RPC endpoint) or is busy. */
  UNAVAILABLE: 'ARGUS_UNAVAILABLE',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export class ArgusError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ArgusError';
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export class UsageError extends ArgusError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ERROR_CODES.USAGE, message, details);
    this.name = 'UsageError';
  }
}

export class ConfigError extends ArgusError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ERROR_CODES.CONFIG, message, details);
    this.name = 'ConfigError';
  }
}

/** A problem with one input file. The batch it belongs to goes on without it. */
export class InputError extends ArgusError {
  constructor(code: ErrorCode, file: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, { file, ...details });
    this.name = 'InputError';
  }
}

/** Wraps anything thrown into an ArgusError so that callers see one shape. */
export function toArgusError(error: unknown): ArgusError {
  if (error instanceof ArgusError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ArgusError(ERROR_CODES.INTERNAL, message, {}, { cause: error });
}
