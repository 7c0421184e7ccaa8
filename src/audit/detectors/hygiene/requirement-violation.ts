import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { callArguments, calleeShape } from '../../../solidity/model/expressions.js';
import type { ContractModel, FunctionModel } from '../../../solidity/model/types.js';
import { defineDetector } from '../detector.js';

/**
 * Requirement violation (SWC-123): a call passes a constant argument that the callee's own
 * precondition rejects, so the call always reverts and the calling function can never succeed. Only
 * the case decidable without data flow is reported: the argument is an integer literal and the callee
 * (an internal function, or a function of a contract of the compilation unit reached through a
 * variable or cast of that contract's type) starts its body with `require(param <op> literal)` (or
 * `literal <op> param`) that the literal fails. Anything that needs values computed at run time is
 * left alone.
 */
function intLiteral(node: SyntaxNode, src: string): bigint | null {
  const n = unparen(node);
  let text = textOf(src, n).replace(/_/g, '');
  let sign = 1n;
  if (n.type === 'unary_expression' && n.tokens.operator === '-' && n.children[0]) {
    sign = -1n;
    text = textOf(src, unparen(n.children[0])).replace(/_/g, '');
  } else if (n.type !== 'number_literal') return null;
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(text)) return null;
  return sign * BigInt(text);
}

function compare(op: string, a: bigint, b: bigint): boolean | null {
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '==': return a === b;
    case '!=': return a !== b;
    default: return null;
  }
}

/** The leading `require(...)` conditions of a function body. */
function leadingRequires(fn: FunctionModel, src: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const stmt of fn.body?.children ?? []) {
    const call = stmt.type === 'expression_statement' ? unparen(stmt.children[0]!) : null;
    if (!call || call.type !== 'call_expression') break;
    const { callee } = calleeShape(call, src);
    if (callee.type !== 'identifier' || textOf(src, callee) !== 'require') break;
    const cond = callArguments(call)[0];
    if (cond) out.push(unparen(cond));
  }
  return out;
}

/** The contract a call target expression has the type of: a state variable of contract type, or a cast `C(x)`. */
function targetContract(target: SyntaxNode, contract: ContractModel, byName: Map<string, ContractModel>, src: string): ContractModel | null {
  const t = unparen(target);
  if (t.type === 'identifier') {
    const v = contract.stateVariables.get(textOf(src, t));
    return v ? (byName.get(v.typeText.trim()) ?? null) : null;
  }
  if (t.type === 'call_expression') {
    const f = unparen(t.fields.function ?? t.children[0]!);
    if (f.type === 'identifier' && callArguments(t).length === 1) return byName.get(textOf(src, f)) ?? null;
  }
  return null;
}

export default defineDetector(
  {
    id: 'requirement-violation',
    title: 'Call with an argument the callee always rejects',
    swc: ['SWC-123'],
    dasp: 'other',
    severity: 'low',
    confidence: 0.8,
    description: 'A call passes a constant argument that fails the callee\'s require, so the call, and the function making it, always revert.',
    exploitScenario:
      'A contract calls `oracle.price(0)` while `price` requires a non-zero id; every call of the wrapper reverts, and whatever depended on it (withdrawals, settlement) is permanently unavailable.',
    recommendation: 'Pass an argument that satisfies the callee\'s precondition, or relax the precondition if it is stronger than needed.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        for (const call of findAll(fn.body, 'call_expression')) {
          const args = callArguments(call);
          if (args.length === 0) continue;
          const literals = args.map((a) => intLiteral(a, src));
          if (literals.every((l) => l === null)) continue;
          const { callee } = calleeShape(call, src);
          let candidates: FunctionModel[] = [];
          if (callee.type === 'identifier') {
            const name = textOf(src, callee);
            candidates = contract.functions.filter((f) => f.name === name && f.kind === 'function');
          } else if (callee.type === 'member_expression' && callee.fields.object && callee.fields.property) {
            const target = targetContract(callee.fields.object, contract, ctx.contractsByName, src);
            const name = textOf(src, callee.fields.property);
            if (target) candidates = target.functions.filter((f) => f.name === name && f.kind === 'function');
          }
          candidates = candidates.filter((f) => f.params.length === args.length);
          if (candidates.length !== 1) continue;
          const target = candidates[0]!;
          const tsrc = target.contract.unit.text;
          for (const cond of leadingRequires(target, tsrc)) {
            if (cond.type !== 'binary_expression' || !cond.fields.left || !cond.fields.right) continue;
            const op = cond.tokens.operator ?? '';
            const l = unparen(cond.fields.left);
            const r = unparen(cond.fields.right);
            const paramIndex = (n: SyntaxNode) => (n.type === 'identifier' ? target.params.findIndex((p) => p.name === textOf(tsrc, n)) : -1);
            let holds: boolean | null = null;
            const li = paramIndex(l);
            const ri = paramIndex(r);
            if (li >= 0 && literals[li] != null && intLiteral(r, tsrc) !== null) holds = compare(op, literals[li]!, intLiteral(r, tsrc)!);
            else if (ri >= 0 && literals[ri] != null && intLiteral(l, tsrc) !== null) holds = compare(op, intLiteral(l, tsrc)!, literals[ri]!);
            if (holds !== false) continue;
            report({ node: call, unit: contract.unit, contract, fn, message: `\`${textOf(src, call).trim()}\` always reverts: ${target.contract.name}.${target.name} requires \`${textOf(tsrc, cond)}\`.` });
            break;
          }
        }
      }
    }
  },
);
