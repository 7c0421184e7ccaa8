import { isMsgSender } from '../../../solidity/model/expressions.js';
import { analyzeFunction, rootName } from '../../../solidity/model/operations.js';
import { defineDetector } from '../detector.js';
import { isRestricted } from '../../../solidity/model/access.js';
import { assignedValue, revertsOnFailure } from './calls-helpers.js';

/**
 * "King of the hill" denial of service (SWC-113): a public function refunds the current leader (an
 * address kept in state) with a payment that reverts on failure — `transfer`, `require(send)`,
 * `require(call)` — and then makes the caller the new leader. A leader that is a contract whose
 * fallback reverts makes every later call revert, so nobody can ever take its place (the auction and
 * King-of-the-Ether exploits).
 *
 * The rule needs both halves in the same unguarded entry point: the reverting payment to a state
 * address, and a write of `msg.sender` into that same state variable. A payment to an owner or to a
 * fixed beneficiary is not this issue.
 */
export default defineDetector(
  {
    id: 'dos-reverting-recipient',
    title: 'Denial of service: refund to the previous leader can revert',
    swc: ['SWC-113'],
    dasp: 'denial_of_service',
    severity: 'medium',
    confidence: 0.75,
    description:
      'The function pays the address it is about to replace and reverts if that payment fails, so the current holder can make the function unusable by rejecting payments.',
    exploitScenario:
      'An attacker becomes the leader from a contract whose fallback reverts; every later bid tries to refund it, the refund fails, the bid reverts, and the attacker stays leader forever.',
    recommendation:
      'Do not push refunds to the previous leader: credit them in a mapping and let them withdraw (pull payments), or use an unchecked send whose failure is recorded for a later withdrawal.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface' || contract.kind === 'library') continue;
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body || !fn.isEntryPoint || fn.kind === 'modifier') continue;
        const analysis = analyzeFunction(fn, contract);
        if (isRestricted(fn, contract, { modifierNames: 'access' })) continue;
        // State variables this function overwrites with the caller's address.
        const takenBySender = new Set<string>();
        for (const op of analysis.operations) {
          if (op.kind !== 'state-write' || op.origin !== fn) continue;
          const value = assignedValue(op.node);
          if (value && isMsgSender(value, src)) takenBySender.add(op.variable.name);
        }
        if (takenBySender.size === 0) continue;
        for (const op of analysis.operations) {
          if (op.kind !== 'external-call' || op.origin !== fn || op.loops.length > 0) continue;
          const call = op.call;
          const reverts = call.kind === 'transfer' || ((call.kind === 'send' || call.kind === 'call') && revertsOnFailure(call.node, src));
          if (!reverts) continue;
          const root = rootName(call.target, src);
          if (!root || analysis.locals.has(root) || !takenBySender.has(root)) continue;
          report({
            node: call.node,
            unit: contract.unit,
            contract,
            fn,
            message: `${fn.name || fn.kind} pays \`${root}\` and reverts if the payment fails, then replaces \`${root}\` with the caller: a holder that rejects ether blocks this function for everyone.`,
          });
        }
      }
    }
  },
);
