/**
 * Appends one `AlertEvent` per line to a file (`{"type":"alert","alert":{…}}` or
 * `{"type":"retraction","retraction":{…}}`). Writes are serialised; `close` fsyncs and closes.
 *
 * An event already among the file's last lines when it is opened is not appended again: a process killed
 * between writing an alert and marking it dispatched sends it again on restart (see `AlertDispatcher`),
 * and it is the last thing that process wrote.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import { toJson } from '../../core/json.js';
import type { Alert, AlertEvent, Retraction } from '../../core/alert.js';
import type { AlertSink } from './sink.js';

const TAIL_BYTES = 1024 * 1024;

function eventKey(event: AlertEvent): string {
  return event.type === 'alert' ? `alert:${event.alert.id}` : `retraction:${event.retraction.alertId}`;
}

export class JsonlSink implements AlertSink {
  readonly name: string;
  private handle: Promise<FileHandle> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  /** Keys (`alert:<id>`, `retraction:<id>`) of the events in the file's tail when it was opened. */
  private tail: Set<string> | null = null;
  /** The file ended in a partial line (a write cut short): the next line starts on a new one. */
  private torn = false;

  constructor(readonly file: string) {
    this.name = `jsonl:${file}`;
  }

  private fh(): Promise<FileHandle> {
    this.handle ??= open(this.file, 'a+').catch((error: unknown) => {
      throw new ArgusError(ERROR_CODES.SINK, `cannot open ${this.file} for alerts: ${(error as Error).message}`, { file: this.file }, { cause: error });
    });
    return this.handle;
  }

  /** The events in the last `TAIL_BYTES` of the file (a partial first line is ignored). */
  private async readTail(fh: FileHandle): Promise<Set<string>> {
    const keys = new Set<string>();
    const { size } = await fh.stat();
    const start = Math.max(0, size - TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    if (buffer.length === 0) return keys;
    await fh.read(buffer, 0, buffer.length, start);
    this.torn = buffer[buffer.length - 1] !== 0x0a;
    const lines = buffer.toString('utf8').split('\n');
    if (start > 0) lines.shift();
    for (const line of lines) {
      try {
        keys.add(eventKey(JSON.parse(line) as AlertEvent));
      } catch {
        // a torn or foreign line
      }
    }
    return keys;
  }

  private write(event: AlertEvent): Promise<void> {
    if (this.closed) return Promise.reject(new ArgusError(ERROR_CODES.SINK, `the JSONL sink ${this.file} is closed`));
    const line = toJson(event) + '\n';
    const next = this.queue.then(async () => {
      const fh = await this.fh();
      this.tail ??= await this.readTail(fh);
      if (this.tail.has(eventKey(event))) return;
      await fh.appendFile(this.torn ? '\n' + line : line, 'utf8');
      this.torn = false;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  send(alert: Alert): Promise<void> {
    return this.write({ type: 'alert', alert });
  }

  retract(retraction: Retraction): Promise<void> {
    return this.write({ type: 'retraction', retraction });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    if (this.handle) {
      const fh = await this.handle;
      await fh.sync();
      await fh.close();
    }
  }
}
