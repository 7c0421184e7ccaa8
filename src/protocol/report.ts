/**
 * A protocol assessment as the settings it found (one flat table: what eval:compliance checks against
 * known deployments, and what the CSV lists), as a Finding for the house's sinks, and as a self-contained
 * HTML page a compliance officer can file (no scripts, no external resources).
 */
import type { Finding, Severity } from '../core/finding.js';
import type { ProtocolReport } from './assess.js';
import { effective, type Controller } from './controllers.js';

const who = (c: Controller | undefined): string => {
  if (!c) return '-';
  const e = effective(c);
  if (e.kind === 'multisig') return `multisig ${e.threshold}-of-${e.owners?.length}`;
  if (e.kind === 'timelock') return `timelock ${e.delay}s${e.controlledBy?.length ? ` by ${[...new Set(e.controlledBy.map((p) => effective(p).kind))].sort().join('+')}` : ''}`;
  return e.kind;
};
const holders = (cs: Controller[]) => (cs.length ? [...new Set(cs.map(who))].sort().join(', ') : 'nobody found');

/** The settings found, as `name → value` (plain words, stable for comparison). */
export function protocolSettings(r: ProtocolReport): Record<string, string> {
  const s: Record<string, string> = {
    kind: r.kind,
    proxy: r.upgradeability.proxy,
    upgrader: who(r.upgradeability.upgrader),
    owner: who(r.owner),
    admin: holders(r.roles.find((x) => x.name === 'DEFAULT_ADMIN_ROLE')?.holders ?? []),
    pause: r.pause.present ? holders(r.pause.holders) : 'no',
    mint: r.mint.present ? holders(r.mint.holders) : 'no',
    oracle: [r.oracles.spot && 'spot', r.oracles.twap && 'twap', r.oracles.chainlink && 'chainlink'].filter(Boolean).join('+') || 'none',
    'recent changes': String(r.changes.length),
  };
  if (r.roles.length === 0) s.admin = '-';
  if (r.concentration) {
    s['top holder %'] = (100 * r.concentration.top1).toFixed(0);
    const l = r.concentration.liquidity[0];
    if (l) s['top LP holder %'] = (100 * l.topLpShare).toFixed(0);
  }
  if (r.pause.paused !== undefined) s.paused = String(r.pause.paused);
  return s;
}

const SEVERITY: Record<string, Severity> = { low: 'info', medium: 'low', high: 'medium', critical: 'high', unknown: 'medium' };

export function protocolFinding(r: ProtocolReport): Finding {
  return {
    detector: 'protocol/risk',
    title: `Protocol risk ${r.score.level} (${r.score.points}/100)`,
    severity: SEVERITY[r.score.level] ?? 'medium',
    confidence: r.score.level === 'unknown' ? 0.5 : 0.9,
    tags: ['protocol', 'compliance', `risk:${r.score.level}`],
    subject: { kind: 'address', chainId: r.chainId, address: r.address, role: 'protocol' },
    explanation: r.score.reasons.filter((x) => x.points > 0 || x.reason.startsWith('Could not')).map((x) => x.reason).join(' ') || 'No risk found by the checks Argus makes.',
    evidence: { block: r.block, settings: protocolSettings(r), points: r.score.points, level: r.score.level },
    recommendation: r.score.level === 'unknown' ? 'A check could not decide: have a person review who controls the protocol before relying on it.' : 'Review the reasons; size exposure to the protocol by who can change it and how fast.',
  };
}

const csvCell = (v: unknown) => {
  const t = String(v ?? '');
  const safe = /^[=+\-@]/u.test(t) ? `'${t}` : t;
  return /[",\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
};

export function protocolCsv(reports: ProtocolReport[]): string {
  const rows: unknown[][] = [['address', 'block', 'level', 'points', 'item', 'value']];
  for (const r of reports) {
    for (const [k, v] of Object.entries(protocolSettings(r))) rows.push([r.address, r.block, r.score.level, r.score.points, k, v]);
    for (const x of r.score.reasons) rows.push([r.address, r.block, r.score.level, r.score.points, `reason (+${x.points})`, x.reason]);
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const table = (head: string[], rows: unknown[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

export function protocolHtml(reports: ProtocolReport[], generatedAt: string): string {
  const sections = reports.map((r) => {
    const controllers = [
      ...(r.upgradeability.upgrader ? [['upgrade', r.upgradeability.upgrader]] : []),
      ...(r.owner ? [['owner', r.owner]] : []),
      ...r.roles.flatMap((x) => x.holders.map((h) => [x.name, h])),
    ] as Array<[string, Controller]>;
    return (
      `<h2>${esc(r.address)} (chain ${r.chainId}, block ${r.block})</h2>` +
      `<p><strong>Risk ${esc(r.score.level)}</strong>, ${r.score.points}/100. ${esc(r.upgradeability.note)}.</p>` +
      table(['Setting', 'Found'], Object.entries(protocolSettings(r))) +
      table(['Power', 'Holder', 'Who that is'], controllers.map(([p, c]) => [p, c.address, c.note])) +
      table(['Points', 'Reason'], r.score.reasons.map((x) => [x.points, x.reason])) +
      (r.changes.length ? table(['Block', 'Contract', 'Event', 'Transaction', 'Arguments'], r.changes.map((c) => [c.block, c.contract, c.event, c.tx, JSON.stringify(c.args)])) : '') +
      (r.audit ? table(['Severity', 'Detector', 'Finding'], r.audit.findings.map((f) => [f.severity, f.detector, f.title])) : '')
    );
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Protocol risk</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top;word-break:break-all}th{background:#f3f3f3}</style>
</head><body>
<h1>Protocol risk</h1>
<p>Generated ${esc(generatedAt)} by Argus, from the chain at the blocks shown. Method: README, "Protocol risk".</p>
${sections.join('\n')}
</body></html>
`;
}
