import { textOf } from '../../../solidity/parse/syntax.js';
import { defineDetector } from '../detector.js';
import { arbitraryFromPulls } from './tokens-helpers.js';

/**
 * `permit` followed by `transferFrom` from a caller-chosen account (Slither's
 * arbitrary-send-erc20-permit). The signature is meant to authorise the pull, but a token without
 * `permit` whose fallback does not revert (WETH) accepts any call to it, and a permit signed for one
 * purpose can be replayed into this function by a front-runner: the caller still decides whose
 * allowance is spent and where it goes.
 */
export default defineDetector(
  {
    id: 'arbitrary-send-erc20-permit',
    title: 'permit and transferFrom with a caller-chosen from address',
    swc: [],
    dasp: 'access_control',
    severity: 'high',
    confidence: 0.6,
    description:
      'An entry point calls `permit` and then `transferFrom` with a `from` taken from its arguments and not tied to the caller: with a token whose fallback accepts the `permit` call, or with a front-run signature, anyone can move the tokens of an account that approved this contract.',
    exploitScenario:
      'Alice approved the router for WETH, which has no `permit` but a payable fallback. Bob calls `depositWithPermit(alice, amount, …)` with a junk signature: the `permit` call succeeds silently and Alice\'s WETH is pulled for Bob.',
    recommendation: 'Pull from `msg.sender`, or require that `from == msg.sender`; do not rely on `permit` succeeding as proof of consent.',
  },
  (ctx, report) => {
    for (const { contract, fn, pull, withPermit } of arbitraryFromPulls(ctx)) {
      if (!withPermit) continue;
      const src = contract.unit.text;
      report({
        node: pull.call,
        unit: contract.unit,
        contract,
        fn,
        message: `${fn.name} calls permit and then \`${pull.method}\` from \`${textOf(src, pull.from).trim()}\`, an account the caller chooses: a token that accepts any permit call, or a front-run signature, lets anyone spend that account's allowance.`,
      });
    }
  },
);
