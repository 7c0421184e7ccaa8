/**
 * An alert sink: where raised alerts go (the store, stdout, a JSON-lines file, the live stream the
 * dashboard subscribes to, webhooks). `send` and `retract` resolve once the sink has taken the event
 * (for a webhook: once it is in the durable outbox, not once it is delivered); `close` flushes and frees.
 */
import type { Alert, Retraction } from '../../core/alert.js';

export interface AlertSink {
  readonly name: string;
  send(alert: Alert): Promise<void>;
  /** An alert withdrawn (a reorg removed its transaction). */
  retract(retraction: Retraction): Promise<void>;
  close(): Promise<void>;
}
