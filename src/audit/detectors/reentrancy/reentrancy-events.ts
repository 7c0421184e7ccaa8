import { textOf } from '../../../solidity/parse/syntax.js';
import { defineDetector } from '../detector.js';
import { reentrancyCandidates } from './reentrancy-helpers.js';

/**
 * Reentrancy that only reorders events: every state update happens before the external call, but
 * events are emitted after it. A re-entrant call emits its events first, so the log shows the inner
 * withdrawal before the outer one; indexers, bridges and monitors that trust the order are misled.
 * Informational in impact: reported at low severity, only when no other reentrancy rule covers the call.
 */
export default defineDetector(
  {
    id: 'reentrancy-events',
    title: 'Reentrancy: events emitted after an external call',
    swc: ['SWC-107'],
    dasp: 'reentrancy',
    severity: 'low',
    confidence: 0.4,
    description: 'An event is emitted after a call that can re-enter the contract; a re-entrant call emits its own events first, so the log is out of order.',
    exploitScenario: 'The recipient re-enters withdraw(); off-chain accounting that replays the Withdrawn events in log order sees balances go negative or credits the wrong withdrawal.',
    recommendation: 'Emit events before the external call (checks-effects-interactions applies to events too), or use a reentrancy guard.',
  },
  (ctx, report) => {
    for (const c of reentrancyCandidates(ctx)) {
      if (c.kind !== 'events') continue;
      const src = c.call.origin.contract.unit.text;
      const names = (c.events ?? []).map((e) => textOf(src, e).replace(/^emit\s+/, '').split('(')[0]!.trim());
      report({
        node: c.anchor,
        unit: c.unit,
        contract: c.contract,
        fn: c.fn,
        message: `${c.fn.name || c.fn.kind}: \`${textOf(src, c.call.node).split('\n')[0]!.trim().slice(0, 80)}\` can re-enter before ${names.join(', ')} is emitted (line ${c.events?.[0]?.startLine}); a re-entrant call logs first.`,
        evidence: { events: names },
      });
    }
  },
);
