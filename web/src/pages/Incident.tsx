/** One incident: its kill chain, actors, transactions, findings and, for pool attacks, the reserves. */
import { Prose } from '../components/Evidence';
import { api, isUnavailable } from '../api';
import { Reserves } from '../charts/Reserves';
import { Hex } from '../components/Hex';
import { KillChain } from '../components/KillChain';
import { Loading, NotFound } from '../components/Notice';
import { SeverityBadge } from '../components/SeverityBadge';
import { TriagePanel } from '../components/Triage';
import { detectorName, isAddress, percent, tagValues } from '../format';
import { useAsync, useTitle } from '../hooks';
import type { IncidentDetail, StoredAlert } from '@argus/api';

/** Reserves are drawn from a little before the incident (the pool's normal) to a little after it. */
const BLOCKS_BEFORE = 30;
const BLOCKS_AFTER = 10;
const MAX_POOLS = 3;

/**
 * Role hints per address: the evidence key an address appears under (attacker, victim, remover…) and
 * the subject role the detector gave it. Keys that say nothing about a role are skipped.
 */
function roleHints(alerts: StoredAlert[]): Map<string, Set<string>> {
  const skip = new Set(['transaction', 'blockNumber', 'actors']);
  // Evidence keys that name a list of things rather than a role.
  const rename: Record<string, string> = { tokensMoved: 'token', wallets: 'ring wallet', from: 'sender', to: 'recipient' };
  const hints = new Map<string, Set<string>>();
  const add = (address: string, role: string) => {
    const key = address.toLowerCase();
    if (!hints.has(key)) hints.set(key, new Set());
    hints.get(key)?.add(role);
  };
  for (const a of alerts) {
    const s = a.finding.subject;
    if (s.kind === 'address' && s.role) add(s.address, s.role);
    for (const [k, v] of Object.entries(a.finding.evidence)) {
      if (skip.has(k)) continue;
      const role = rename[k] ?? k;
      if (isAddress(v)) add(v, role);
      else if (Array.isArray(v)) for (const x of v) if (isAddress(x)) add(x, role);
    }
  }
  return hints;
}

export function IncidentPage({ id }: { id: string }) {
  const detail = useAsync(() => api.incident(id), `incident:${id}`);
  useTitle(detail.data ? detail.data.incident.title : 'Incident');
  if (detail.loading) return <Loading what="the incident" />;
  if (detail.error || !detail.data) return <NotFound error={detail.error} what={`incident ${id}`} back="#/incidents" backLabel="Back to the incidents" />;
  return <IncidentView detail={detail.data} />;
}

function IncidentView({ detail }: { detail: IncidentDetail }) {
  const { incident, alerts } = detail;
  const hints = roleHints(alerts);
  const byBlock = [...alerts].sort((a, b) => a.blockNumber - b.blockNumber);
  const transactions = byBlock.filter((a) => a.txHash);
  const pools = [...new Set(alerts.map((a) => a.finding.evidence.pool).filter(isAddress).map((p) => p.toLowerCase()))].slice(0, MAX_POOLS);
  const from = Math.max(0, incident.firstBlock - BLOCKS_BEFORE);
  const to = incident.lastBlock + BLOCKS_AFTER;

  return (
    <article className="page" data-testid="incident-page">
      <div className="page-head">
        <a href="#/incidents" className="back">
          ← Incidents
        </a>
        <h1>
          <SeverityBadge severity={incident.severity} /> {incident.title}
        </h1>
        <p className="muted">
          Blocks <span className="num">{incident.firstBlock}</span>–<span className="num">{incident.lastBlock}</span> · {incident.alertCount} alerts · confidence{' '}
          {percent(incident.confidence, 0)} · chain {incident.chainId}
          {incident.kinds.length ? ` · ${incident.kinds.join(', ')}` : ''}
        </p>
      </div>

      <KillChain reached={incident.stages} />

      <TriagePanel kind="incident" id={incident.id} />

      {pools.map((pool) => (
        <ReservesPanel key={pool} pool={pool} from={from} to={to} marks={alerts.map((a) => a.blockNumber)} />
      ))}

      <div className="grid-2">
        <section className="panel">
          <h2 className="panel-title">Addresses involved</h2>
          <ul className="actors">
            {incident.actors.map((actor) => {
              const roles = [...(hints.get(actor.toLowerCase()) ?? [])];
              return (
                <li key={actor}>
                  <Hex value={actor} label="address" />
                  {roles.length ? <span className="roles">{roles.join(', ')}</span> : null}
                </li>
              );
            })}
          </ul>
        </section>

        <section className="panel">
          <h2 className="panel-title">Transactions</h2>
          {transactions.length === 0 ? <p className="muted">No transaction-level alerts.</p> : null}
          <table className="data compact">
            <tbody>
              {transactions.map((a) => (
                <tr key={a.id}>
                  <td className="num">#{a.blockNumber}</td>
                  <td>{a.txHash ? <Hex value={a.txHash} label="transaction hash" /> : null}</td>
                  <td>
                    {tagValues(a.finding.tags, 'stage').map((s) => (
                      <span key={s} className={`tag stage-tag stage-${s}`}>
                        {s}
                      </span>
                    ))}
                  </td>
                  <td>
                    <a href={`#/alerts/${a.id}`}>{detectorName(a.finding.detector)}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <section className="panel">
        <h2 className="panel-title">Findings, in block order</h2>
        <ol className="findings">
          {byBlock.map((a) => (
            <li key={a.id} className={`finding edge-${a.finding.severity}${a.retractedAt ? ' retracted' : ''}`}>
              <div className="finding-head">
                <SeverityBadge severity={a.finding.severity} />
                <a href={`#/alerts/${a.id}`} className="title">
                  {a.finding.title}
                </a>
                <span className="muted small">
                  {detectorName(a.finding.detector)} · block <span className="num">{a.blockNumber}</span>
                </span>
              </div>
              <p>
                <Prose text={a.finding.explanation} chainId={a.chainId} evidence={a.finding.evidence} />
              </p>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function ReservesPanel({ pool, from, to, marks }: { pool: string; from: number; to: number; marks: number[] }) {
  const reserves = useAsync(() => api.reserves(pool, from, to), `reserves:${pool}:${from}:${to}`);
  return (
    <section className="panel">
      <h2 className="panel-title">
        Reserves of pool <Hex value={pool} label="pool address" />
      </h2>
      {reserves.loading ? <div className="chart-placeholder tall" /> : null}
      {reserves.error ? (
        <p className="notice muted">
          {isUnavailable(reserves.error) ? 'Reserve history is not available here' : 'Could not load the reserves'}: {reserves.error instanceof Error ? reserves.error.message : ''}
        </p>
      ) : null}
      {reserves.data && reserves.data.points.length === 0 ? <p className="notice muted">No reserve changes in blocks {from}–{to}.</p> : null}
      {reserves.data && reserves.data.points.length > 0 ? <Reserves data={reserves.data} from={from} to={to} marks={marks} /> : null}
    </section>
  );
}
