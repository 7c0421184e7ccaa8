/**
 * Ready payload formats for webhook subscriptions, so an alert can go straight to a chat channel or a
 * paging service without a relay: `argus` (the `AlertEvent` JSON, the default), `slack` (incoming webhook:
 * `text` and Block Kit `blocks`), `discord` (webhook: `content` and one embed), `telegram` (Bot API
 * `sendMessage`: `chat_id` and `text`; the URL is `https://api.telegram.org/bot<token>/sendMessage`) and
 * `pagerduty` (Events API v2: `trigger`, and `resolve` for a retraction, with the alert id as `dedup_key`).
 * Telegram needs the chat id and PagerDuty the integration's routing key: the subscription's `target`.
 *
 * Every format is still POSTed and signed like the `argus` one (the receivers that do not check the
 * signature ignore its headers). Pure functions: the sink calls them when it queues a delivery.
 */
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import type { Severity } from '../../core/finding.js';
import { toJson } from '../../core/json.js';
import type { Alert, AlertEvent } from '../../core/alert.js';

import { FORMAT_TARGET, WEBHOOK_FORMATS, type WebhookFormat } from '../../store/store.js';

export { FORMAT_TARGET, WEBHOOK_FORMATS, type WebhookFormat };

export interface FormatOptions {
  /** Telegram's chat id or PagerDuty's routing key. */
  target?: string | null;
  /** A link to the alert on the dashboard, when the server's public address is known. */
  link?: string;
}

/** Throws a usage error when `format` needs a target and has none. */
export function checkFormat(format: WebhookFormat, target: string | null | undefined): void {
  const needs = FORMAT_TARGET[format];
  if (needs && !target?.trim()) throw new ArgusError(ERROR_CODES.USAGE, `the ${format} format needs ${needs} as its target`, { format });
}

const EMOJI: Record<Severity, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵', info: '⚪' };
/** Discord embed colours (24-bit RGB) per severity. */
const COLOUR: Record<Severity, number> = { critical: 0xd92d20, high: 0xf79009, medium: 0xeaaa08, low: 0x2e90fa, info: 0x98a2b3 };
/** PagerDuty v2 knows critical, error, warning and info. */
const PD_SEVERITY: Record<Severity, 'critical' | 'error' | 'warning' | 'info'> = { critical: 'critical', high: 'error', medium: 'warning', low: 'info', info: 'info' };

/** Short, single-line facts about an alert: the same in every chat format. */
function facts(alert: Alert): [string, string][] {
  const f = alert.finding;
  const rows: [string, string][] = [
    ['Severity', f.severity],
    ['Detector', f.detector],
    ['Chain', String(alert.chainId)],
    ['Block', String(alert.blockNumber)],
  ];
  if (alert.txHash) rows.push(['Transaction', alert.txHash]);
  if (f.subject.kind === 'address') rows.push([f.subject.role ? `Address (${f.subject.role})` : 'Address', f.subject.address]);
  rows.push(['Confidence', `${Math.round(f.confidence * 100)} %`]);
  return rows;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

function headline(alert: Alert): string {
  return `${EMOJI[alert.finding.severity]} [${alert.finding.severity.toUpperCase()}] ${alert.finding.title}`;
}

function withdrawn(event: Extract<AlertEvent, { type: 'retraction' }>): string {
  const r = event.retraction;
  const what = r.alert ? `"${r.alert.finding.title}"` : `alert ${r.alertId}`;
  return `↩️ Withdrawn: ${what} (${r.reason})`;
}

/** Escapes the three characters Telegram's HTML parse mode reads. */
function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The body of `event` in `format`, as the string that is queued, signed and POSTed. */
export function formatEvent(format: WebhookFormat, event: AlertEvent, options: FormatOptions = {}): string {
  switch (format) {
    case 'argus':
      return toJson(event);
    case 'slack':
      return JSON.stringify(slack(event, options));
    case 'discord':
      return JSON.stringify(discord(event, options));
    case 'telegram':
      checkFormat(format, options.target);
      return JSON.stringify(telegram(event, options));
    case 'pagerduty':
      checkFormat(format, options.target);
      return JSON.stringify(pagerduty(event, options));
  }
}

function slack(event: AlertEvent, options: FormatOptions): unknown {
  if (event.type === 'retraction') return { text: withdrawn(event) };
  const a = event.alert;
  const text = headline(a);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(text, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(a.finding.explanation, 2900) } },
    { type: 'section', fields: facts(a).map(([k, v]) => ({ type: 'mrkdwn', text: clip(`*${k}*\n\`${v}\``, 2000) })).slice(0, 10) },
  ];
  if (options.link) blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Argus' }, url: options.link }] });
  return { text, blocks };
}

function discord(event: AlertEvent, options: FormatOptions): unknown {
  if (event.type === 'retraction') return { username: 'Argus', content: clip(withdrawn(event), 2000) };
  const a = event.alert;
  return {
    username: 'Argus',
    content: clip(headline(a), 2000),
    embeds: [
      {
        title: clip(a.finding.title, 256),
        description: clip(a.finding.explanation, 4000),
        color: COLOUR[a.finding.severity],
        timestamp: a.createdAt,
        fields: facts(a).map(([name, value]) => ({ name, value: clip(value, 1024), inline: value.length < 24 })),
        ...(options.link ? { url: options.link } : {}),
      },
    ],
  };
}

function telegram(event: AlertEvent, options: FormatOptions): unknown {
  const target = options.target ?? '';
  if (event.type === 'retraction') return { chat_id: target, text: html(withdrawn(event)), parse_mode: 'HTML' };
  const a = event.alert;
  const lines = [`<b>${html(headline(a))}</b>`, html(a.finding.explanation), '', ...facts(a).map(([k, v]) => `${html(k)}: <code>${html(v)}</code>`)];
  if (options.link) lines.push(`<a href="${html(options.link)}">Open in Argus</a>`);
  return { chat_id: target, text: clip(lines.join('\n'), 4096), parse_mode: 'HTML', disable_web_page_preview: true };
}

function pagerduty(event: AlertEvent, options: FormatOptions): unknown {
  const routing_key = options.target ?? '';
  if (event.type === 'retraction') return { routing_key, event_action: 'resolve', dedup_key: event.retraction.alertId };
  const a = event.alert;
  return {
    routing_key,
    event_action: 'trigger',
    dedup_key: a.id,
    payload: {
      summary: clip(`${a.finding.title} (chain ${a.chainId}, block ${a.blockNumber})`, 1024),
      source: a.finding.subject.kind === 'address' ? a.finding.subject.address : `chain ${a.chainId}`,
      severity: PD_SEVERITY[a.finding.severity],
      timestamp: a.createdAt,
      component: a.finding.detector,
      group: `chain-${a.chainId}`,
      class: a.finding.detector.split('/')[1] ?? a.finding.detector,
      custom_details: { explanation: a.finding.explanation, severity: a.finding.severity, confidence: a.finding.confidence, block: a.blockNumber, tx: a.txHash ?? null, alertId: a.id },
    },
    client: 'Argus',
    ...(options.link ? { client_url: options.link, links: [{ href: options.link, text: 'Open in Argus' }] } : {}),
  };
}

/** The alert a "send test" delivers: marked as a test in its detector, title and tags, raised now. */
export function testAlert(subscriptionId: string, now: Date = new Date()): Alert {
  return {
    id: `test-${subscriptionId}-${now.getTime()}`,
    chainId: 1,
    blockNumber: 0,
    blockHash: '0x' + '0'.repeat(64),
    createdAt: now.toISOString(),
    finding: {
      detector: 'argus/test',
      title: 'Argus test notification',
      severity: 'info',
      confidence: 1,
      tags: ['test'],
      subject: { kind: 'address', chainId: 1, address: '0x' + '0'.repeat(40), role: 'test' },
      explanation: `A test message for webhook subscription ${subscriptionId}: if you can read this, alerts will reach this channel.`,
      evidence: { test: true },
    },
  };
}
