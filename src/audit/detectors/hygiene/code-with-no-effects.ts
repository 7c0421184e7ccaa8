import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { defineDetector } from '../detector.js';

/**
 * Code with no effects (SWC-135): an expression statement that computes a value and throws it away,
 * such as `balance[msg.sender] == amount;` where `=` was meant, or a bare `x;`. Only expressions
 * built from names, literals, member and index reads and pure operators are reported, so nothing
 * with a call, assignment, `++`/`--` or `delete` can be flagged. Bare `this;` and bare parameters are
 * the usual idiom to silence compiler warnings and are skipped, as are the modifier placeholder `_`,
 * `throw` and the condition of a `for` header.
 * A dangling `addr.call.value(x);` (a call never made) is left to the unchecked-low-level-call
 * detector, which already reports it.
 */
const PURE_BINARY = new Set(['==', '!=', '<', '>', '<=', '>=', '&&', '||', '+', '-', '*', '/', '%', '**', '&', '|', '^', '<<', '>>']);

function isPure(node: SyntaxNode): boolean {
  const n = unparen(node);
  switch (n.type) {
    case 'identifier':
    case 'number_literal':
    case 'boolean_literal':
    case 'string_literal':
    case 'hex_string_literal':
      return true;
    case 'member_expression':
      return n.fields.object !== undefined && isPure(n.fields.object);
    case 'array_access':
      return n.children.every(isPure);
    case 'binary_expression':
      return PURE_BINARY.has(n.tokens.operator ?? '') && n.children.every(isPure);
    case 'unary_expression':
      return (n.tokens.operator === '!' || n.tokens.operator === '-' || n.tokens.operator === '~') && n.children.every(isPure);
    default:
      return false;
  }
}

export default defineDetector(
  {
    id: 'code-with-no-effects',
    title: 'Statement with no effect',
    swc: ['SWC-135'],
    dasp: 'other',
    severity: 'low',
    confidence: 0.8,
    description: 'An expression statement computes a value and discards it, so it does nothing; usually a comparison written where an assignment was meant.',
    exploitScenario:
      '`balance[msg.sender] == amount;` was meant to record a deposit; the deposit is accepted but never credited, so the user can never withdraw it (or the accounting that depends on it is wrong).',
    recommendation: 'Fix the statement (usually `==` → `=`) or remove it.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        const params = new Set(fn.params.map((p) => p.name).filter((n): n is string => n !== null));
        for (const stmt of findAll(fn.body, 'expression_statement')) {
          // The condition of a `for` header is an expression statement in the grammar.
          if (stmt.parent?.type === 'for_statement' && stmt.parent.fields.body !== stmt) continue;
          const expr = stmt.children[0];
          if (!expr || !isPure(expr)) continue;
          const e = unparen(expr);
          if (e.type === 'identifier' && (['this', '_', 'throw'].includes(textOf(src, e)) || params.has(textOf(src, e)))) continue;
          if (e.type === 'identifier' && fn.returns.some((r) => r.name === textOf(src, e))) continue;
          report({ node: stmt, unit: contract.unit, contract, fn, message: `\`${textOf(src, stmt).trim()}\` has no effect${e.type === 'binary_expression' && e.tokens.operator === '==' ? '; `=` was probably meant' : ''}.` });
        }
      }
    }
  },
);
