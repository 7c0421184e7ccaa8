import { textOf, unparen } from '../../../solidity/parse/syntax.js';
import type { StateVariable } from '../../../solidity/model/types.js';
import { defineDetector } from '../detector.js';
import { operationsInLoops } from './loops-helpers.js';

/**
 * Costly storage operations in a loop (Slither's costly-loop). Writing the same state variable on
 * every iteration (`count++`, `total += x`) pays a storage write per iteration where one local
 * accumulator and a single write after the loop would do; with an unbounded loop the function nears
 * the block gas limit sooner. Only whole scalar state variables are reported: writes to
 * `balances[who[i]]` touch a different slot each time and are the loop's purpose.
 */
export default defineDetector(
  {
    id: 'costly-loop',
    title: 'State variable written on every loop iteration',
    swc: [],
    dasp: 'denial_of_service',
    severity: 'low',
    confidence: 0.6,
    description:
      'A loop writes the same state variable on every iteration. Each write is a storage operation (up to 20,000 gas); accumulating in a local and writing once after the loop costs far less and keeps long loops under the block gas limit.',
    exploitScenario:
      'A batch function increments a storage counter per item; as lists grow, each call costs more, until batches of realistic size no longer fit in a block.',
    recommendation: 'Copy the state variable to a local before the loop, update the local inside it, and write it back once after the loop.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface' || contract.kind === 'library') continue;
      for (const fn of contract.ownFunctions) {
        if (!fn.body || fn.kind === 'modifier') continue;
        const reported = new Set<StateVariable>();
        for (const { op, site } of operationsInLoops(fn, contract)) {
          if (op.kind !== 'state-write' || reported.has(op.variable)) continue;
          const v = op.variable;
          if (v.isMapping || v.isArray || v.isConstant || v.isImmutable) continue;
          const src = op.origin.contract.unit.text;
          // The whole variable, not a field or element of it.
          if (unparen(op.node).type !== 'identifier' || textOf(src, unparen(op.node)) !== v.name) continue;
          reported.add(v);
          report({
            node: site,
            unit: contract.unit,
            contract,
            fn,
            message: `${fn.name || fn.kind} writes the state variable \`${v.name}\` on every loop iteration: accumulate in a local and write it once after the loop.`,
          });
        }
      }
    }
  },
);
