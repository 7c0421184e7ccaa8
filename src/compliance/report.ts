/**
 * Reports a compliance officer can file: the same facts as `--json`, as CSV for a spreadsheet and as one
 * self-contained HTML page (no scripts, no external resources) with the date, the sources and the list
 * versions every answer rests on.
 */
import type { Finding } from '../core/finding.js';
import type { ExposureReport } from './exposure/exposure.js';
import type { ScreenResult } from './sanctions/history.js';
import { describeBound } from './sanctions/history.js';

export interface ReportContext {
  generatedAt: string;
  /** List versions ("OFAC SDN via ultrasoundmoney (2026-06-25)"). */
  lists: string[];
  /** The method and data behind exposure, when there is exposure. */
  notes?: string[];
}

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  // A leading =, +, - or @ would be a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/u.test(s) ? `'${s}` : s;
  return /[",\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
};
const csv = (rows: unknown[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

export function screeningCsv(results: ScreenResult[]): string {
  return csv([
    ['address', 'screened_on', 'status', 'listed_as', 'listed', 'delisted', 'sources', 'reason'],
    ...results.map((r) => [r.address, r.at, r.status, r.listing?.name ?? '', r.listing ? describeBound(r.listing.listed) : '', r.listing?.delisted ? describeBound(r.listing.delisted) : '', r.listing?.sources.join('; ') ?? '', r.reason]),
  ]);
}

export function exposureCsv(report: ExposureReport): string {
  return csv([
    ['address', 'direction', 'hops', 'method', 'source', 'category', 'label', 'amount', 'direct', 'path'],
    ...report.sources.map((s) => [report.address, report.direction, report.hops, report.method, s.address, s.category, s.label, s.amount, s.direct, s.path.addresses.join(' > ')]),
  ]);
}

export function findingsCsv(findings: Finding[]): string {
  return csv([
    ['detector', 'severity', 'subject', 'title', 'explanation'],
    ...findings.map((f) => [f.detector, f.severity, f.subject.kind === 'address' ? f.subject.address : '', f.title, f.explanation]),
  ]);
}

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function table(head: string[], rows: unknown[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

const fmt = (n: number) => (Math.abs(n) >= 1 ? n.toFixed(4) : n.toPrecision(4));

export function htmlReport(title: string, context: ReportContext, parts: { screening?: ScreenResult[]; exposure?: ExposureReport[]; findings?: Finding[] }): string {
  const sections: string[] = [];
  if (parts.screening?.length) {
    sections.push(`<h2>Sanctions screening</h2>${table(
      ['Address', 'Screened on', 'Status', 'Listed as', 'Listed', 'Delisted', 'Why'],
      parts.screening.map((r) => [r.address, r.at, r.status, r.listing?.name ?? '', r.listing ? describeBound(r.listing.listed) : '', r.listing?.delisted ? describeBound(r.listing.delisted) : '', r.reason]),
    )}`);
  }
  for (const e of parts.exposure ?? []) {
    const cats = Object.entries(e.byCategory).filter(([, v]) => v.direct + v.indirect > 0);
    sections.push(
      `<h2>Exposure of ${esc(e.address)} (${esc(e.direction)}, ${e.hops} hops, ${esc(e.method)})</h2>` +
        `<p>Total ${e.direction === 'incoming' ? 'received' : 'sent'}: ${fmt(e.total)}; attributed to risky sources: ${(e.share * 100).toFixed(2)}%.</p>` +
        table(['Category', 'Direct', 'Indirect'], cats.map(([c, v]) => [c, fmt(v.direct), fmt(v.indirect)])) +
        table(['Source', 'Category', 'Label', 'Amount', 'Direct', 'Main path'], e.sources.map((s) => [s.address, s.category, s.label, fmt(s.amount), fmt(s.direct), s.path.addresses.join(' → ')])),
    );
  }
  if (parts.findings?.length) sections.push(`<h2>Findings</h2>${table(['Severity', 'Title', 'About', 'Explanation'], parts.findings.map((f) => [f.severity, f.title, f.subject.kind === 'address' ? f.subject.address : '', f.explanation]))}`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top;word-break:break-all}th{background:#f3f3f3}</style>
</head><body>
<h1>${esc(title)}</h1>
<p>Generated ${esc(context.generatedAt)} by Argus. Lists: ${esc(context.lists.join('; ') || 'none')}.</p>
${(context.notes ?? []).map((n) => `<p>${esc(n)}</p>`).join('\n')}
${sections.join('\n')}
</body></html>
`;
}
