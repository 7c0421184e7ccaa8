import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { calleeName, calleeShape, callArguments, resultUse } from '../../../solidity/model/expressions.js';
import type { AnalysisContext, ContractModel, FunctionModel } from '../../../solidity/model/types.js';
import { defineDetector } from '../detector.js';
import { calleeObject, isTokenReceiver, typeOfName } from './tokens-helpers.js';

/**
 * Ignored result of an ERC-20 `transfer`/`transferFrom` (Slither's unchecked-transfer, SWC-104). Many
 * tokens signal failure by returning false instead of reverting; a contract that drops the result
 * books a payment that never happened. Reported when the call is a statement of its own, the receiver
 * is another contract (not `super`/a base), and the token's interface, when it is in the file, declares
 * a return value: old tokens whose `transfer` returns nothing cannot be checked this way, and a token
 * implemented in the same file whose `transfer` only ever returns true (it reverts on failure) has
 * nothing to check. SafeERC20's
 * `safeTransfer*` check the result themselves and are never reported.
 */
export default defineDetector(
  {
    id: 'unchecked-transfer',
    title: 'Unchecked ERC-20 transfer',
    swc: ['SWC-104'],
    dasp: 'unchecked_low_level_calls',
    severity: 'medium',
    confidence: 0.75,
    description:
      'The boolean returned by an ERC-20 `transfer` or `transferFrom` is ignored. Tokens that return false on failure (instead of reverting) leave the contract believing a payment happened.',
    exploitScenario:
      'A sale contract calls `token.transferFrom(buyer, this, price)` and ignores the result. With a token that returns false when the allowance is missing, a buyer with no allowance is credited for free.',
    recommendation: 'Wrap the call in `require(...)`, or use OpenZeppelin\'s SafeERC20 (`safeTransfer`, `safeTransferFrom`), which also handles tokens that return nothing.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface') continue;
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        for (const call of findAll(fn.body, 'call_expression')) {
          const method = calleeName(call, src);
          const args = callArguments(call);
          if (!((method === 'transfer' && args.length === 2) || (method === 'transferFrom' && args.length === 3))) continue;
          if (call.parent?.type !== 'expression_statement' || resultUse(call, src) !== 'ignored') continue;
          const object = calleeObject(call, src);
          if (!object || !isTokenReceiver(object, contract, src)) continue;
          if (declaresNoResult(ctx, contract, fn, object, method, src)) continue;
          report({
            node: call,
            unit: contract.unit,
            contract,
            fn,
            message: `The result of \`${textOf(src, call).split('\n')[0]!.trim()}\` is ignored: a token that returns false on failure leaves this transfer silently undone.`,
          });
        }
      }
    }
  },
);

/**
 * The token's type is in the compilation unit and its `method` returns nothing, or is implemented there
 * and can only return true (or the type is not a contract at all).
 */
function declaresNoResult(ctx: AnalysisContext, contract: ContractModel, fn: FunctionModel, object: SyntaxNode, method: string, src: string): boolean {
  const typeName = receiverType(contract, fn, object, src);
  if (!typeName) return false;
  if (/^(address|uint|int|bytes|bool|string|mapping)\b/.test(typeName)) return true;
  const type = ctx.contractsByName.get(typeName);
  if (!type) return false;
  // The most derived definition with the method: an implementation when the type is a contract in
  // the file, a declaration when it is an interface.
  const f = type.functions.find((x) => x.name === method && x.kind === 'function');
  if (!f) return false;
  if (f.returns.length === 0) return true;
  return f.body !== null && alwaysReturnsTrue(f);
}

/**
 * An implementation whose every `return` returns the literal `true` (failures revert instead), with no
 * named return value left to default to false: its result carries no information, so ignoring it is safe.
 */
function alwaysReturnsTrue(f: FunctionModel): boolean {
  if (!f.body) return false;
  const src = f.contract.unit.text;
  const returns = findAll(f.body, 'return_statement');
  if (returns.length === 0) return false;
  return returns.every((r) => {
    const value = r.children[0];
    return value !== undefined && unparen(value).type === 'boolean_literal' && textOf(src, unparen(value)) === 'true';
  });
}

/** `IERC20(x)` → IERC20; `token` → its declared type; `tokens[i]` → the element type. */
function receiverType(contract: ContractModel, fn: FunctionModel, object: SyntaxNode, src: string): string | null {
  const o = unparen(object);
  if (o.type === 'call_expression') {
    const callee = calleeShape(o, src).callee;
    return callee.type === 'identifier' ? textOf(src, callee) : null;
  }
  if (o.type === 'identifier') {
    const t = typeOfName(fn, contract, textOf(src, o));
    return t ? t.replace(/\s+(storage|memory|calldata)$/, '').trim() : null;
  }
  if (o.type === 'array_access' && o.fields.base && unparen(o.fields.base).type === 'identifier') {
    const t = typeOfName(fn, contract, textOf(src, unparen(o.fields.base)));
    const m = t ? /^(\w+)\s*\[/.exec(t) : null;
    return m ? m[1]! : null;
  }
  return null;
}
