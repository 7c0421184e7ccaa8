/**
 * A source file with line numbers, flagged lines tinted by their most severe finding, and each finding
 * shown inline right under the last line it covers, where the reader's eyes already are.
 */
import { Fragment } from 'react';
import { detectorName, SEVERITIES_DESC } from '../format';
import type { Finding, Severity, SourceRange } from '@argus/api';
import { SeverityBadge } from './SeverityBadge';

type SourceFinding = Finding & { subject: SourceRange };

function isSourceFinding(f: Finding): f is SourceFinding {
  return f.subject.kind === 'source';
}

function worst(a: Severity | undefined, b: Severity): Severity {
  if (!a) return b;
  return SEVERITIES_DESC.indexOf(a) <= SEVERITIES_DESC.indexOf(b) ? a : b;
}

export function SourceView({ content, findings }: { content: string; findings: Finding[] }) {
  const lines = content.replace(/\r\n?/g, '\n').split('\n');
  const located = findings.filter(isSourceFinding);
  const lineSeverity = new Map<number, Severity>();
  const endingAt = new Map<number, SourceFinding[]>();
  for (const f of located) {
    const end = Math.min(Math.max(f.subject.endLine, f.subject.startLine), lines.length);
    for (let l = f.subject.startLine; l <= end; l++) lineSeverity.set(l, worst(lineSeverity.get(l), f.severity));
    endingAt.set(end, [...(endingAt.get(end) ?? []), f]);
  }
  return (
    <div className="source" role="region" aria-label="Source with findings">
      {lines.map((text, i) => {
        const n = i + 1;
        const sev = lineSeverity.get(n);
        const here = endingAt.get(n) ?? [];
        return (
          <Fragment key={n}>
            <div className={sev ? `src-line flagged sev-bg-${sev}` : 'src-line'} {...(sev ? { 'data-testid': 'flagged-line', 'data-severity': sev, 'data-line': n } : {})}>
              <span className="ln" aria-hidden="true">
                {n}
              </span>
              <code>{text || ' '}</code>
            </div>
            {here.map((f, k) => (
              <InlineFinding key={k} finding={f} />
            ))}
          </Fragment>
        );
      })}
    </div>
  );
}

function InlineFinding({ finding: f }: { finding: SourceFinding }) {
  const where = f.subject.startLine === f.subject.endLine ? `line ${f.subject.startLine}` : `lines ${f.subject.startLine}–${f.subject.endLine}`;
  return (
    <aside className={`inline-finding edge-${f.severity}`} aria-label={`${f.severity} finding at ${where}: ${f.title}`}>
      <div className="finding-head">
        <SeverityBadge severity={f.severity} />
        <strong>{f.title}</strong>
        <span className="muted small">
          {detectorName(f.detector)} · {where}
          {f.subject.function ? ` · ${f.subject.contract ? `${f.subject.contract}.` : ''}${f.subject.function}` : ''}
        </span>
      </div>
      <p>{f.explanation}</p>
      {f.recommendation ? (
        <p className="recommendation">
          <strong>Fix.</strong> {f.recommendation}
        </p>
      ) : null}
      {f.tags.length ? <p className="muted small">{f.tags.join(' · ')}</p> : null}
    </aside>
  );
}

/** Findings without a place in the shown source (no source given, or another subject kind). */
export function FindingList({ findings }: { findings: Finding[] }) {
  return (
    <ol className="findings">
      {findings.map((f, i) => (
        <li key={i} className={`finding edge-${f.severity}`}>
          <div className="finding-head">
            <SeverityBadge severity={f.severity} />
            <strong>{f.title}</strong>
            <span className="muted small">
              {detectorName(f.detector)}
              {isSourceFinding(f) ? ` · line ${f.subject.startLine}` : ''}
            </span>
          </div>
          <p>{f.explanation}</p>
          {f.recommendation ? <p className="recommendation">{f.recommendation}</p> : null}
        </li>
      ))}
    </ol>
  );
}
