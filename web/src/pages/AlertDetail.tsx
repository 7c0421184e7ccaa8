/** One alert: the finding in full, its evidence, its incident, and for baseline anomalies the chart. */
import { api, ApiError, isUnavailable } from '../api';
import { Baseline, type Departure } from '../charts/Baseline';
import { EvidenceTable, Prose } from '../components/Evidence';
import { Hex } from '../components/Hex';
import { Loading, NotFound } from '../components/Notice';
import { TriagePanel } from '../components/Triage';
import { SeverityBadge } from '../components/SeverityBadge';
import { compact, detectorName, isAddress, percent } from '../format';
import { useAsync, useTitle } from '../hooks';
import type { IncidentSummary, StoredAlert } from '@argus/api';

// The order of the baseline model's feature row (src/monitor/baseline/features.ts), for labelling
// `evidence.features` when it arrives as a bare array.
const BASELINE_FEATURES = ['historyLength', 'ethValueZ', 'tokenAmountZ', 'balanceShareMoved', 'newRecipient', 'foreignOutflows', 'poolReserveChange', 'contractCreation'];

/** The incident holding this alert, or null when it is in none (the server answers 404). */
async function findIncident(alert: StoredAlert): Promise<IncidentSummary | null> {
  try {
    return (await api.alertIncident(alert.id)).incident;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function AlertDetailPage({ id }: { id: string }) {
  const alert = useAsync(() => api.alert(id), `alert:${id}`);
  useTitle(alert.data ? alert.data.finding.title : 'Alert');
  if (alert.loading) return <Loading what="the alert" />;
  if (alert.error || !alert.data) return <NotFound error={alert.error} what={`alert ${id}`} back="#/" backLabel="Back to the alerts" />;
  return <AlertView alert={alert.data} />;
}

function AlertView({ alert }: { alert: StoredAlert }) {
  const f = alert.finding;
  const incident = useAsync(() => findIncident(alert), `incident-of:${alert.id}`);
  const token = typeof f.evidence.token === 'string' && isAddress(f.evidence.token) ? f.evidence.token : null;
  const subject = f.subject;

  return (
    <article className="page" data-testid="alert-detail">
      <div className="page-head">
        <a href="#/" className="back">
          ← Alerts
        </a>
        <h1>
          <SeverityBadge severity={f.severity} /> {f.title}
        </h1>
        {alert.retractedAt ? (
          <p className="banner warn">
            Retracted {alert.retractedAt}: {alert.retractReason ?? 'reorg'}
          </p>
        ) : null}
      </div>

      <div className="grid-2">
        <section className="panel">
          <h2 className="panel-title">Finding</h2>
          <p className="lead" data-testid="explanation">
            <Prose text={f.explanation} chainId={alert.chainId} evidence={f.evidence} />
          </p>
          {f.recommendation ? (
            <div className="recommendation">
              <strong>Recommendation.</strong> {f.recommendation}
            </div>
          ) : null}
          <ul className="tags" aria-label="Tags">
            {f.tags.map((t) => (
              <li key={t} className="tag">
                {t}
              </li>
            ))}
          </ul>
        </section>

        <section className="panel">
          <h2 className="panel-title">Facts</h2>
          <dl className="facts">
            <dt>Detector</dt>
            <dd>
              <code>{f.detector}</code>
            </dd>
            <dt>Severity</dt>
            <dd>{f.severity}</dd>
            <dt>Confidence</dt>
            <dd className="num">{percent(f.confidence, 0)}</dd>
            <dt>Block</dt>
            <dd className="num">
              {alert.blockNumber} <span className="muted">(chain {alert.chainId})</span>
            </dd>
            {alert.txHash ? (
              <>
                <dt>Transaction</dt>
                <dd>
                  <Hex chainId={alert.chainId} value={alert.txHash} label="transaction hash" />
                </dd>
              </>
            ) : null}
            <dt>Subject</dt>
            <dd>
              {subject.kind === 'address' ? (
                <>
                  <Hex chainId={alert.chainId} value={subject.address} label="address" /> {subject.role ? <span className="muted">({subject.role})</span> : null}
                </>
              ) : subject.kind === 'transaction' ? (
                <>
                  transaction <Hex chainId={alert.chainId} value={subject.hash} label="transaction hash" />
                </>
              ) : (
                <code>{JSON.stringify(subject)}</code>
              )}
            </dd>
            <dt>Raised</dt>
            <dd>
              <time dateTime={alert.createdAt}>{new Date(alert.createdAt).toLocaleString()}</time>
            </dd>
            <dt>Incident</dt>
            <dd>
              {incident.loading ? (
                <span className="muted">looking…</span>
              ) : incident.data ? (
                <a href={`#/incidents/${encodeURIComponent(incident.data.id)}`}>{incident.data.title}</a>
              ) : (
                <span className="muted">{incident.error && !isUnavailable(incident.error) ? 'could not be looked up' : 'none'}</span>
              )}
            </dd>
          </dl>
          {token ? (
            <p>
              <a className="button" href={`#/token?address=${token}`}>
                Check this token →
              </a>
            </p>
          ) : null}
        </section>
      </div>

      <TriagePanel kind="alert" id={alert.id} />

      {f.detector === 'monitor/baseline-anomaly' ? <BaselineSection evidence={f.evidence} /> : null}

      <section className="panel">
        <h2 className="panel-title">Evidence</h2>
        <EvidenceTable evidence={f.evidence} chainId={alert.chainId} />
      </section>
      <p className="muted small">
        Alert <code>{alert.id}</code> · {detectorName(f.detector)} · block hash <Hex chainId={alert.chainId} value={alert.blockHash} label="block hash" />
      </p>
    </article>
  );
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function BaselineSection({ evidence }: { evidence: Record<string, unknown> }) {
  const departures: Departure[] = Array.isArray(evidence.departures)
    ? (evidence.departures as unknown[]).filter((d): d is Departure => typeof d === 'object' && d !== null && typeof (d as Departure).feature === 'string')
    : [];
  const features = evidence.features;
  const featureRows: Array<[string, number]> = Array.isArray(features)
    ? features.map((v, i) => [BASELINE_FEATURES[i] ?? `feature ${i}`, Number(v)])
    : features && typeof features === 'object'
      ? Object.entries(features as Record<string, unknown>).map(([k, v]) => [k, Number(v)])
      : [];
  const departed = new Set(departures.map((d) => d.feature));
  const history = num(evidence.senderHistory);
  const meanEth = num(evidence.senderMeanEth);

  return (
    <section className="panel">
      <h2 className="panel-title">This transaction against the learned baseline</h2>
      <p className="muted small">
        Sender history: {history ?? '—'} earlier transactions{meanEth !== null ? `, mean ${compact(meanEth)} ETH` : ''}. Bars show this transaction's value for each
        feature that departed from normal; the band is the normal range seen in training, the tick the typical value.
      </p>
      <Baseline departures={departures} score={num(evidence.score)} threshold={num(evidence.threshold)} />
      {featureRows.length > 0 ? (
        <details className="features">
          <summary>The full feature row</summary>
          <table className="data compact">
            <thead>
              <tr>
                <th scope="col">Feature</th>
                <th scope="col" className="num">
                  Value
                </th>
              </tr>
            </thead>
            <tbody>
              {featureRows.map(([name, value]) => (
                <tr key={name} className={departed.has(name) ? 'hl' : undefined}>
                  <td>{name}</td>
                  <td className="num">{compact(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}
