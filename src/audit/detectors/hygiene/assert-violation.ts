import { contains, findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { callArguments, calleeShape } from '../../../solidity/model/expressions.js';
import { analyzeFunction, rootName } from '../../../solidity/model/operations.js';
import type { ContractModel, FunctionModel, StateVariable } from '../../../solidity/model/types.js';
import { defineDetector } from '../detector.js';

/**
 * Assert violation (SWC-110). `assert` is for invariants: conditions no input or sequence of
 * transactions can make false (a failing assert is a bug, and before 0.8 it burns all remaining gas).
 * An assert is reported when its condition can plainly be false:
 * - it is the literal `false`;
 * - it tests the result of an external call (other code decides the value);
 * - in an entry point, constructor or modifier, it reads a parameter (or a local computed from one),
 *   `msg.*`, `tx.origin` or the block time/number, i.e. it validates input;
 * - it reads a state variable that a public or external function writes after deployment.
 * A condition that compares state with a local snapshot of state taken earlier in the same function,
 * after the function has changed state (`uint before = a[x] + a[y]; …writes…; assert(a[x] + a[y] ==
 * before)`), is a post-condition over the function's own arithmetic, the intended use, and is left alone unless one of the first two shapes
 * applies. Asserts in internal and library functions over their own parameters (SafeMath) are left
 * alone (as are public functions of libraries, which are linked helpers, not entry points): their
 * callers, not the assert, decide what reaches them. `assert(x >= 0)` is a tautology on unsigned
 * values and is skipped. An input used only as the key of a
 * mapping that nothing ever writes cannot change the value read (always the default), so it does not
 * count as input.
 */
const INPUT_MEMBERS = new Set(['msg.sender', 'msg.value', 'msg.data', 'msg.sig', 'tx.origin', 'block.timestamp', 'block.number']);

function isAssert(call: SyntaxNode, src: string): boolean {
  const { callee } = calleeShape(call, src);
  return callee.type === 'identifier' && textOf(src, callee) === 'assert';
}

/** Identifiers used as values (not as the property of `a.b`). */
function valueIdentifiers(node: SyntaxNode, src: string, masked: SyntaxNode[] = []): string[] {
  return findAll(node, 'identifier')
    .filter((id) => !(id.parent?.type === 'member_expression' && id.parent.fields.property === id))
    .filter((id) => !masked.some((m) => contains(m, id)))
    .map((id) => textOf(src, id));
}

/** State variables written (after deployment) by some entry point of the contract. */
function writtenByEntryPoints(contract: ContractModel): Set<StateVariable> {
  const out = new Set<StateVariable>();
  for (const fn of contract.functions) {
    if (!fn.isEntryPoint || fn.kind === 'constructor' || !fn.body) continue;
    for (const op of analyzeFunction(fn, contract).flattened) if (op.kind === 'state-write') out.add(op.variable);
  }
  return out;
}

/** State variables never written anywhere and never initialised: every read of them is the default. */
function neverWritten(contract: ContractModel): Set<StateVariable> {
  const written = new Set<StateVariable>();
  for (const fn of contract.functions) {
    if (!fn.body) continue;
    for (const op of analyzeFunction(fn, contract).operations) if (op.kind === 'state-write') written.add(op.variable);
  }
  return new Set([...contract.stateVariables.values()].filter((v) => !written.has(v) && !v.initialValue));
}

/** Locals declared in `fn` whose initial value reads state: snapshots for a post-condition. */
function stateSnapshots(fn: FunctionModel, contract: ContractModel, src: string): Set<string> {
  const out = new Set<string>();
  if (!fn.body) return out;
  for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
    const value = stmt.fields.value;
    const decl = stmt.children.find((c) => c.type === 'variable_declaration');
    if (!value || !decl?.fields.name) continue;
    if (valueIdentifiers(value, src).some((n) => contract.stateVariables.has(n))) out.add(textOf(src, decl.fields.name));
  }
  return out;
}

export default defineDetector(
  {
    id: 'assert-violation',
    title: 'assert used for a condition that can fail',
    swc: ['SWC-110'],
    dasp: 'other',
    severity: 'low',
    confidence: 0.6,
    description:
      'An assert checks a condition that inputs, external calls or state changed by other transactions can make false. assert is meant for invariants that can never fail; input and state validation belongs in require.',
    exploitScenario:
      'A caller passes an input (or first calls a setter) that makes the asserted condition false; the transaction fails with an invalid opcode that, before Solidity 0.8, consumes all remaining gas, and tools and auditors that treat assert as a proven invariant miss the reachable failure.',
    recommendation: 'Use require (with a message) to validate inputs, call results and state; keep assert for conditions that truly cannot be false, and fix the logic if one can.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface') continue;
      const src = contract.unit.text;
      let written: Set<StateVariable> | null = null;
      let dead: Set<StateVariable> | null = null;
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        const asserts = findAll(fn.body, 'call_expression').filter((c) => isAssert(c, src));
        if (asserts.length === 0) continue;
        const analysis = analyzeFunction(fn, contract);
        const snapshots = stateSnapshots(fn, contract, src);
        const validatesInput = contract.kind !== 'library' && (fn.isEntryPoint || fn.kind === 'constructor' || fn.kind === 'modifier');
        const inputs = new Set<string>(analysis.callerControlled);
        if (validatesInput) for (const p of fn.params) if (p.name) inputs.add(p.name);
        for (const call of asserts) {
          const arg = callArguments(call)[0];
          if (!arg) continue;
          const cond = unparen(arg);
          let why: string | null = null;
          // `x >= 0` on an unsigned value cannot fail (a tautology, not a validation).
          const cmpText = textOf(src, cond).replace(/\s+/g, '');
          if (/>=0$/.test(cmpText) || /^0<=/.test(cmpText)) continue;
          if (cond.type === 'boolean_literal' && textOf(src, cond) === 'false') why = 'it always fails';
          else if (analysis.operations.some((op) => op.kind === 'external-call' && contains(cond, op.node))) {
            why = 'it tests the result of an external call, which other code decides';
          } else {
            // `m[key]` of a mapping nothing ever writes is 0 whatever the key: the key cannot make it fail.
            dead ??= neverWritten(contract);
            const masked = findAll(cond, 'array_access').filter((a) => {
              const root = rootName(a, src);
              const v = root && !analysis.locals.has(root) ? contract.stateVariables.get(root) : undefined;
              return v !== undefined && dead!.has(v);
            });
            const ids = valueIdentifiers(cond, src, masked);
            const changedBefore = analysis.operations.some((op) => (op.kind === 'state-write' || op.kind === 'internal-call') && op.node.endIndex <= call.startIndex);
            if (changedBefore && ids.some((n) => snapshots.has(n))) continue;
            const members = findAll(cond, 'member_expression').filter((m) => !masked.some((k) => contains(k, m))).map((m) => textOf(src, m).replace(/\s+/g, ''));
            if (validatesInput && (ids.some((n) => inputs.has(n) || n === 'now') || members.some((m) => INPUT_MEMBERS.has(m)))) {
              why = 'it depends on the caller\'s input';
            } else {
              written ??= writtenByEntryPoints(contract);
              const local = analysis.locals;
              const state = ids.filter((n) => !local.has(n)).map((n) => contract.stateVariables.get(n)).find((v) => v && written!.has(v));
              if (state) why = `it reads \`${state.name}\`, which public functions change`;
            }
          }
          if (!why) continue;
          report({ node: call, unit: contract.unit, contract, fn, message: `\`${textOf(src, call).split('\n')[0]!.trim()}\` can fail: ${why}. Use require for validation.` });
        }
      }
    }
  },
);
