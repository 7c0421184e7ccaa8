/**
 * Notification routing: the webhook subscriptions `argus watch` delivers alerts to (signed, through its
 * durable outbox), managed from the dashboard instead of only through the API. Each shows its filter
 * (minimum severity, detectors) and its deliveries: pending, delivered, and dead (refused for good, or
 * kept resolving to an address the destination policy refuses), with the last error. The secret is shown
 * once, when the subscription is made.
 */
import { useState } from 'react';
import { api, reportError } from '../api';
import { LoadError, Loading } from '../components/Notice';
import { SeveritySelect } from '../components/SeveritySelect';
import { formatInt } from '../format';
import { useAsync, useInterval, useTitle } from '../hooks';
import type { Severity, WebhookCreated, WebhookFormat, WebhookTestResult } from '@argus/api';

/** The payload formats, what their URL looks like, and what their target is (when they need one). */
const FORMATS: { value: WebhookFormat; label: string; url: string; target?: string }[] = [
  { value: 'argus', label: 'Argus JSON (signed alert event)', url: 'https://hooks.example.com/argus' },
  { value: 'slack', label: 'Slack (incoming webhook)', url: 'https://hooks.slack.com/services/T000/B000/XXXX' },
  { value: 'discord', label: 'Discord (channel webhook)', url: 'https://discord.com/api/webhooks/123/abc' },
  { value: 'telegram', label: 'Telegram (bot sendMessage)', url: 'https://api.telegram.org/bot<token>/sendMessage', target: 'Chat id' },
  { value: 'pagerduty', label: 'PagerDuty (Events API v2)', url: 'https://events.pagerduty.com/v2/enqueue', target: 'Routing key' },
];
const formatLabel = (f: WebhookFormat) => FORMATS.find((x) => x.value === f)?.label.replace(/ \(.*\)$/, '') ?? f;

export function WebhooksPage() {
  useTitle('Notifications');
  const list = useAsync(() => api.webhooks(), 'webhooks');
  useInterval(list.reload, 10_000);
  const [url, setUrl] = useState('');
  const [minSeverity, setMinSeverity] = useState<Severity | ''>('high');
  const [detectors, setDetectors] = useState('');
  const [description, setDescription] = useState('');
  const [format, setFormat] = useState<WebhookFormat>('argus');
  const [target, setTarget] = useState('');
  const [tests, setTests] = useState<Record<string, WebhookTestResult | 'sending'>>({});
  const spec = FORMATS.find((f) => f.value === format) ?? FORMATS[0]!;
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<WebhookCreated | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const names = detectors.split(/[\s,]+/).filter(Boolean);
      const made = await api.createWebhook({ url: url.trim(), ...(minSeverity ? { minSeverity } : {}), ...(names.length ? { detectors: names } : {}), ...(description.trim() ? { description: description.trim() } : {}), format, ...(spec.target && target.trim() ? { target: target.trim() } : {}) });
      setCreated(made);
      setUrl('');
      setDescription('');
      setTarget('');
      list.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const sendTest = async (id: string) => {
    setTests((t) => ({ ...t, [id]: 'sending' }));
    try {
      const result = await api.testWebhook(id);
      setTests((t) => ({ ...t, [id]: result }));
    } catch (e) {
      setTests((t) => ({ ...t, [id]: { delivered: false, format: 'argus', error: e instanceof Error ? e.message : String(e) } }));
    }
  };
  const remove = async (id: string) => {
    try {
      await api.deleteWebhook(id);
      list.reload();
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>Notifications</h1>
        <p className="muted">Webhooks that `argus watch` sends matching alerts to, signed with HMAC-SHA256, retried through its outbox.</p>
      </div>
      <form
        className="panel stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim()) void create();
        }}
        aria-label="New webhook"
      >
        <h2 className="panel-title">New webhook</h2>
        <div className="row">
          <label className="field">
            <span>Format</span>
            <select value={format} onChange={(e) => setFormat(e.target.value as WebhookFormat)} data-testid="webhook-format">
              {FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          {spec.target ? (
            <label className="field grow">
              <span>{spec.target} (required)</span>
              <input value={target} onChange={(e) => setTarget(e.target.value)} maxLength={200} spellCheck={false} className="mono" data-testid="webhook-target" />
            </label>
          ) : null}
        </div>
        <label className="field">
          <span>URL (public http or https; private and loopback addresses are refused)</span>
          <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder={spec.url} spellCheck={false} className="mono" data-testid="webhook-url" />
        </label>
        <div className="row">
          <SeveritySelect value={minSeverity} onChange={setMinSeverity} testId="webhook-severity" />
          <label className="field grow">
            <span>Only these detectors (comma-separated; empty: all)</span>
            <input value={detectors} onChange={(e) => setDetectors(e.target.value)} placeholder="monitor/exploit-contract, monitor/liquidity-pull" spellCheck={false} />
          </label>
          <label className="field grow">
            <span>Description</span>
            <input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={200} placeholder="on-call channel" />
          </label>
        </div>
        {error ? (
          <p className="error-text" role="alert" data-testid="webhook-error">
            {error}
          </p>
        ) : null}
        <div className="row-end">
          <button type="submit" className="primary" disabled={busy || !url.trim() || (spec.target !== undefined && !target.trim())} data-testid="webhook-create">
            Add webhook
          </button>
        </div>
        {created ? (
          <p className="banner" data-testid="webhook-secret">
            Signing secret for <code>{created.id}</code> (shown only now): <code>{created.secret}</code>
          </p>
        ) : null}
      </form>
      {list.loading && !list.data ? <Loading what="webhooks" /> : null}
      {list.error ? <LoadError error={list.error} what="webhooks" /> : null}
      {list.data && list.data.webhooks.length === 0 ? <p className="notice muted">No webhooks yet.</p> : null}
      {list.data && list.data.webhooks.length > 0 ? (
        <div className="panel flush table-scroll">
          <table className="data rows" data-testid="webhook-list">
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Format</th>
                <th scope="col">Sends</th>
                <th scope="col" className="num">
                  Pending
                </th>
                <th scope="col" className="num">
                  Delivered
                </th>
                <th scope="col" className="num">
                  Dead
                </th>
                <th scope="col">Last error</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {list.data.webhooks.map((w) => (
                <tr key={w.id} data-testid="webhook-row" data-webhook-id={w.id}>
                  <td>
                    <code>{w.url}</code>
                    {w.description ? <div className="muted small">{w.description}</div> : null}
                  </td>
                  <td className="small" data-testid="webhook-row-format">
                    {formatLabel(w.format)}
                  </td>
                  <td className="small">
                    {w.minSeverity} and above{w.detectors.length ? `; ${w.detectors.join(', ')}` : '; every detector'}
                  </td>
                  <td className="num">{formatInt(w.deliveries.pending)}</td>
                  <td className="num">{formatInt(w.deliveries.delivered)}</td>
                  <td className={w.deliveries.dead > 0 ? 'num error-text' : 'num'}>{formatInt(w.deliveries.dead)}</td>
                  <td className="small">{w.deliveries.lastError ?? <span className="muted">—</span>}</td>
                  <td className="actions">
                    <button type="button" className="ghost small" onClick={() => void sendTest(w.id)} disabled={tests[w.id] === 'sending'} data-testid="webhook-test" aria-label={`Send a test message to ${w.url}`}>
                      Send test
                    </button>
                    <TestOutcome result={tests[w.id]} />
                    <button type="button" className="ghost small" onClick={() => void remove(w.id)} aria-label={`Delete the webhook to ${w.url}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** What the last "send test" of a row gave: delivered with the receiver's status, or why not. */
function TestOutcome({ result }: { result: WebhookTestResult | 'sending' | undefined }) {
  if (result === undefined) return null;
  if (result === 'sending') return <span className="muted small" data-testid="webhook-test-result">sending…</span>;
  return result.delivered ? (
    <span className="small ok-text" data-testid="webhook-test-result" role="status">
      delivered (HTTP {result.status})
    </span>
  ) : (
    <span className="small error-text" data-testid="webhook-test-result" role="status">
      not delivered: {result.error ?? `HTTP ${result.status}`}
    </span>
  );
}
