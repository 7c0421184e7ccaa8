/**
 * Token check: by address (on the server's chain, with a simulated buy and sell) or from pasted source.
 * The on-chain check takes a second or two, so the button shows progress and can be cancelled.
 */
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, reportError } from '../api';
import { Hex } from '../components/Hex';
import { compact, formatInt, isAddress, percent } from '../format';
import { useTitle } from '../hooks';
import type { TokenReport, Tri } from '@argus/api';

type Mode = 'address' | 'source';

/** Verdict bands of the 0..100 risk score, the same cut-offs as `argus token` (70 and 30). */
function verdict(score: number): { label: string; colour: string } {
  if (score >= 70) return { label: 'high risk', colour: '#ff4d4f' };
  if (score >= 30) return { label: 'caution', colour: '#f5c518' };
  return { label: 'low risk', colour: '#3ecf8e' };
}

export function TokenPage({ prefill }: { prefill: string }) {
  useTitle('Token check');
  const [mode, setMode] = useState<Mode>('address');
  const [address, setAddress] = useState(prefill);
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState(0);
  const [report, setReport] = useState<TokenReport | null>(null);
  // A check that could not be made: shown in place of a report, never as a low score (fail closed).
  const [failure, setFailure] = useState<{ message: string; code: string } | null>(null);
  const abort = useRef<AbortController | null>(null);

  const run = async (input: { address: string } | { source: string }) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setBusy(true);
    setStarted(Date.now());
    // The previous report goes at once: it must never stand beside an input it was not made from.
    setReport(null);
    setFailure(null);
    try {
      setReport(await api.checkToken(input, controller.signal));
    } catch (error) {
      if (!controller.signal.aborted) {
        setFailure({ message: error instanceof Error ? error.message : String(error), code: error instanceof ApiError ? error.code : '' });
        if (!(error instanceof ApiError && error.status === 400)) reportError(error);
      }
    } finally {
      if (abort.current === controller) setBusy(false);
    }
  };

  // A link from an alert ("check this token") starts the check straight away.
  useEffect(() => {
    setAddress(prefill);
    if (isAddress(prefill)) void run({ address: prefill });
    return () => abort.current?.abort();
  }, [prefill]);

  const addressValid = isAddress(address.trim());
  return (
    <div className="page">
      <div className="page-head">
        <h1>Token check</h1>
        <p className="muted">Honeypot, hidden mint, blacklist, taxes and ownership tricks, with the evidence for each.</p>
      </div>
      <form
        className="panel stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (mode === 'address' && addressValid) void run({ address: address.trim() });
          if (mode === 'source' && source.trim()) void run({ source });
        }}
      >
        <div className="tabs" role="radiogroup" aria-label="Check by">
          {(['address', 'source'] as const).map((m) => (
            <label key={m} className={mode === m ? 'tab on' : 'tab'}>
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {m === 'address' ? 'By address' : 'From Solidity source'}
            </label>
          ))}
        </div>
        {mode === 'address' ? (
          <label className="field">
            <span>Token address</span>
            <input
              value={address}
              onChange={(e) => {
                setAddress(e.target.value);
                // Another address: the report on screen is no longer about what the box says.
                setReport(null);
                setFailure(null);
              }}
              placeholder="0x…"
              spellCheck={false}
              className="mono"
              data-testid="token-input"
              data-search
              aria-invalid={address.trim() !== '' && !addressValid}
            />
            {address.trim() !== '' && !addressValid ? (
              <span className="error-text small" data-testid="token-address-invalid">
                Not a token address: 0x and 40 hex characters.
              </span>
            ) : null}
          </label>
        ) : (
          <label className="field">
            <span>Verified source of the token</span>
            <textarea
              className="code-input"
              rows={12}
              value={source}
              placeholder="pragma solidity …  (paste the token's verified source)"
              onChange={(e) => {
                setSource(e.target.value);
                setReport(null);
                setFailure(null);
              }}
              spellCheck={false}
              data-search
              data-testid="token-source"
            />
          </label>
        )}
        <div className="row-end">
          {busy ? <Progress started={started} /> : null}
          {busy ? (
            <button type="button" className="ghost" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          ) : null}
          <button type="submit" className="primary" disabled={busy || (mode === 'address' ? !addressValid : !source.trim())} data-testid="token-submit">
            {busy ? 'Checking…' : 'Check token'}
          </button>
        </div>
      </form>
      {failure ? (
        <section className="panel fail-closed" role="alert" data-testid="token-error" data-code={failure.code}>
          <h2>Could not be analysed</h2>
          <p>
            No risk score: Argus could not analyse this token, so it says nothing about whether it is safe. {failure.message}
            {failure.code ? <span className="muted"> ({failure.code})</span> : null}
          </p>
        </section>
      ) : null}
      {report ? <TokenReportView report={report} /> : null}
    </div>
  );
}

/** Elapsed seconds, so a slow check visibly progresses instead of looking stuck. */
function Progress({ started }: { started: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 100);
    return () => window.clearInterval(t);
  }, []);
  return (
    <span className="muted small" role="status">
      <span className="spinner" aria-hidden="true" /> simulating trades and reading the chain… {((now - started) / 1000).toFixed(1)} s
    </span>
  );
}

function TriValue({ value }: { value: Tri }) {
  if (value === null) return <span className="tri unknown">unknown</span>;
  return value ? <span className="tri yes">yes</span> : <span className="tri no">no</span>;
}

function Gauge({ score }: { score: number }) {
  const v = verdict(score);
  // A 240° arc: long enough to read at a glance, open at the bottom for the number.
  const r = 52;
  const c = 2 * Math.PI * r;
  const arc = (c * 240) / 360;
  const filled = (arc * Math.max(0, Math.min(100, score))) / 100;
  return (
    <div className="gauge" data-testid="risk-score" data-score={score}>
      <svg width={140} height={124} viewBox="0 0 140 124" role="img" aria-label={`Risk score ${score} of 100: ${v.label}`}>
        <g transform="rotate(150 70 70)">
          <circle cx={70} cy={70} r={r} fill="none" stroke="#1f2936" strokeWidth={12} strokeDasharray={`${arc} ${c}`} strokeLinecap="round" />
          {filled > 0 ? <circle cx={70} cy={70} r={r} fill="none" stroke={v.colour} strokeWidth={12} strokeDasharray={`${filled} ${c}`} strokeLinecap="round" /> : null}
        </g>
        <text x={70} y={78} textAnchor="middle" className="gauge-number" fill={v.colour}>
          {score}
        </text>
        <text x={70} y={100} textAnchor="middle" className="axis">
          of 100
        </text>
      </svg>
      <div className="gauge-verdict" style={{ color: v.colour }}>
        {v.label}
      </div>
    </div>
  );
}

function TokenReportView({ report }: { report: TokenReport }) {
  const flags = Object.entries(report.flags);
  // Raised flags first: they are what the score is made of.
  flags.sort(([, a], [, b]) => Number(b.value === true) - Number(a.value === true));
  const sim = report.simulation;
  const market = report.market;
  return (
    <section className="stack" data-testid="token-report" aria-label="Token report">
      <div className="panel token-head">
        <Gauge score={report.riskScore} />
        <div className="grow">
          <h2>
            {report.name ?? 'Unnamed token'} {report.symbol ? <span className="muted">({report.symbol})</span> : null}
          </h2>
          <p className="muted small">
            {report.address ? <Hex value={report.address} label="token address" /> : 'checked from source'}
            {report.chainId !== null ? ` · chain ${report.chainId}` : ''} · {Math.round(report.elapsedMs)} ms
          </p>
          <h3 className="sub">Why this score</h3>
          {report.reasons.length === 0 ? <p className="muted">No sign of risk found.</p> : null}
          <ul className="reasons">
            {report.reasons.map((r, i) => (
              <li key={i}>
                <span className="points num">+{r.points}</span>
                <span>{r.reason}</span>
              </li>
            ))}
          </ul>
          {report.reasons.length > 1 ? <HowPointsCombine points={report.reasons.map((r) => r.points)} score={report.riskScore} /> : null}
          {report.notes.length ? (
            <ul className="notes muted small">
              {report.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>

      <div className="grid-2">
        <section className="panel">
          <h2 className="panel-title">Simulated trades</h2>
          {sim ? (
            <dl className="facts">
              <dt>Honeypot</dt>
              <dd>
                <TriValue value={sim.is_honeypot} />
              </dd>
              <dt>Cannot sell all</dt>
              <dd>
                <TriValue value={sim.cannot_sell_all} />
              </dd>
              <dt>Buy tax</dt>
              <dd className="num">{percent(sim.buyTax)}</dd>
              <dt>Sell tax</dt>
              <dd className="num">{percent(sim.sellTax)}</dd>
              <dt>Transfer tax</dt>
              <dd className="num">{percent(sim.transferTax)}</dd>
              <dt>Buy / sell gas</dt>
              <dd className="num">
                {sim.buyGas !== null ? formatInt(sim.buyGas) : '—'} / {sim.sellGas !== null ? formatInt(sim.sellGas) : '—'}
              </dd>
              <dt>Pool</dt>
              <dd>{sim.pool ? <Hex value={sim.pool} label="pool" /> : '—'}</dd>
              {sim.errors.length ? (
                <>
                  <dt>Errors</dt>
                  <dd>
                    <ul className="plain">
                      {sim.errors.map((e, i) => (
                        <li key={i} className="error-text small">
                          {e}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
            </dl>
          ) : (
            <p className="muted">Not simulated (needs the token's address on a chain the server reads).</p>
          )}
        </section>
        <section className="panel">
          <h2 className="panel-title">Market signals</h2>
          {market ? (
            <dl className="facts">
              <dt>Liquidity</dt>
              <dd className="num">{market.liquidityEth !== null ? `${compact(market.liquidityEth)} ETH` : '—'}</dd>
              <dt>LP held by creator</dt>
              <dd className="num">{percent(market.lpCreatorShare)}</dd>
              <dt>LP burned / locked</dt>
              <dd className="num">
                {percent(market.lpBurnedShare)} / {percent(market.lpLockedShare)}
              </dd>
              <dt>Top 10 holders</dt>
              <dd className="num">{percent(market.top10HolderShare)}</dd>
              <dt>Creator holds</dt>
              <dd className="num">{percent(market.creatorShare)}</dd>
              <dt>Pool age</dt>
              <dd className="num">{market.poolAgeBlocks !== null ? `${formatInt(market.poolAgeBlocks)} blocks` : '—'}</dd>
              <dt>Creator</dt>
              <dd>{market.creator ? <Hex value={market.creator} label="creator" /> : '—'}</dd>
              <dt>Creator's other tokens / earlier rugs</dt>
              <dd className="num">
                {market.creatorOtherTokens ?? '—'} / {market.creatorEarlierRugs ?? '—'}
              </dd>
            </dl>
          ) : (
            <p className="muted">No market signals (offline check).</p>
          )}
          {report.rugScore ? (
            <p className="small">
              Pre-rug model: <strong className="num" data-testid="rug-probability">{probabilityText(report.rugScore.probability)}</strong> probability of a rug pull
              {report.rugScore.drivers.length ? ` (driven by ${report.rugScore.drivers.map((d) => d.feature).join(', ')})` : ''}.
            </p>
          ) : null}
        </section>
      </div>

      <section className="panel flush">
        <h2 className="panel-title pad">Flags</h2>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Flag</th>
              <th scope="col">Value</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {flags.map(([name, flag]) => (
              <tr key={name} className={flag.value === true ? 'hl' : undefined}>
                <td>
                  <code>{name}</code>
                </td>
                <td>
                  <TriValue value={flag.value} />
                </td>
                <td>
                  {flag.evidence.length === 0 ? <span className="muted">—</span> : null}
                  <ul className="plain">
                    {flag.evidence.map((e, i) => (
                      <li key={i} className="small">
                        <span className="tag">{e.from}</span> {e.detail}
                        {e.signature ? (
                          <>
                            {' '}
                            <code>{e.signature}</code>
                          </>
                        ) : null}
                        {e.file ? (
                          <span className="muted">
                            {' '}
                            ({e.file}
                            {e.line ? `:${e.line}` : ''})
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/**
 * Why the points do not add up to the score: each reason takes its share of the safety the others left,
 * score = 100 × (1 − Π (1 − points/100)), so 60 and 50 points make 80, not 110 (src/token/report.ts).
 */
function HowPointsCombine({ points, score }: { points: number[]; score: number }) {
  const sum = points.reduce((a, b) => a + b, 0);
  const left = points.map((p) => `${100 - p} %`).join(' × ');
  return (
    <p className="muted small" data-testid="points-combine">
      The points ({sum} in all) do not add up: each reason takes its share of the safety the others left, so the score is 100 × (1 − {left}) ={' '}
      {score}.
    </p>
  );
}

/** A probability to one decimal that never reads 100 % (or 0 %) unless it is exactly that. */
function probabilityText(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p >= 1) return '100 %';
  if (p <= 0) return '0 %';
  if (p > 0.999) return '>99.9 %';
  if (p < 0.001) return '<0.1 %';
  return `${(p * 100).toFixed(1)} %`;
}
