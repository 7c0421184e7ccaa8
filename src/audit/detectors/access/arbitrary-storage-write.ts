import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { memberPath } from '../../../solidity/model/expressions.js';
import { analyzeFunction, rootName } from '../../../solidity/model/operations.js';
import { mentionsAny } from '../../../solidity/dataflow.js';
import type { ContractModel, FunctionModel, StateVariable } from '../../../solidity/model/types.js';
import { statementOf } from './access-helpers.js';
import { defineDetector } from '../detector.js';

/**
 * A dynamic storage array's elements live at keccak(slot) + index, so an index that reaches 2^256
 * wraps round to every other slot, the owner's included. Before 0.6 the length was writable:
 * - `array.length--` on an empty array underflows the length to 2^256 - 1; if any caller can then write
 *   `array[i] = v` at an index of their choosing, they can write any storage slot. The decrement is
 *   reported (or the check before it, when that check is always true: `0 <= array.length`);
 * - `array.length = x` with `x` chosen by the caller has the same effect, and the caller-indexed write
 *   is reported;
 * - inline assembly `sstore(slot, …)` with a slot the caller chooses writes anywhere directly.
 * A check that the array is not empty (`array.length > 0`) before the decrement makes it safe.
 */
export default defineDetector(
  {
    id: 'arbitrary-storage-write',
    title: 'Write to an arbitrary storage location',
    swc: ['SWC-124'],
    dasp: 'access_control',
    severity: 'high',
    confidence: 0.75,
    description: 'A caller can make a storage write land on any slot: through an array whose length can underflow or be set freely, or through sstore with a caller-chosen slot.',
    exploitScenario:
      'The attacker underflows the array length, computes the index whose slot is the owner variable, and writes their own address there; then calls the owner-only withdrawal.',
    recommendation: 'Never decrease an array length without checking it is positive (use pop() in 0.5+), do not let callers set lengths, bound indices, and do not sstore to caller-chosen slots.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const minor = contract.unit.solidityMinor;
      const lengthWritable = minor === null || minor < 6;
      const arrays = new Map<StateVariable, { shrinks: Array<{ fn: FunctionModel; node: SyntaxNode }>; sets: boolean; writes: Array<{ fn: FunctionModel; node: SyntaxNode }> }>();
      const entry = (v: StateVariable) => {
        let e = arrays.get(v);
        if (!e) arrays.set(v, (e = { shrinks: [], sets: false, writes: [] }));
        return e;
      };
      for (const fn of contract.ownFunctions) {
        if (!fn.body || fn.kind === 'constructor' || fn.kind === 'modifier') continue;
        const src = contract.unit.text;
        const analysis = analyzeFunction(fn, contract);
        const open = fn.isEntryPoint && !analyzeFunction(fn, contract).senderGuarded;
        if (lengthWritable) {
          for (const n of findAll(fn.body, new Set(['update_expression', 'augmented_assignment_expression', 'assignment_expression']))) {
            const target = n.type === 'update_expression' ? n.fields.argument : n.fields.left;
            if (!target) continue;
            const path = memberPath(target, src);
            if (!path || path.length !== 2 || path[1] !== 'length') continue;
            const v = analysis.locals.has(path[0]!) ? undefined : contract.stateVariables.get(path[0]!);
            if (!v || !/\[\]$/.test(v.typeText.trim())) continue;
            const op = n.tokens.operator ?? '';
            if (n.type === 'update_expression' && op === '--' && open) entry(v).shrinks.push({ fn, node: n });
            else if (n.type === 'augmented_assignment_expression' && op === '-=' && open) entry(v).shrinks.push({ fn, node: n });
            else if (n.type === 'assignment_expression' && n.fields.right && open && mentionsAny(n.fields.right, analysis.callerControlled, src)) entry(v).sets = true;
          }
        }
        if (!open) continue;
        for (const op of analysis.operations) {
          if (op.kind !== 'state-write' || op.origin !== fn) continue;
          const n = unparen(op.node);
          if (n.type !== 'array_access' || !n.fields.index || !n.fields.base) continue;
          if (rootName(n.fields.base, src) !== op.variable.name || unparen(n.fields.base).type !== 'identifier') continue;
          if (!mentionsAny(n.fields.index, analysis.callerControlled, src)) continue;
          entry(op.variable).writes.push({ fn, node: n });
        }
        // sstore(slot, value) with a slot the caller passes.
        for (const op of analysis.operations) {
          if (op.kind !== 'assembly' || op.builtin !== 'sstore' || op.origin !== fn) continue;
          const slot = op.node.children.find((c) => c.type !== 'yul_evm_builtin');
          if (!slot) continue;
          const names = findAll(slot, 'yul_identifier').map((id) => textOf(src, id));
          if (!names.some((nm) => analysis.callerControlled.has(nm))) continue;
          report({ node: op.node, unit: contract.unit, contract, fn, message: `sstore writes to slot \`${textOf(src, slot)}\`, which the caller chooses.` });
        }
      }
      for (const [v, e] of arrays) {
        if (e.writes.length === 0) continue;
        for (const s of e.shrinks) reportShrink(contract, v, s.fn, s.node, e.writes[0]!.fn, report);
        if (e.sets) {
          for (const w of e.writes) {
            report({
              node: statementOf(w.node),
              unit: contract.unit,
              contract,
              fn: w.fn,
              message: `The caller sets both the length of ${v.name} and the index written here, so this write can reach any storage slot.`,
            });
          }
        }
      }
    }
  },
);

function reportShrink(
  contract: ContractModel,
  v: StateVariable,
  fn: FunctionModel,
  node: SyntaxNode,
  writer: FunctionModel,
  report: Parameters<Parameters<typeof defineDetector>[1]>[1],
): void {
  const src = contract.unit.text;
  const analysis = analyzeFunction(fn, contract);
  let tautology: SyntaxNode | null = null;
  for (const op of analysis.operations) {
    if (op.node.startIndex >= node.startIndex) break;
    if (op.kind !== 'guard') continue;
    const cond = textOf(src, op.condition).replace(/\s+/g, '');
    const len = `${v.name}.length`;
    if (!cond.includes(len)) continue;
    if (cond === `0<=${len}` || cond === `${len}>=0`) {
      tautology = op.node;
      continue;
    }
    return; // a real check on the length
  }
  const where = tautology ?? node;
  report({
    node: statementOf(where),
    unit: contract.unit,
    contract,
    fn,
    message: tautology
      ? `\`${textOf(src, tautology)}\` is always true (lengths are unsigned), so ${v.name}.length can underflow and ${writer.name} can then write any storage slot.`
      : `${v.name}.length is decreased without checking it is positive; after the underflow ${writer.name} can write any storage slot.`,
  });
}
