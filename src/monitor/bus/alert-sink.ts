/**
 * An `AlertSink` onto the bus: each alert and retraction as an `AlertEvent` on `argus.alerts.<chainId>`,
 * with the alert id (or `<id>:retraction`) as the JetStream message id, so a worker that publishes again
 * after a crash (the alert stored but not marked dispatched) does not make a second copy. A publish is
 * retried until acknowledged (NATS restarting) or the sink is closed.
 */
import type { Alert, AlertEvent, Retraction } from '../../core/alert.js';
import { backoffDelay, sleep } from '../../chain/rpc/retry.js';
import type { AlertSink } from '../sinks/sink.js';
import type { Bus } from './nats.js';
import { alertSubject, encodeMessage } from './messages.js';

export class BusAlertSink implements AlertSink {
  readonly name = 'bus';
  private closed = false;
  constructor(private readonly bus: Bus) {}

  send(alert: Alert): Promise<void> {
    return this.publish(alert.chainId, { type: 'alert', alert }, alert.id);
  }

  retract(retraction: Retraction): Promise<void> {
    return this.publish(retraction.alert?.chainId ?? 0, { type: 'retraction', retraction }, `${retraction.alertId}:retraction`);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private async publish(chainId: number, event: AlertEvent, msgID: string): Promise<void> {
    const data = encodeMessage(event);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.bus.js.publish(alertSubject(chainId), data, { msgID, timeout: 5_000 });
        return;
      } catch (error) {
        if (this.closed) throw error;
        await sleep(backoffDelay(attempt, 100, 2_000));
      }
    }
  }
}
