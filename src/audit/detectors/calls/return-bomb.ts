import { textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { analyzeFunction } from '../../../solidity/model/operations.js';
import { calleeName, callArguments } from '../../../solidity/model/expressions.js';
import { defineDetector } from '../detector.js';

/**
 * Return-data bomb (Slither's return-bomb). Since 0.5 a low-level `call`/`staticcall`/`delegatecall`
 * copies all of the callee's return data into memory, whether the code uses it or not, and the caller
 * pays for that copy after the call. A call given a gas limit is one whose author meant to bound what
 * the callee can cost; a hostile callee defeats that by returning (or reverting with) megabytes of
 * data, and the caller runs out of gas copying them. Reported for gas-limited low-level calls to an
 * address that is not this contract or a constant; the fix is assembly with a bounded copy.
 */
export default defineDetector(
  {
    id: 'return-bomb',
    title: 'Gas-limited call copies unbounded return data',
    swc: ['SWC-113'],
    dasp: 'denial_of_service',
    severity: 'low',
    confidence: 0.6,
    description:
      'A low-level call limits the gas it forwards, but Solidity copies all of the callee\'s return data afterwards at the caller\'s expense: a callee that returns or reverts with huge data makes the caller run out of gas anyway.',
    exploitScenario:
      'A relayer calls user-registered hooks with `{gas: 100000}` so that a bad hook cannot block the queue; an attacker\'s hook reverts with 1 MB of data and every relay transaction runs out of gas copying it.',
    recommendation: 'Make the call in assembly and copy at most a fixed number of return bytes (e.g. ExcessivelySafeCall), or do not gas-limit calls whose failure must not block the caller.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const minor = contract.unit.solidityMinor;
      // Before 0.5 (and in files without a pragma, which are older still) a low-level call copied no return data.
      if (minor === null || minor < 5) continue;
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        for (const op of analyzeFunction(fn, contract).operations) {
          if (op.kind !== 'external-call' || op.origin !== fn) continue;
          const k = op.call.kind;
          if (k !== 'call' && k !== 'staticcall' && k !== 'delegatecall') continue;
          const gas = gasLimit(op.call.node, src);
          if (!gas || trustedTarget(op.call.target, src, contract.stateVariables)) continue;
          report({
            node: op.call.node,
            unit: contract.unit,
            contract,
            fn,
            message: `\`${textOf(src, op.call.node).split('\n')[0]!.trim()}\` limits the callee's gas to ${textOf(src, gas)} but copies all of its return data: a callee returning huge data exhausts the caller's gas anyway.`,
          });
        }
      }
    }
  },
);

/** The gas option of a call: `{gas: g}` or `.gas(g)`; null when the call forwards all gas. */
function gasLimit(call: SyntaxNode, src: string): SyntaxNode | null {
  let fn = call.fields.function ?? call.children[0]!;
  for (;;) {
    fn = unparen(fn);
    if (fn.type === 'struct_expression' && fn.fields.type) {
      for (const option of fn.children) {
        if (option.type === 'struct_field_assignment' && option.fields.name && textOf(src, option.fields.name) === 'gas') return option.fields.value ?? null;
      }
      fn = fn.fields.type;
      continue;
    }
    if (fn.type === 'call_expression') {
      const inner = unparen(fn.fields.function ?? fn.children[0]!);
      const name = calleeName(fn, src);
      if (inner.type === 'member_expression' && inner.fields.object && (name === 'gas' || name === 'value')) {
        if (name === 'gas') return callArguments(fn)[0] ?? null;
        fn = inner.fields.object;
        continue;
      }
    }
    if (fn.type === 'member_expression' && fn.fields.object) {
      fn = fn.fields.object;
      if (unparen(fn).type === 'call_expression' || unparen(fn).type === 'struct_expression') continue;
    }
    return null;
  }
}

/** `this`, `address(this)` or a constant/immutable address. */
function trustedTarget(target: SyntaxNode, src: string, state: Map<string, { isConstant: boolean; isImmutable: boolean }>): boolean {
  let t = unparen(target);
  for (;;) {
    if (t.type === 'call_expression' && callArguments(t).length === 1 && /^(address|payable)$/.test(calleeName(t, src) ?? '')) t = unparen(callArguments(t)[0]!);
    else if (t.type === 'type_cast_expression') {
      const arg = t.children.find((c) => c.type === 'call_argument')?.children[0];
      if (!arg) break;
      t = unparen(arg);
    } else break;
  }
  if (t.type !== 'identifier') return false;
  const name = textOf(src, t);
  if (name === 'this') return true;
  const v = state.get(name);
  return !!v && (v.isConstant || v.isImmutable);
}
