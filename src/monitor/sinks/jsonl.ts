/**
 * Appends one `AlertEvent` per line to a file (`{"type":"alert","alert":{…}}` or
 * `{"type":"retraction","retraction":{…}}`). Writes are serialised; `close` fsyncs and closes.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import { toJson } from '../../store/sqlite.js';
import type { Alert, AlertEvent, Retraction } from './alert.js';
import type { AlertSink } from './sink.js';

export class JsonlSink implements AlertSink {
  readonly name: string;
  private handle: Promise<FileHandle> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(readonly file: string) {
    this.name = `jsonl:${file}`;
  }

  private fh(): Promise<FileHandle> {
    this.handle ??= open(this.file, 'a').catch((error: unknown) => {
      throw new ArgusError(ERROR_CODES.SINK, `cannot open ${this.file} for alerts: ${(error as Error).message}`, { file: this.file }, { cause: error });
    });
    return this.handle;
  }

  private write(event: AlertEvent): Promise<void> {
    if (this.closed) return Promise.reject(new ArgusError(ERROR_CODES.SINK, `the JSONL sink ${this.file} is closed`));
    const line = toJson(event) + '\n';
    const next = this.queue.then(async () => {
      await (await this.fh()).appendFile(line, 'utf8');
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
