/**
 * Audit: paste or pick Solidity files, POST them to /audits, and read the report over the source.
 * `#/audit/<id>` shows a stored report (GET /audits/<id>); earlier audits are listed under the form.
 */
import { useRef, useState } from 'react';
import { api, isUnauthorized, keyPrompt, keyVersion, reportError } from '../api';
import { LoadError, Loading } from '../components/Notice';
import { SeverityCounts } from '../components/SeverityCounts';
import { FindingList, SourceView } from '../components/SourceView';
import { formatInt } from '../format';
import { useAsync, useTitle } from '../hooks';
import { navigate } from '../router';
import { useStore } from '../store';
import type { SourceFile } from '@argus/api';
import type { AuditResult } from '../types';

/**
 * Reports this tab submitted, with the sources it sent: a POST answer has no sources in it, and a
 * server that predates `files` in GET /audits/<id> can then still show the code.
 */
const submitted = new Map<string, AuditResult>();

const EXAMPLE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Vault {
    mapping(address => uint256) public balances;

    function deposit() external payable {
        balances[msg.sender] += msg.value;
    }

    function withdraw() external {
        uint256 amount = balances[msg.sender];
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok);
        balances[msg.sender] = 0;
    }
}
`;

export function AuditPage({ id }: { id?: string }) {
  useTitle(id ? 'Audit report' : 'Audit');
  return (
    <div className="page">
      <div className="page-head">
        <h1>Audit</h1>
        <p className="muted">Static analysis of Solidity sources: reentrancy, access control, unchecked calls and more.</p>
      </div>
      {id ? <StoredReport id={id} /> : <AuditForm />}
      <EarlierAudits current={id} />
    </div>
  );
}

function AuditForm() {
  const [text, setText] = useState('');
  const [name, setName] = useState('Contract.sol');
  const [picked, setPicked] = useState<SourceFile[]>([]);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const pick = async (list: FileList | null) => {
    if (!list) return;
    const read = await Promise.all([...list].map(async (f) => ({ path: f.name, content: await f.text() })));
    setPicked((cur) => [...cur.filter((c) => !read.some((r) => r.path === c.path)), ...read]);
    if (fileInput.current) fileInput.current.value = '';
  };

  const submit = async () => {
    const files = [...picked];
    if (text.trim()) files.push({ path: name.trim() || 'Contract.sol', content: text });
    if (files.length === 0) return;
    setBusy(true);
    try {
      const result = await api.audit(files);
      submitted.set(result.id, { ...result, files });
      navigate(`/audit/${result.id}`);
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="panel stack"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="row">
        <label className="field grow">
          <span>File name for the pasted source</span>
          <input value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} />
        </label>
        <label className="field">
          <span>Or pick .sol files</span>
          <input ref={fileInput} type="file" accept=".sol" multiple onChange={(e) => void pick(e.target.files)} />
        </label>
      </div>
      <label className="field">
        <span>Solidity source</span>
        <textarea
          className="code-input"
          rows={14}
          value={text}
          onChange={(e) => setText(e.target.value)}
          // One line, not a whole grey contract: an empty box must look empty.
          placeholder="Paste Solidity source here, or pick .sol files above (Load the example fills in a vulnerable vault)."

          spellCheck={false}
          data-testid="audit-input"
          data-search
        />
      </label>
      {picked.length > 0 ? (
        <ul className="picked" aria-label="Picked files">
          {picked.map((f) => (
            <li key={f.path}>
              <code>{f.path}</code> <span className="muted small">{formatInt(f.content.split('\n').length)} lines</span>
              <button type="button" className="ghost small" onClick={() => setPicked((cur) => cur.filter((c) => c.path !== f.path))} aria-label={`Remove ${f.path}`}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="row-end">
        <button type="button" className="ghost" onClick={() => setText(EXAMPLE)}>
          Load an example
        </button>
        <button type="submit" className="primary" disabled={busy || (!text.trim() && picked.length === 0)} data-testid="audit-submit">
          {busy ? 'Auditing…' : 'Audit'}
        </button>
      </div>
    </form>
  );
}

function StoredReport({ id }: { id: string }) {
  const result = useAsync(async () => {
    const mine = submitted.get(id);
    if (mine) return mine;
    return api.auditById(id);
  }, `audit:${id}`);
  if (result.loading) return <Loading what="the report" />;
  if (result.error || !result.data) return <LoadError error={result.error} what={`audit ${id}`} />;
  return (
    <>
      <p>
        <a href="#/audit" className="back">
          ← New audit
        </a>
      </p>
      <AuditReportView result={result.data} />
    </>
  );
}

function AuditReportView({ result }: { result: AuditResult }) {
  const { report } = result;
  const sources = new Map((result.files ?? []).map((f) => [f.path, f.content]));
  return (
    <section className="stack" data-testid="audit-report" aria-label="Audit report">
      <div className="panel">
        <div className="report-summary">
          <div>
            <div className="big num">{formatInt(report.summary.findings)}</div>
            <div className="muted small">findings</div>
          </div>
          <SeverityCounts counts={report.summary.bySeverity} />
          <div className="muted small">
            {report.summary.files} files · {formatInt(report.summary.lines)} lines · {Math.round(report.summary.millis)} ms
            {report.summary.failedToParse ? ` · ${report.summary.failedToParse} failed to parse` : ''}
          </div>
        </div>
      </div>
      {report.files.map((file) => {
        const content = sources.get(file.file);
        return (
          <div className="panel flush" key={file.file}>
            <header className="file-head">
              <code>{file.file}</code>
              <span className="muted small">
                {file.findings.length} findings{file.parsed ? '' : ' · did not parse'}
              </span>
            </header>
            {file.diagnostics.length > 0 ? (
              <ul className="diagnostics">
                {file.diagnostics.map((d, i) => (
                  <li key={i} className={d.severity === 'error' ? 'error-text' : 'muted'}>
                    {d.message}
                  </li>
                ))}
              </ul>
            ) : null}
            {content !== undefined ? (
              <SourceView content={content} findings={file.findings} />
            ) : file.findings.length > 0 ? (
              <div className="pad">
                <p className="muted small">The source of this report is not available; findings only.</p>
                <FindingList findings={file.findings} />
              </div>
            ) : (
              <p className="pad muted">No findings.</p>
            )}
          </div>
        );
      })}
    </section>
  );
}

function EarlierAudits({ current }: { current?: string }) {
  const version = useStore(keyVersion);
  // Keyed by the report shown (to pick up an audit submitted a moment ago) and by the key (to load once given).
  const list = useAsync(() => api.audits(), `audits:${current ?? ''}:${version}`);
  if (isUnauthorized(list.error)) {
    // Merely opening the page should not pop a dialog: offer the key prompt instead.
    return (
      <p className="notice muted">
        Earlier audits need the API key.{' '}
        <button type="button" className="ghost small" onClick={() => keyPrompt.set({ open: true, reason: 'Listing earlier audits needs an API key.' })}>
          Enter key
        </button>
      </p>
    );
  }
  if (list.error) return <LoadError error={list.error} what="earlier audits" />;
  if (list.loading && !list.data) return null;
  const audits = list.data?.audits ?? [];
  if (audits.length === 0) return null;
  return (
    <section className="panel">
      <h2 className="panel-title">Earlier audits</h2>
      <table className="data compact rows">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Files</th>
            <th scope="col" className="num">
              Findings
            </th>
            <th scope="col">By severity</th>
          </tr>
        </thead>
        <tbody>
          {audits.map((a) => (
            <tr key={a.id} className={a.id === current ? 'selected' : undefined}>
              <td>
                <a href={`#/audit/${a.id}`}>{new Date(a.createdAt).toLocaleString()}</a>
              </td>
              <td>
                <code className="small">{a.files.join(', ')}</code>
              </td>
              <td className="num">{a.findings}</td>
              <td>
                <SeverityCounts counts={a.bySeverity} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
