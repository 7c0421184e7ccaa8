import { defineDetector } from '../detector.js';
import { describe, reentrancyCandidates } from './reentrancy-helpers.js';

/**
 * Cross-function reentrancy: the state written after the external call is not read again by this
 * function, but another state-changing entry point reads and updates it (e.g. `transfer()` moving a
 * balance that `withdraw()` zeroes only after paying). The attacker re-enters through that other
 * function while the value is stale. Reported only when the same-function rule does not already
 * cover the call.
 */
export default defineDetector(
  {
    id: 'reentrancy-cross-function',
    title: 'Cross-function reentrancy',
    swc: ['SWC-107'],
    dasp: 'reentrancy',
    severity: 'medium',
    confidence: 0.45,
    description:
      'State that another public function reads and updates is written only after an external call, so the callee can call that other function while the state is stale.',
    exploitScenario:
      'withdraw() sends ether before zeroing the balance; in its fallback the attacker calls transfer() to move the not-yet-zeroed balance to a second account, then both accounts withdraw it.',
    recommendation:
      'Update all shared state before the external call, or guard every function that touches it with the same reentrancy lock.',
  },
  (ctx, report) => {
    for (const c of reentrancyCandidates(ctx)) {
      if (c.kind !== 'cross-function') continue;
      report({
        node: c.anchor,
        unit: c.unit,
        contract: c.contract,
        fn: c.fn,
        message: `${c.fn.name || c.fn.kind}: ${describe(c)}, which ${c.other?.name ?? 'another function'}() reads and updates.`,
        evidence: { variables: c.variables.map((v) => v.name), writeLine: c.write.node.startLine, otherFunction: c.other?.name },
        ...(c.senderGuarded ? { severity: 'low' as const, confidence: 0.3 } : {}),
      });
    }
  },
);
