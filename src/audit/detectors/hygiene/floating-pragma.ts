import { findAll, textOf } from '../../../solidity/parse/syntax.js';
import { defineDetector } from '../detector.js';

/**
 * Floating pragma (SWC-103): `^0.4.24` or `>=0.4.0 <0.6.0` lets the contract be deployed with a
 * compiler other than the one it was tested with. Only an informational note: it fires on most
 * files, so it is kept out of the default set (see hygiene/index.ts).
 */
export default defineDetector(
  {
    id: 'floating-pragma',
    title: 'Floating compiler pragma',
    swc: ['SWC-103'],
    dasp: 'other',
    severity: 'info',
    confidence: 0.9,
    description: 'The pragma accepts a range of compiler versions instead of the one the contract was tested with.',
    exploitScenario: 'The contract is deployed with a newer or older compiler whose bugs or changed semantics it was never tested against.',
    recommendation: 'Lock the pragma to the exact tested version (`pragma solidity 0.8.24;`) for contracts that are deployed; libraries may keep a range.',
  },
  (ctx, report) => {
    for (const unit of ctx.ownUnits) {
      for (const p of findAll(unit.root, 'pragma_directive')) {
        const text = textOf(unit.text, p);
        if (!/\bsolidity\b/.test(text)) continue;
        const constraint = text.replace(/^pragma\s+solidity\s*/, '').replace(/;$/, '').trim();
        if (/^=?\s*\d+\.\d+\.\d+$/.test(constraint)) continue;
        report({ node: p, unit, message: `\`${text.trim()}\` does not lock the compiler version.` });
      }
    }
  },
);
