import { findAll, textOf, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { defineDetector } from '../detector.js';

/**
 * Misuse of a boolean constant (Slither's boolean-cst): `x || true`, `paused && false`, `if (false)`,
 The expression's value no longer depends on the condition it was written to test,
 * which usually means a check was disabled during development and never restored. `while (true)`
 * loops, `return true`, plain assignments and `require(false)` / `assert(false)` (a deliberate revert)
 * are legitimate uses and are not reported.
 */
export default defineDetector(
  {
    id: 'boolean-cst',
    title: 'Boolean constant makes a condition constant',
    swc: [],
    dasp: 'other',
    severity: 'medium',
    confidence: 0.7,
    description: 'A boolean literal is used as, or inside, a condition (`x || true`, `y && false`, `if (false)`), so the condition no longer depends on what it tests: a check is disabled or a branch is dead.',
    exploitScenario: '`require(allowed[msg.sender] || true)` was left from testing: anyone passes the allow-list check.',
    recommendation: 'Remove the constant (and the dead branch), or restore the intended condition.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        for (const lit of findAll(fn.body, 'boolean_literal')) {
          const where = misuse(lit);
          if (!where) continue;
          report({ node: where, unit: contract.unit, contract, fn, message: `\`${textOf(src, where).split('\n')[0]!.trim()}\` uses the constant \`${textOf(src, lit)}\` in a condition: its outcome no longer depends on what it tests.` });
        }
      }
    }
  },
);

/** The node to report when `lit` makes a condition constant, or null. */
function misuse(lit: SyntaxNode): SyntaxNode | null {
  let child: SyntaxNode = lit;
  let p = lit.parent;
  while (p && p.type === 'parenthesized_expression') {
    child = p;
    p = p.parent;
  }
  if (!p) return null;
  if (p.type === 'binary_expression' && (p.tokens.operator === '&&' || p.tokens.operator === '||')) return p;
  if (p.type === 'if_statement' && p.fields.condition === child) return child;
  if (p.type === 'ternary_expression' && p.children[0] === child) return p;
  return null;
}
