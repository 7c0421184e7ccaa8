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
    this.stream.write(formatAlertLine(alert, this.color) + why + '\n');
  }

  async retract(retraction: Retraction): Promise<void> {
    this.stream.write(formatRetractionLine(retraction, this.color) + '\n');
  }

  async close(): Promise<void> {}
}
