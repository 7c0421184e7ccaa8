import { defineDetector } from '../detector.js';
import { bodies, danglingValueCalls, lowLevelSites } from './calls-helpers.js';

/**
 * `call`, `send`, `delegatecall`, `callcode` and `staticcall` do not revert when the callee fails:
 * they return false. When that boolean is dropped (a bare statement, or stored in a variable nothing
 * reads), the function carries on as if the payment or call succeeded — state is updated, ether is
 * considered paid, a token transfer is assumed done. This is SWC-104 and the largest SmartBugs
 * category; Slither's `unchecked-lowlevel`/`unchecked-send` use the same rule.
 *
 * Checked means the value is tested (`require`, `assert`, `if`, `!`, a boolean operator), returned,
 * passed to another call or stored beyond the function. `transfer` reverts by itself and is not
 * reported. `addr.call.value(v);` without the final `()` never makes the call at all (pre-0.5 syntax
 * slip) and is reported too: the author believed ether was sent and nothing checks it.
 */
export default defineDetector(
  {
    id: 'unchecked-low-level-call',
    title: 'Unchecked low-level call',
    swc: ['SWC-104'],
    dasp: 'unchecked_low_level_calls',
    severity: 'medium',
    confidence: 0.85,
    description:
      'The boolean returned by a low-level call (call, send, delegatecall, callcode, staticcall) is ignored, so a failed call goes unnoticed and execution continues as if it had succeeded.',
    exploitScenario:
      'A payout with send() fails because the recipient is a contract whose fallback reverts or needs more than 2300 gas; the contract still marks the payout as done, and the ether stays locked or is credited to the wrong party.',
    recommendation:
      'Check the result: `(bool ok, ) = to.call{value: v}(""); require(ok);`, or use transfer / a pull-payment pattern. If a failure is acceptable, handle it explicitly (e.g. record the amount for a later withdrawal).',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface') continue;
      for (const fn of bodies(contract)) {
        for (const site of lowLevelSites(fn)) {
          if (site.use !== 'ignored' || site.call.kind === 'transfer') continue;
          const src = contract.unit.text;
          const target = src.slice(site.call.target.startIndex, site.call.target.endIndex);
          report({
            node: site.node,
            unit: contract.unit,
            contract,
            fn,
            message: `The result of \`${target}.${site.call.kind}(…)\` in ${fn.name || fn.kind} is not checked; a failed call is silently ignored.`,
            evidence: { kind: site.call.kind },
          });
        }
        for (const node of danglingValueCalls(fn)) {
          report({
            node,
            unit: contract.unit,
            contract,
            fn,
            message: `\`${contract.unit.text.slice(node.startIndex, node.endIndex)}\` only configures the call and never makes it (missing \`()\`); no ether is sent and nothing checks it.`,
            confidence: 0.9,
          });
        }
      }
    }
  },
);
