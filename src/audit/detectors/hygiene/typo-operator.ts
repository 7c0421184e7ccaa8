import { findAll, textOf } from '../../../solidity/parse/syntax.js';
import { defineDetector } from '../detector.js';

/**
 * Typographical error (SWC-129): `x =+ 1` and `x =- 1` compile (before 0.5) as `x = +1` and
 * `x = -1` where `x += 1` / `x -= 1` was meant. The unary `+` was removed in 0.5, and nobody writes
 * `=-` with no space on purpose, so the spacing itself is the signal; read from the source text
 * because the grammar does not parse `=+`.
 */
export default defineDetector(
  {
    id: 'typo-operator',
    title: 'Assignment typo (=+ or =-)',
    swc: ['SWC-129'],
    dasp: 'other',
    severity: 'medium',
    confidence: 0.7,
    description: '`x =+ y` or `x =- y` assigns `+y`/`-y` instead of adding or subtracting; `+=`/`-=` was almost certainly meant.',
    exploitScenario: 'A counter or balance meant to grow with `balance =+ amount` is reset to the last amount each time, losing funds or bypassing limits.',
    recommendation: 'Write `+=` or `-=` (or `= +y`/`= -y` with a space if a plain assignment is really meant).',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const unit = contract.unit;
      const src = unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        for (const stmt of findAll(fn.body, 'expression_statement')) {
          const text = textOf(src, stmt);
          if (!/^[^=!<>+\-*/%&|^]*[^=!<>+\-*/%&|^\s]\s*=[+-](?![+-=])\s*\S/.test(text)) continue;
          if (/["']/.test(text)) continue;
          report({ node: stmt, unit, contract, fn, message: `\`${text.trim()}\` assigns a signed value; \`${text.includes('=+') ? '+=' : '-='}\` was probably meant.` });
        }
      }
    }
  },
);
