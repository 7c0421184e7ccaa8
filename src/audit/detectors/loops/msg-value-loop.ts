import { textOf } from '../../../solidity/parse/syntax.js';
import { analyzeFunction } from '../../../solidity/model/operations.js';
import { defineDetector } from '../detector.js';
import { isPayable, msgValueInLoops, readsMsgValue } from './loops-helpers.js';

/**
 * `msg.value` inside a loop (Slither's msg-value-loop). The ether of one call is paid once, but each
 * iteration reads the whole of it again: crediting `msg.value` to every receiver in a batch, or
 * buying N items each "paid" by the same `msg.value`, hands out N times what was paid. Reported in
 * payable functions (a non-payable one always sees zero) and in internal functions, both for a direct
 * read inside a loop and for a loop that calls an internal function reading `msg.value`.
 */
export default defineDetector(
  {
    id: 'msg-value-loop',
    title: 'msg.value used inside a loop',
    swc: [],
    dasp: 'other',
    severity: 'high',
    confidence: 0.75,
    description:
      '`msg.value` is read on every iteration of a loop: the ether sent once is counted once per iteration, so a batch credits or spends more than was paid.',
    exploitScenario:
      'A batch deposit credits `msg.value` to each address in a list: an attacker sends 1 ether with a list of 100 of their own addresses and is credited 100 ether, withdrawable from other users\' deposits.',
    recommendation: 'Read msg.value once before the loop and split or decrement it explicitly (track what remains), or take the per-item amounts as arguments and require that they sum to msg.value.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface') continue;
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body || fn.kind === 'modifier' || fn.kind === 'constructor') continue;
        const internal = fn.visibility === 'internal' || fn.visibility === 'private';
        if (!internal && !isPayable(fn)) continue;
        const reported = new Set<number>();
        for (const m of msgValueInLoops(fn)) {
          if (reported.has(m.startLine)) continue;
          reported.add(m.startLine);
          report({ node: m, unit: contract.unit, contract, fn, message: `${fn.name || fn.kind} reads msg.value inside a loop: the ether paid once is counted on every iteration.` });
        }
        for (const op of analyzeFunction(fn, contract).operations) {
          if (op.kind !== 'internal-call' || op.origin !== fn || op.loops.length === 0) continue;
          if (!readsMsgValue(op.target, contract) || reported.has(op.node.startLine)) continue;
          reported.add(op.node.startLine);
          report({
            node: op.node,
            unit: contract.unit,
            contract,
            fn,
            message: `${fn.name || fn.kind} calls ${op.target.name}, which reads msg.value, inside a loop (\`${textOf(src, op.node).trim()}\`): the ether paid once is counted on every iteration.`,
          });
        }
      }
    }
  },
);
