import { contains, findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { isMsgSender, isTxOrigin } from '../../../solidity/model/expressions.js';
import type { FunctionModel } from '../../../solidity/model/types.js';
import { analyzeFunction } from '../../../solidity/model/operations.js';
import { isIdentityCheck } from '../../../solidity/model/access.js';
import { defineDetector } from '../detector.js';

/** `tx.origin` used to decide who may act: a phishing contract the owner calls passes the check. */
export default defineDetector(
  {
    id: 'tx-origin',
    title: 'Authorization through tx.origin',
    swc: ['SWC-115'],
    dasp: 'access_control',
    severity: 'high',
    confidence: 0.9,
    description: 'An access check compares tx.origin, the account that started the transaction, instead of msg.sender, the immediate caller.',
    exploitScenario:
      'The owner is lured into calling a malicious contract, which then calls this one; tx.origin is still the owner, so the check passes and the attacker withdraws the funds.',
    recommendation: 'Compare msg.sender instead of tx.origin for authorization.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      for (const fn of contract.ownFunctions) {
        if (!fn.body && fn.kind !== 'modifier') continue;
        const src = contract.unit.text;
        const analysis = analyzeFunction(fn, contract);
        const origins = originLocals(fn, src);
        const isOrigin = (n: SyntaxNode) => {
          const u = unparen(n);
          return isTxOrigin(u, src) || (u.type === 'identifier' && origins.has(textOf(src, u)));
        };
        const reported = new Set<SyntaxNode>();
        for (const op of analysis.operations) {
          if (op.kind !== 'guard' || op.origin !== fn) continue;
          const uses = [...findAll(op.condition, 'member_expression'), ...findAll(op.condition, 'identifier')].filter(isOrigin);
          if (uses.length === 0 || !(isIdentityCheck(op.condition, src) || originComparisons(op.condition, src, isOrigin).length > 0)) continue;
          // `tx.origin == msg.sender` only rejects contract callers; it is not authorization.
          const cmp = src.slice(op.condition.startIndex, op.condition.endIndex);
          if (/tx\.origin\s*[!=]=\s*msg\.sender|msg\.sender\s*[!=]=\s*tx\.origin/.test(cmp)) continue;
          const node = op.node.type === 'if_statement' ? op.condition : op.node;
          reported.add(node);
          report({ node, unit: contract.unit, contract, fn, message: `${fn.name || fn.kind} authorizes its caller with tx.origin: \`${cmp.trim()}\`.` });
        }
        if (!fn.body) continue;
        // `if (tx.origin == keyHolder) { keyHolder = next; }`: no revert, but the effects inside run only for
        // the account the comparison names, which makes it an authorization all the same.
        for (const ifs of findAll(fn.body, 'if_statement')) {
          const cond = ifs.fields.condition;
          const body = ifs.fields.body;
          if (!cond || !body || [...reported].some((r) => contains(r, cond) || contains(cond, r))) continue;
          if (originComparisons(cond, src, isOrigin).length === 0) continue;
          const effect = analysis.operations.some((op) => (op.kind === 'state-write' || op.kind === 'external-call' || op.kind === 'selfdestruct') && contains(body, op.node));
          if (!effect) continue;
          reported.add(cond);
          report({ node: cond, unit: contract.unit, contract, fn, message: `${fn.name || fn.kind} lets only tx.origin's account through to its effects: \`${textOf(src, cond).trim()}\`.` });
        }
        // The same comparison computed outside a guard: returned by a predicate (`isOwner()`), or kept in
        // a local that a later check tests. It decides who may act all the same.
        for (const holder of [...findAll(fn.body, 'return_statement'), ...findAll(fn.body, 'variable_declaration_statement')]) {
          if ([...reported].some((r) => contains(r, holder) || contains(holder, r))) continue;
          const value = holder.type === 'return_statement' ? holder.children[0] : holder.fields.value;
          if (!value || originComparisons(value, src, isOrigin).length === 0) continue;
          report({ node: holder, unit: contract.unit, contract, fn, message: `${fn.name || fn.kind} decides who may act by comparing tx.origin: \`${textOf(src, value).trim()}\`.` });
        }
      }
    }
  },
);

/** Locals declared with the value of tx.origin (`address caller = tx.origin`). */
function originLocals(fn: FunctionModel, src: string): Set<string> {
  const out = new Set<string>();
  if (!fn.body) return out;
  for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
    const decl = stmt.children.find((c) => c.type === 'variable_declaration');
    if (decl?.fields.name && stmt.fields.value && isTxOrigin(unparen(stmt.fields.value), src)) out.add(textOf(src, decl.fields.name));
  }
  return out;
}

/** `==`/`!=` comparisons of tx.origin with something other than msg.sender. */
function originComparisons(expr: SyntaxNode, src: string, isOrigin: (n: SyntaxNode) => boolean): SyntaxNode[] {
  return findAll(expr, 'binary_expression').filter((b) => {
    if (b.tokens.operator !== '==' && b.tokens.operator !== '!=') return false;
    const l = b.fields.left;
    const r = b.fields.right;
    if (!l || !r) return false;
    const [o, other] = isOrigin(l) ? [l, r] : isOrigin(r) ? [r, l] : [null, null];
    return o !== null && other !== null && !isMsgSender(unparen(other), src) && !isOrigin(other);
  });
}
