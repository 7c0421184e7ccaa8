/** Persists alerts and retractions in the `AlertStore`. */
import type { AlertStore } from '../../store/store.js';
import type { Alert, Retraction } from '../../core/alert.js';
import type { AlertSink } from './sink.js';

export class StoreSink implements AlertSink {
  readonly name = 'store';
  constructor(
    /** With `closeStore`, also something to close (the whole `Store`). */
    private readonly store: AlertStore & { close?(): Promise<void> },
    private readonly options: { closeStore?: boolean } = {},
  ) {}

  async send(alert: Alert): Promise<void> {
    await this.store.saveAlert(alert);
  }

  async retract(retraction: Retraction): Promise<void> {
    await this.store.retractAlert(retraction.alertId, retraction.reason, new Date(retraction.retractedAt));
  }

  async close(): Promise<void> {
    if (this.options.closeStore) await this.store.close?.();
  }
}
