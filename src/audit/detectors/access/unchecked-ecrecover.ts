import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { calleeName } from '../../../solidity/model/expressions.js';
import { analyzeFunction, rootName } from '../../../solidity/model/operations.js';
import { statementOf } from './access-helpers.js';
import { defineDetector } from '../detector.js';

/**
 * `ecrecover` returns address(0) for an invalid signature instead of failing. Comparing its result
 * with a signer read from storage (`ecrecover(...) == signer`) then accepts garbage whenever that
 * signer is unset, and using the result as the account to debit acts on address(0). The check that
 * is missing is `recovered != address(0)` (or a non-zero check of the expected signer). Only results
 * used in the same function are judged; helpers that return the result leave the check to callers.
 */
export default defineDetector(
  {
    id: 'unchecked-ecrecover',
    title: 'ecrecover result not checked against zero',
    swc: ['SWC-122'],
    dasp: 'access_control',
    severity: 'medium',
    confidence: 0.5,
    description: 'The address returned by ecrecover is used without checking that it is not zero; invalid signatures recover to address(0).',
    exploitScenario:
      'The expected signer is not set yet (zero). An attacker submits a random signature; ecrecover returns address(0), which equals the unset signer, and the action is authorised.',
    recommendation: 'Require the recovered address to be non-zero, or use OpenZeppelin ECDSA.recover, which reverts on invalid signatures.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body || fn.kind === 'modifier') continue;
        const calls = findAll(fn.body, 'call_expression').filter((c) => calleeName(c, src) === 'ecrecover');
        if (calls.length === 0) continue;
        const analysis = analyzeFunction(fn, contract);
        for (const call of calls) {
          // Where the result goes: a local, or straight into a comparison.
          let holder: string | null = null;
          const parent = call.parent;
          if (parent?.type === 'variable_declaration_statement') {
            const decl = parent.children.find((c) => c.type === 'variable_declaration');
            holder = decl?.fields.name ? textOf(src, decl.fields.name) : null;
          } else if (parent?.type === 'assignment_expression' && parent.fields.left) {
            holder = rootName(parent.fields.left, src);
          }
          const uses: SyntaxNode[] = [];
          if (holder) {
            for (const id of findAll(fn.body, 'identifier')) if (textOf(src, id) === holder && id.startIndex > call.endIndex) uses.push(id);
          } else uses.push(call);
          if (uses.length === 0) continue;
          if (uses.some(ancestorReturn)) continue;
          // Zero checks anywhere in the function, on the result or the expected signer.
          const body = textOf(src, fn.body).replace(/\s+/g, '');
          if (/address\(0(x0+)?\)|!=0\b|0x0+\b/.test(body)) continue;
          const risky = uses.find((u) => {
            const p = u.parent ? unparen(u.parent) : null;
            if (!p) return false;
            if (p.type === 'binary_expression' && (p.tokens.operator === '==' || p.tokens.operator === '!=')) {
              const other = p.fields.left === u ? p.fields.right : p.fields.left;
              const root = other ? rootName(other, src) : null;
              return Boolean(root && !analysis.locals.has(root) && contract.stateVariables.has(root));
            }
            return p.type === 'array_access' && p.fields.index === u;
          });
          if (!risky) continue;
          report({ node: statementOf(risky), unit: contract.unit, contract, fn, message: `The result of ecrecover in ${fn.name} is used without a check that it is not address(0).` });
        }
      }
    }
  },
);

function ancestorReturn(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'return_statement') return true;
  return false;
}
