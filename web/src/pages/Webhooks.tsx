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
import type { Severity, WebhookCreated } from '@argus/api';

export function WebhooksPage() {
  useTitle('Notifications');
  const list = useAsync(() => api.webhooks(), 'webhooks');
  useInterval(list.reload, 10_000);
  const [url, setUrl] = useState('');
  const [minSeverity, setMinSeverity] = useState<Severity | ''>('high');
  const [detectors, setDetectors] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<WebhookCreated | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const names = detectors.split(/[\s,]+/).filter(Boolean);
      const made = await api.createWebhook({ url: url.trim(), ...(minSeverity ? { minSeverity } : {}), ...(names.length ? { detectors: names } : {}), ...(description.trim() ? { description: description.trim() } : {}) });
      setCreated(made);
      setUrl('');
      setDescription('');
      list.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
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
        <label className="field">
          <span>URL (public http or https; private and loopback addresses are refused)</span>
          <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://hooks.example.com/argus" spellCheck={false} className="mono" data-testid="webhook-url" />
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
          <button type="submit" className="primary" disabled={busy || !url.trim()} data-testid="webhook-create">
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
                  <td className="small">
                    {w.minSeverity} and above{w.detectors.length ? `; ${w.detectors.join(', ')}` : '; every detector'}
                  </td>
                  <td className="num">{formatInt(w.deliveries.pending)}</td>
                  <td className="num">{formatInt(w.deliveries.delivered)}</td>
                  <td className={w.deliveries.dead > 0 ? 'num error-text' : 'num'}>{formatInt(w.deliveries.dead)}</td>
                  <td className="small">{w.deliveries.lastError ?? <span className="muted">—</span>}</td>
                  <td>
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
