/**
 * One readable line per alert on a stream (stdout by default), coloured by severity when the stream is a
 * terminal and `NO_COLOR` is not set.
 */
import pc from 'picocolors';
import type { Severity } from '../../core/finding.js';
import type { Alert, Retraction } from '../../core/alert.js';
import type { AlertSink } from './sink.js';

export interface StdoutSinkOptions {
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Default: the stream is a TTY and NO_COLOR is unset. */
  color?: boolean;
  /** A second, indented line with the explanation's first sentence: why it was raised. */
  explain?: boolean;
}

/** The first sentence of an explanation (at most 240 characters), for one-line output. */
export function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/s.exec(text.trim());
  const s = (m ? m[1]! : text.trim()).replace(/\s+/g, ' ');
  return s.length > 240 ? s.slice(0, 239) + '…' : s;
}

function short(hash: string): string {
  return hash.length > 14 ? `${hash.slice(0, 8)}…${hash.slice(-4)}` : hash;
}

function subjectText(alert: Alert): string {
  const s = alert.finding.subject;
  switch (s.kind) {
    case 'address':
      return `${s.role ? s.role + ' ' : ''}${s.address}`;
    case 'transaction':
      return `tx ${s.hash}`;
    case 'source':
      return `${s.file}:${s.startLine}`;
    case 'domain':
      return s.domain;
    case 'post':
      return `post ${s.id ?? ''}`.trim();
    case 'bytecode':
      return `bytecode ${s.name ?? s.file ?? ''}`.trim();
  }
}

export function formatAlertLine(alert: Alert, color: boolean): string {
  const c = pc.createColors(color);
  const paint: Record<Severity, (s: string) => string> = {
    critical: (s) => c.bold(c.red(s)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
    info: c.dim,
  };
  const f = alert.finding;
  const where = `chain ${alert.chainId} block ${alert.blockNumber}${alert.txHash ? ' tx ' + short(alert.txHash) : ''}`;
  return [
    c.dim(alert.createdAt),
    paint[f.severity](f.severity.toUpperCase().padEnd(8)),
    c.bold(f.title),
    '—',
    subjectText(alert),
    c.dim(`(${f.detector}, confidence ${f.confidence.toFixed(2)}, ${where}, id ${alert.id})`),
  ].join(' ');
}

export function formatRetractionLine(r: Retraction, color: boolean): string {
  const c = pc.createColors(color);
  const what = r.alert ? `${r.alert.finding.title} (${r.alert.finding.detector}) ` : '';
  return `${c.dim(r.retractedAt)} ${c.magenta('RETRACTED')} ${what}id ${r.alertId}: ${r.reason}`;
}

/**
 * Writes `text` and resolves once the stream has handed it on (stdout: to the pipe, file or terminal). The
 * dispatcher marks an alert dispatched, and the stream commits its block's checkpoint, after the sinks'
 * send resolves: a process stream to a pipe queues what the pipe cannot take yet inside the process, and
 * without this wait a kill -9 could lose the line of an alert already recorded as sent (never printed,
 * never sent again). A reader that went away (EPIPE) or a closed stream takes nothing more: resolved, not
 * an error (the CLI then stops quietly, see main.ts).
 */
export function writeLine(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error?: Error | null) => {
      const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
      if (!error || code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') resolve();
      else reject(error);
    });
  });
}

export class StdoutSink implements AlertSink {
  readonly name = 'stdout';
  private readonly stream: NodeJS.WritableStream & { isTTY?: boolean };
  private readonly color: boolean;
  private readonly explain: boolean;

  constructor(options: StdoutSinkOptions = {}) {
    this.stream = options.stream ?? process.stdout;
    this.color = options.color ?? (this.stream.isTTY === true && !process.env.NO_COLOR);
    this.explain = options.explain === true;
  }

  async send(alert: Alert): Promise<void> {
    const why = this.explain ? `\n    ${pc.createColors(this.color).dim('why:')} ${firstSentence(alert.finding.explanation)}` : '';
    await writeLine(this.stream, formatAlertLine(alert, this.color) + why + '\n');
  }

  async retract(retraction: Retraction): Promise<void> {
    await writeLine(this.stream, formatRetractionLine(retraction, this.color) + '\n');
  }

  async close(): Promise<void> {}
}
