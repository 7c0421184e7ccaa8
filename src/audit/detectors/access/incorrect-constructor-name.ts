import { analyzeFunction } from '../../../solidity/model/operations.js';
import { isMisnamedConstructor } from './access-helpers.js';
import { defineDetector } from '../detector.js';

/**
 * Before Solidity 0.4.22 a constructor was the function named exactly like its contract. A function
 * whose name differs only in case (`missing` in `contract Missing`), by a small typo, or that is called
 * `Constructor`, in a contract that has no constructor, was meant to be one; it is an ordinary public
 * function instead, callable by anyone at any time, and whatever it sets up (usually the owner) can be
 * re-set by an attacker. Only functions that write state are reported: a same-named view is harmless.
 */
export default defineDetector(
  {
    id: 'incorrect-constructor-name',
    title: 'Constructor name does not match the contract',
    swc: ['SWC-118'],
    dasp: 'access_control',
    severity: 'high',
    confidence: 0.85,
    description: 'A function that looks like the old-style constructor does not have exactly the contract\'s name, so it is a public function anyone can call.',
    exploitScenario:
      'The deployer believes the function ran once at deployment. An attacker calls it later, becomes owner, and withdraws the funds through the owner-only functions.',
    recommendation: 'Use the `constructor` keyword (Solidity 0.4.22 and later), or rename the function to match the contract exactly.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      for (const fn of contract.ownFunctions) {
        if (!isMisnamedConstructor(fn, contract)) continue;
        if (!analyzeFunction(fn, contract).flattened.some((op) => op.kind === 'state-write')) continue;
        report({
          node: fn.node,
          headerOnly: true,
          unit: contract.unit,
          contract,
          fn,
          message: `${fn.name} in contract ${contract.name} looks like a constructor but is a public function anyone can call.`,
        });
      }
    }
  },
);
