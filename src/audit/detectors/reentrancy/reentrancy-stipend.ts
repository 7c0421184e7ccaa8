import { defineDetector } from '../detector.js';
import { describe, reentrancyCandidates } from './reentrancy-helpers.js';

/**
 * The DAO pattern through `send`/`transfer` (or a call with a literal gas of 2,300 or less): state read
 * before the payment is updated only after it. The 2,300-gas stipend stops a re-entrant state change
 * only as long as gas prices stay as they are; EIP-1884 (Istanbul) already repriced SLOAD, and a
 * future repricing can make such code re-entrant, so the stipend is no protection to rely on. Lower
 * severity than reentrancy-eth, as Slither's unlimited-gas variant is.
 */
export default defineDetector(
  {
    id: 'reentrancy-stipend',
    title: 'Reentrancy: state updated after send/transfer (relies on the gas stipend)',
    swc: ['SWC-107'],
    dasp: 'reentrancy',
    severity: 'low',
    confidence: 0.5,
    description:
      'Ether is sent with send/transfer before the function updates state it read earlier. Only the 2,300-gas stipend keeps the recipient from re-entering, and gas costs change between forks (EIP-1884).',
    exploitScenario:
      'After a repricing lowers the cost of the operations a re-entrant call needs (or with a gas-token style refund), the recipient’s fallback calls withdraw() again and is paid from the stale balance.',
    recommendation: 'Update state before sending (checks-effects-interactions), whatever the gas forwarded; prefer pull payments.',
  },
  (ctx, report) => {
    for (const c of reentrancyCandidates(ctx)) {
      if (c.kind !== 'stipend') continue;
      report({
        node: c.anchor,
        unit: c.unit,
        contract: c.contract,
        fn: c.fn,
        message: `${c.fn.name || c.fn.kind}: ${describe(c)}; only the 2,300-gas stipend stands in the way of a re-entrant call, and gas costs are repriced between forks (EIP-1884).`,
        evidence: { variables: c.variables.map((v) => v.name), writeLine: c.write.node.startLine },
      });
    }
  },
);
