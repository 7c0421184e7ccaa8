/**
 * The in-process live stream the dashboard subscribes to: an EventEmitter (`'event'` with an
 * `AlertEvent`) and `subscribe()`, an async iterator with a bounded buffer. A subscriber that falls more
 * than `bufferSize` events behind loses the oldest ones (counted in `dropped`) rather than growing memory;
 * it can reload from the store.
 */
import { EventEmitter } from 'node:events';
import type { Alert, AlertEvent, Retraction } from '../../core/alert.js';
import type { AlertSink } from './sink.js';

export interface LiveSubscription extends AsyncIterableIterator<AlertEvent> {
  /** Events dropped because the subscriber was too slow. */
  readonly dropped: number;
}

export class LiveSink extends EventEmitter implements AlertSink {
  readonly name = 'live';
  private closed = false;
  private readonly enders = new Set<() => void>();

  async send(alert: Alert): Promise<void> {
    this.publish({ type: 'alert', alert });
  }

  async retract(retraction: Retraction): Promise<void> {
    this.publish({ type: 'retraction', retraction });
  }

  private publish(event: AlertEvent): void {
    if (!this.closed) this.emit('event', event);
  }

  subscribe(options: { bufferSize?: number } = {}): LiveSubscription {
    const max = Math.max(1, options.bufferSize ?? 1000);
    const buffer: AlertEvent[] = [];
    let waiting: ((r: IteratorResult<AlertEvent>) => void) | null = null;
    let done = this.closed;
    let dropped = 0;
    const onEvent = (event: AlertEvent) => {
      if (waiting) {
        const w = waiting;
        waiting = null;
        w({ value: event, done: false });
        return;
      }
      buffer.push(event);
      if (buffer.length > max) {
        buffer.shift();
        dropped++;
      }
    };
    const end = () => {
      if (done) return;
      done = true;
      this.off('event', onEvent);
      this.enders.delete(end);
      if (waiting) {
        const w = waiting;
        waiting = null;
        w({ value: undefined, done: true });
      }
    };
    if (!done) {
      this.on('event', onEvent);
      this.enders.add(end);
    }
    const it: LiveSubscription = {
      get dropped() {
        return dropped;
      },
      next: () => {
        const value = buffer.shift();
        if (value !== undefined) return Promise.resolve({ value, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (waiting = resolve));
      },
      return: () => {
        end();
        buffer.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() {
        return it;
      },
    };
    return it;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const end of [...this.enders]) end();
    this.removeAllListeners('event');
  }
}
