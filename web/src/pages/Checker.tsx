/** Phishing checks: a URL or host (offline, never fetched) and a social-media post. */
import { useState } from 'react';
import { api, reportError } from '../api';
import { Hex } from '../components/Hex';
import { useTitle } from '../hooks';
import type { DomainVerdict, PostVerdict, Reason, Verdict } from '@argus/api';

const VERDICT_COLOURS: Record<Verdict, string> = {
  malicious: '#ff4d4f',
  suspicious: '#ff8c1a',
  benign: '#3ecf8e',
  unknown: '#8b95a5',
};

function VerdictBadge({ verdict, score }: { verdict: Verdict; score: number }) {
  return (
    <div className="verdict" style={{ borderColor: VERDICT_COLOURS[verdict] }}>
      <span className="verdict-label" style={{ color: VERDICT_COLOURS[verdict] }}>
        {verdict}
      </span>
      <span className="num big">{score}</span>
      <span className="muted small">/ 100</span>
    </div>
  );
}

function Reasons({ reasons }: { reasons: Reason[] }) {
  if (reasons.length === 0) return <p className="muted">No warning signs.</p>;
  return (
    <ul className="reasons">
      {reasons.map((r, i) => (
        <li key={i}>
          <span className="points num">+{r.points}</span>
          <span>
            <span className="tag">{r.code}</span> {r.reason}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function CheckerPage() {
  useTitle('Check');
  return (
    <div className="page">
      <div className="page-head">
        <h1>Check a link or a post</h1>
        <p className="muted">Phishing lookalikes, drainer kits, scam posts. Links are judged by name only and never visited.</p>
      </div>
      <div className="grid-2 top">
        <UrlChecker />
        <PostChecker />
      </div>
    </div>
  );
}

function UrlChecker() {
  const [input, setInput] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DomainVerdict | null>(null);
  return (
    <section className="panel stack">
      <h2 className="panel-title">URL</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!input.trim()) return;
          setBusy(true);
          api
            .checkUrl(input.trim())
            .then(setResult, reportError)
            .finally(() => setBusy(false));
        }}
      >
        <label className="field grow">
          <span className="sr-only">URL or host</span>
          <input value={input} onChange={(e) => setInput(e.target.value)} placeholder="https://uniswap-claim.app/airdrop" spellCheck={false} data-testid="url-input" data-search />
        </label>
        <button type="submit" className="primary" disabled={busy || !input.trim()} data-testid="url-submit">
          {busy ? 'Checking…' : 'Check'}
        </button>
      </form>
      {result ? (
        <div className="result" data-testid="url-result" data-verdict={result.verdict}>
          <VerdictBadge verdict={result.verdict} score={result.score} />
          <p className="small">
            <code>{result.unicode ?? result.host ?? result.input}</code>
            {result.registrable && result.registrable !== result.host ? <span className="muted"> · registrable {result.registrable}</span> : null}
            {result.imitates ? <span className="warn-text"> · imitates {result.imitates}</span> : null}
          </p>
          {result.error ? <p className="error-text">{result.error}</p> : null}
          <Reasons reasons={result.reasons} />
        </div>
      ) : null}
    </section>
  );
}

function PostChecker() {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PostVerdict | null>(null);
  // The model's probability is carried in the post finding's evidence.
  const probability = result?.findings.map((f) => f.evidence.modelProbability).find((p): p is number => typeof p === 'number');
  return (
    <section className="panel stack">
      <h2 className="panel-title">Post</h2>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) return;
          setBusy(true);
          api
            .checkPost(text)
            .then(setResult, reportError)
            .finally(() => setBusy(false));
        }}
      >
        <label className="field">
          <span className="sr-only">Post text</span>
          <textarea rows={6} value={text} onChange={(e) => setText(e.target.value)} placeholder="Paste a tweet, a Discord or Telegram message…" data-testid="post-input" />
        </label>
        <div className="row-end">
          <button type="submit" className="primary" disabled={busy || !text.trim()} data-testid="post-submit">
            {busy ? 'Checking…' : 'Check post'}
          </button>
        </div>
      </form>
      {result ? (
        <div className="result" data-testid="post-result" data-verdict={result.verdict}>
          <VerdictBadge verdict={result.verdict} score={result.score} />
          {probability !== undefined ? (
            <p className="small">
              Scam probability (text model): <strong className="num">{(probability * 100).toFixed(0)} %</strong>
            </p>
          ) : null}
          <Reasons reasons={result.reasons} />
          {result.links.length ? (
            <>
              <h3 className="sub">Links</h3>
              <table className="data compact">
                <tbody>
                  {result.links.map((l, i) => (
                    <tr key={i}>
                      <td>
                        <code>{l.unicode ?? l.host ?? l.input}</code>
                      </td>
                      <td style={{ color: VERDICT_COLOURS[l.verdict] }}>{l.verdict}</td>
                      <td className="num">{l.score}</td>
                      <td className="muted small">{l.imitates ? `imitates ${l.imitates}` : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          {result.addresses.length ? (
            <>
              <h3 className="sub">Addresses</h3>
              <ul className="plain">
                {result.addresses.map((a) => (
                  <li key={a.address}>
                    <Hex value={a.address} label="address" /> {a.listed ? <span className="tag danger">listed: {a.listed}</span> : <span className="muted small">not on a list</span>}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
