import { findAll, textOf, unparen } from '../../../solidity/parse/syntax.js';
import { analyzeFunction, rootName } from '../../../solidity/model/operations.js';
import { isRestricted } from '../../../solidity/model/access.js';
import { mentionsTainted, valueTaintedLocals } from '../../../solidity/dataflow.js';
import { defineDetector } from '../detector.js';

/**
 * A storage array's length set to a value the caller chooses (Slither's controlled-array-length;
 * SWC-124). Before Solidity 0.6 `arr.length = n` was writable: a caller who picks n = 2^256 - 1 makes
 * every index valid, and since the elements live at keccak(slot) + index, a later indexed write can
 * reach any storage slot (the owner's included). Even a modest n lets anyone grow the array at will.
 * Reported in entry points without access control, when the new length carries a parameter.
 */
export default defineDetector(
  {
    id: 'controlled-array-length',
    title: 'Array length set by the caller',
    swc: ['SWC-124'],
    dasp: 'access_control',
    severity: 'high',
    confidence: 0.75,
    description:
      'An entry point without access control assigns a caller-chosen value to a storage array\'s `length` (Solidity < 0.6), so anyone can make the array as long as they like, up to covering all of storage.',
    exploitScenario:
      'An attacker sets `data.length = 2**256 - 1`, then writes `data[i]` at the index whose slot is `owner`, and takes over the contract.',
    recommendation: 'Do not let callers set array lengths: use push/pop, bound the new length, or restrict the function to an administrator. Solidity 0.6+ forbids writing `length`.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const minor = contract.unit.solidityMinor;
      if (minor !== null && minor >= 6) continue;
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body || !fn.isEntryPoint || fn.kind === 'modifier' || fn.kind === 'constructor') continue;
        const analysis = analyzeFunction(fn, contract);
        // A parameter used only as an index (`lens[who]`) selects a stored value; the caller does not choose it.
        const chosen = valueTaintedLocals(fn, new Set(fn.params.flatMap((p) => (p.name ? [p.name] : []))), src);
        let restricted: boolean | null = null;
        for (const a of findAll(fn.body, 'assignment_expression')) {
          const left = a.fields.left ? unparen(a.fields.left) : null;
          if (left?.type !== 'member_expression' || !left.fields.property || !left.fields.object || textOf(src, left.fields.property) !== 'length') continue;
          const root = rootName(left.fields.object, src);
          const isState = root !== null && ((!analysis.locals.has(root) && contract.stateVariables.has(root)) || analysis.storageAliases.has(root));
          if (!isState || !a.fields.right || !mentionsTainted(a.fields.right, chosen, src)) continue;
          restricted ??= isRestricted(fn, contract, { modifierNames: 'access' });
          if (restricted) break;
          report({
            node: a,
            unit: contract.unit,
            contract,
            fn,
            message: `${fn.name} sets \`${textOf(src, left)}\` to \`${textOf(src, a.fields.right).trim()}\`, a value any caller chooses: the array can be made to cover all of storage.`,
          });
        }
      }
    }
  },
);
