import { defineDetector } from '../detector.js';
import { isPayable, operationsInLoops, refusesEther } from './loops-helpers.js';

/**
 * `delegatecall` in a loop of a payable function (Slither's delegatecall-loop). A delegatecall keeps
 * the caller's `msg.value`: every delegated call in a multicall sees the whole ether of the
 * transaction, so a payable `deposit()` batched N times credits N deposits for one payment. Reported
 * for payable entry points, including loops in the internal functions they call; a function that
 * refuses ether (`require(msg.value == 0)`) is safe.
 */
export default defineDetector(
  {
    id: 'delegatecall-loop',
    title: 'delegatecall inside a loop of a payable function',
    swc: ['SWC-112'],
    dasp: 'other',
    severity: 'high',
    confidence: 0.7,
    description:
      'A payable function runs `delegatecall` in a loop. Each delegated call keeps the original `msg.value`, so code that credits msg.value runs once per iteration for a single payment.',
    exploitScenario:
      'A payable multicall delegates to this contract\'s own `deposit()`: an attacker sends 1 ether with ten encoded `deposit()` calls and is credited 10 ether.',
    recommendation: 'Make the batching function non-payable or require msg.value == 0, or account for the ether once, outside the delegated calls.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface' || contract.kind === 'library') continue;
      for (const fn of contract.ownFunctions) {
        if (!fn.body || !fn.isEntryPoint || !isPayable(fn) || fn.kind === 'modifier') continue;
        const hits = operationsInLoops(fn, contract, true).filter(({ op }) => op.kind === 'external-call' && (op.call.kind === 'delegatecall' || op.call.kind === 'callcode'));
        if (hits.length === 0 || refusesEther(fn, contract)) continue;
        const seen = new Set<number>();
        for (const { site } of hits) {
          if (seen.has(site.startLine)) continue;
          seen.add(site.startLine);
          report({
            node: site,
            unit: contract.unit,
            contract,
            fn,
            message: `${fn.name || fn.kind} is payable and delegatecalls in a loop: every delegated call sees the same msg.value, so the ether sent once can be counted many times.`,
          });
        }
      }
    }
  },
);
