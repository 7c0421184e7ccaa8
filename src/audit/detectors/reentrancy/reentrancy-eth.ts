import { defineDetector } from '../detector.js';
import { describe, reentrancyCandidates } from './reentrancy-helpers.js';

/**
 * The DAO pattern: ether (or all remaining gas) goes to another address, and only afterwards does the
 * function update the state it read to decide the payment. The callee re-enters and is paid again from
 * the stale balance. Reported on the call (or on the internal call / modifier use that leads to it),
 * because that is the line an auditor asks to move after the effects. `send`/`transfer` forward 2300
 * gas and are not flagged; nonReentrant-style modifiers and checked-and-set lock variables suppress it.
 */
export default defineDetector(
  {
    id: 'reentrancy-eth',
    title: 'Reentrancy: state updated after sending ether',
    swc: ['SWC-107'],
    dasp: 'reentrancy',
    severity: 'high',
    confidence: 0.8,
    description:
      'A low-level call that forwards ether or all remaining gas runs before the function updates state it read earlier, so the recipient can call back in while that state is stale.',
    exploitScenario:
      'An attacker contract calls withdraw(); in its fallback it calls withdraw() again, which still sees the old balance and pays again, until the contract is drained (The DAO, 2016).',
    recommendation:
      'Apply checks-effects-interactions: update balances and other state before the external call, or protect the function with a reentrancy guard (e.g. OpenZeppelin ReentrancyGuard). Prefer pull payments.',
  },
  (ctx, report) => {
    for (const c of reentrancyCandidates(ctx)) {
      if (c.kind !== 'eth') continue;
      report({
        node: c.anchor,
        unit: c.unit,
        contract: c.contract,
        fn: c.fn,
        message: `${c.fn.name || c.fn.kind}: ${describe(c)}; a re-entrant call sees the old value.`,
        evidence: { variables: c.variables.map((v) => v.name), writeLine: c.write.node.startLine },
        // Without ether, or behind an owner check, the same flaw is harder to exploit.
        ...(c.noValue || c.senderGuarded ? { severity: 'medium' as const, confidence: 0.6 } : {}),
      });
    }
  },
);
