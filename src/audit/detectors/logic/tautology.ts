import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { calleeName, callArguments, memberPath } from '../../../solidity/model/expressions.js';
import { typeOfName } from '../tokens/tokens-helpers.js';
import type { ContractModel, FunctionModel } from '../../../solidity/model/types.js';
import { defineDetector } from '../detector.js';

/**
 * Tautologies and contradictions (Slither's tautology): a comparison of an integer with a constant that
 * its type decides on its own. `amount >= 0` for an unsigned `amount` is always true (the check meant
 * `> 0`, or a signed value, is missing), `x < 0` is always false, and `uint8 v <= 255` always holds.
 * A loop condition that is always true never ends (`for (uint i = n; i >= 0; i--)`). The type comes from
 * the declaration of a parameter, local or state variable, a cast (`uint8(x)`), or a value that is
 * always unsigned (`msg.value`, `block.timestamp`, `.length`, `.balance`).
 */
export default defineDetector(
  {
    id: 'tautology',
    title: 'Comparison that is always true or always false',
    swc: [],
    dasp: 'other',
    severity: 'medium',
    confidence: 0.8,
    description:
      'An integer is compared with a constant outside (or at the edge of) its type\'s range, so the result is fixed: `uint >= 0` always holds, `uint < 0` never does. The intended check is not made, or a loop never ends.',
    exploitScenario: '`require(amount >= 0)` was meant to reject empty withdrawals; it accepts everything. `for (uint i = len - 1; i >= 0; i--)` never stops and reverts every call when it underflows.',
    recommendation: 'Write the check that was meant (`> 0`, a signed type, a bound inside the range), or remove the comparison.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        for (const cmp of findAll(fn.body, 'binary_expression')) {
          const verdict = decide(cmp, fn, contract, src);
          if (verdict === null) continue;
          const inLoopCondition = cmp.parent && ['for_statement', 'while_statement', 'do_while_statement'].includes(cmp.parent.type);
          const inCheck = isCheckArgument(cmp, src);
          report({
            node: cmp,
            unit: contract.unit,
            contract,
            fn,
            severity: verdict && inCheck ? 'low' : 'medium',
            message: `\`${textOf(src, cmp).trim()}\` is always ${verdict ? 'true' : 'false'} for its type${inLoopCondition && verdict ? ': the loop never ends by this condition' : ''}.`,
          });
        }
      }
    }
  },
);

interface IntType {
  signed: boolean;
  bits: number;
}

/** true (tautology), false (contradiction) or null (depends on the value). */
function decide(cmp: SyntaxNode, fn: FunctionModel, contract: ContractModel, src: string): boolean | null {
  const op = cmp.tokens.operator;
  if (!op || !['<', '<=', '>', '>='].includes(op) || !cmp.fields.left || !cmp.fields.right) return null;
  const lc = constantOf(cmp.fields.left, src);
  const rc = constantOf(cmp.fields.right, src);
  if ((lc === null) === (rc === null)) return null;
  // Normalise to `x OP c`.
  const [expr, c, o] = rc !== null ? [cmp.fields.left, rc, op] : [cmp.fields.right, lc!, flip(op)];
  const type = typeOf(expr, fn, contract, src);
  if (!type) return null;
  const min = type.signed ? -(1n << BigInt(type.bits - 1)) : 0n;
  const max = type.signed ? (1n << BigInt(type.bits - 1)) - 1n : (1n << BigInt(type.bits)) - 1n;
  switch (o) {
    case '>=':
      return c <= min ? true : c > max ? false : null;
    case '>':
      return c < min ? true : c >= max ? false : null;
    case '<=':
      return c >= max ? true : c < min ? false : null;
    case '<':
      return c > max ? true : c <= min ? false : null;
  }
  return null;
}

function flip(op: string): string {
  return op === '<' ? '>' : op === '>' ? '<' : op === '<=' ? '>=' : '<=';
}

/** A decimal or hex integer literal (with an optional unary minus); null otherwise. */
function constantOf(node: SyntaxNode, src: string): bigint | null {
  const n = unparen(node);
  if (n.type === 'unary_expression' && n.tokens.operator === '-' && n.fields.argument) {
    const v = constantOf(n.fields.argument, src);
    return v === null ? null : -v;
  }
  if (n.type !== 'number_literal') return null;
  const t = textOf(src, n).trim().replace(/_/g, '');
  if (/^0x[0-9a-f]+$/i.test(t) || /^\d+$/.test(t)) return BigInt(t);
  return null;
}

function parseIntType(t: string | null): IntType | null {
  if (!t) return null;
  const m = /^(u?)int(\d*)$/.exec(t.trim());
  if (!m) return null;
  return { signed: m[1] !== 'u', bits: m[2] ? Number(m[2]) : 256 };
}

const UINT256: IntType = { signed: false, bits: 256 };

function typeOf(node: SyntaxNode, fn: FunctionModel, contract: ContractModel, src: string): IntType | null {
  const n = unparen(node);
  if (n.type === 'identifier') {
    const name = textOf(src, n);
    if (name === 'now') return UINT256;
    return parseIntType(typeOfName(fn, contract, name));
  }
  if (n.type === 'member_expression') {
    const path = memberPath(n, src);
    if (path?.join('.') === 'msg.value' || path?.join('.') === 'block.timestamp' || path?.join('.') === 'block.number') return UINT256;
    const prop = n.fields.property ? textOf(src, n.fields.property) : '';
    if (prop === 'length' || prop === 'balance') return UINT256;
    return null;
  }
  if (n.type === 'type_cast_expression') {
    // `uint8(x)`: the grammar keeps the type as a token, so read it from the text before the parenthesis.
    return parseIntType(textOf(src, n).split('(')[0]!.trim());
  }
  if (n.type === 'call_expression' && callArguments(n).length === 1) {
    const name = calleeName(n, src);
    const t = parseIntType(name);
    if (t && (n.fields.function ?? n.children[0])?.type !== 'member_expression') return t;
  }
  return null;
}

function isCheckArgument(cmp: SyntaxNode, src: string): boolean {
  let n: SyntaxNode = cmp;
  while (n.parent && n.parent.type === 'parenthesized_expression') n = n.parent;
  const call = n.parent?.type === 'call_argument' ? n.parent.parent : null;
  return !!call && call.type === 'call_expression' && ['require', 'assert'].includes(calleeName(call, src) ?? '');
}
