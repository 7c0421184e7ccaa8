import { findAll, textOf } from '../../../solidity/parse/syntax.js';
import { defineDetector } from '../detector.js';

/**
 * Outdated compiler version (SWC-102): a pragma whose newest allowed version is older than 0.4.24
 * (the last 0.4 release before the 0.5 breaking changes that fixed known code-generation bugs).
 * Informational; it says nothing about a concrete bug, so it is kept out of the default set.
 */
export default defineDetector(
  {
    id: 'outdated-compiler',
    title: 'Outdated compiler version',
    swc: ['SWC-102'],
    dasp: 'other',
    severity: 'info',
    confidence: 0.8,
    description: 'The pragma requires a Solidity compiler older than 0.4.24, which has known bugs fixed in later releases.',
    exploitScenario: 'A compiler bug fixed in a later release (e.g. in ABI encoding or storage layout) silently changes what the deployed code does.',
    recommendation: 'Compile with a recent Solidity release and lock the pragma to it.',
  },
  (ctx, report) => {
    for (const unit of ctx.ownUnits) {
      for (const p of findAll(unit.root, 'pragma_directive')) {
        const text = textOf(unit.text, p);
        if (!/\bsolidity\b/.test(text)) continue;
        // `0.4.13`, `^0.4.13`, `=0.4.13`, `~0.4.13`: only those stop below 0.4.24 in practice.
        const m = /^pragma\s+solidity\s*[\^=~]?\s*0\.(\d+)\.(\d+)\s*;?$/.exec(text.trim());
        if (!m) continue;
        const minor = Number(m[1]);
        const patch = Number(m[2]);
        const isCaret = /\^/.test(text);
        if (minor > 4 || (minor === 4 && (patch >= 24 || isCaret))) continue;
        report({ node: p, unit, message: `\`${text.trim()}\` selects Solidity 0.${minor}.${patch}, older than 0.4.24.` });
      }
    }
  },
);
