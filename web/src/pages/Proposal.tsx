/** A DAO proposal's report (`#/proposals/<governor>/<id>`): verdict, reasons, calls, events, storage, votes. */
import { useEffect, useState } from 'react';
import { api } from '../api';

interface Finding {
  detector: string;
  title: string;
  severity: string;
  explanation: string;
}

interface ProposalReport {
  governorKind: string;
  governor: string;
  proposalId: string;
  proposer: string | null;
  description: string;
  stateAtStart: string;
  verdict: 'critical' | 'warning' | 'info';
  findings: Finding[];
  calls: Array<{ target: string; value: string; function: string | null; args: string[] }>;
  events: Array<{ address: string; name: string | null; args: Record<string, string> }>;
  storageChanges: Array<{ address: string; slot: string; before: string; after: string }>;
  ethRequired: string;
  passedOnFork: boolean;
  executedOnFork: boolean;
  voteCapture?: { borrowable: string; countedWeight: string | null; sources: Array<{ address: string; kind: string; amount: string }>; executedWithBorrowed: { selector: string; block: string } | null; deadline: string } | null;
  instantPath?: { selector: string; block: string } | null;
  replay?: Array<{ contract: string; asset: string; before: string; after: string; holding: string; txs: number; revertedBefore: number; revertedAfter: number }>;
  proposerHistory: { earlier: Array<{ id: string; state: string }>; votesAtProposal: string; votesWindowBefore: string; firstPowerBlock: string | null } | null;
  seconds: number;
}

export function ProposalPage({ governor, id }: { governor: string; id: string }) {
  const [report, setReport] = useState<ProposalReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.proposal<ProposalReport>(governor, id).then((r) => live && setReport(r), (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [governor, id]);
  if (error) return <div className="page"><h1>Proposal {id}</h1><p className="error" role="alert">{error}</p></div>;
  if (!report) return <div className="page"><h1>Proposal {id}</h1><p className="muted" data-testid="proposal-loading">Simulating the proposal on a fork (vote, timelock, execution)…</p></div>;
  return (
    <div className="page" data-testid="proposal-report">
      <h1>Proposal {report.proposalId}</h1>
      <p className="muted">{report.governorKind === 'bravo' ? 'GovernorBravo' : 'OpenZeppelin Governor'} {report.governor} · {report.stateAtStart} at start · proposer {report.proposer ?? 'unknown'}</p>
      <p>{report.description}</p>
      <p>
        Verdict: <strong data-testid="proposal-verdict" className={`sev-${report.verdict}`}>{report.verdict.toUpperCase()}</strong> · passed on the fork: {String(report.passedOnFork)} · executed: {String(report.executedOnFork)} · ETH required {report.ethRequired} · {report.seconds} s
      </p>
      <h2>Findings</h2>
      <ul data-testid="proposal-findings">
        {report.findings.map((f, i) => (
          <li key={i}><strong>{f.severity}</strong> {f.title}<br /><span className="muted">{f.explanation}</span></li>
        ))}
      </ul>
      <h2>Calls</h2>
      <table><tbody>{report.calls.map((c, i) => <tr key={i}><td><code>{c.target}</code></td><td>{c.function ?? '(plain transfer)'}({c.args.join(', ')})</td><td>{c.value !== '0' ? `${c.value} wei` : ''}</td></tr>)}</tbody></table>
      <h2>Events</h2>
      <table><tbody>{report.events.map((e, i) => <tr key={i}><td><code>{e.address}</code></td><td>{e.name ?? '(unknown)'}</td><td>{Object.entries(e.args).map(([k, v]) => `${k}=${v}`).join(' ')}</td></tr>)}</tbody></table>
      <h2>Storage changes</h2>
      <table><tbody>{report.storageChanges.map((s, i) => <tr key={i}><td><code>{s.address}</code></td><td><code>{s.slot}</code></td><td><code>{s.before}</code> → <code>{s.after}</code></td></tr>)}</tbody></table>
      {report.voteCapture && report.voteCapture.sources.length > 0 && (
        <>
          <h2>Borrowed voting power</h2>
          <p data-testid="proposal-capture">
            {report.voteCapture.sources.length} flash-loan source(s) lend {report.voteCapture.borrowable} (base units) of the voting token; the governor counted {report.voteCapture.countedWeight ?? 'n/a'} for it.
            {report.voteCapture.executedWithBorrowed ? ` With it, ${report.voteCapture.executedWithBorrowed.selector} executed the proposal at block ${report.voteCapture.executedWithBorrowed.block}, before its vote ends at block ${report.voteCapture.deadline}.` : ' It could not execute the proposal before its vote ends.'}
          </p>
        </>
      )}
      {report.instantPath && <p data-testid="proposal-instant">Executable before its vote ends through {report.instantPath.selector} (block {report.instantPath.block}).</p>}
      {report.replay && report.replay.length > 0 && (
        <>
          <h2>Users' recent transactions, replayed</h2>
          <table data-testid="proposal-replay"><tbody>{report.replay.map((r, i) => <tr key={i}><td><code>{r.contract}</code></td><td><code>{r.asset}</code></td><td>{r.txs} tx: {r.before} before → {r.after} after</td><td>{r.revertedAfter > r.revertedBefore ? `${r.revertedAfter - r.revertedBefore} now revert` : ''}</td></tr>)}</tbody></table>
        </>
      )}
      {report.proposerHistory && (
        <>
          <h2>Proposer</h2>
          <p>{report.proposerHistory.earlier.length} earlier proposal(s); votes when proposing {report.proposerHistory.votesAtProposal}, one voting cycle before {report.proposerHistory.votesWindowBefore}{report.proposerHistory.firstPowerBlock ? `; first voting power at block ${report.proposerHistory.firstPowerBlock}` : ''}.</p>
        </>
      )}
    </div>
  );
}
