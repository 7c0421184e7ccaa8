import { defineDetector } from '../detector.js';
import { describe, reentrancyCandidates } from './reentrancy-helpers.js';

/**
 * Read-only reentrancy: a view function exposes state that a function writes only after an external
 * call. During the call the view returns a stale value, which other protocols (price oracles,
 * collateral checks) may rely on (Curve/Balancer read-only reentrancy, 2022-2023). Lowest priority of
 * the reentrancy findings: reported only when no other reentrancy rule covers the call.
 */
export default defineDetector(
  {
    id: 'reentrancy-read-only',
    title: 'Read-only reentrancy',
    swc: ['SWC-107'],
    dasp: 'reentrancy',
    severity: 'low',
    confidence: 0.3,
    description:
      'A public view function reads state that is written only after an external call, so during that call the view reports a stale value.',
    exploitScenario:
      'While the contract is paying out, the attacker’s fallback calls a lending protocol that prices collateral with this contract’s view function; the view still reflects the pre-payout state and the attacker borrows against an inflated value.',
    recommendation:
      'Update state before external calls, and have view functions that others rely on check the reentrancy lock (revert while it is held).',
  },
  (ctx, report) => {
    for (const c of reentrancyCandidates(ctx)) {
      if (c.kind !== 'read-only') continue;
      report({
        node: c.anchor,
        unit: c.unit,
        contract: c.contract,
        fn: c.fn,
        message: `${c.fn.name || c.fn.kind}: ${describe(c)}, which the view ${c.other?.name ?? ''}() returns.`,
        evidence: { variables: c.variables.map((v) => v.name), writeLine: c.write.node.startLine, viewFunction: c.other?.name },
      });
    }
  },
);
