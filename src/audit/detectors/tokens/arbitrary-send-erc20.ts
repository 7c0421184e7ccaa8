import { textOf } from '../../../solidity/parse/syntax.js';
import { defineDetector } from '../detector.js';
import { arbitraryFromPulls } from './tokens-helpers.js';

/**
 * `transferFrom` with a `from` the caller chooses (Slither's arbitrary-send-erc20). An allowance is
 * given to a contract, not to whoever calls it: when an open function passes a caller-chosen account
 * as `from`, anyone can spend the allowance of every user who approved the contract and send the
 * tokens where they like. `from` is safe when it is `msg.sender`, the contract itself, a local only
 * ever set to those, or when a guard ties it to the caller (`require(from == msg.sender)`, an
 * allowance keyed by both). The variant where the function also calls `permit` is its own detector.
 */
export default defineDetector(
  {
    id: 'arbitrary-send-erc20',
    title: 'transferFrom with a caller-chosen from address',
    swc: [],
    dasp: 'access_control',
    severity: 'high',
    confidence: 0.7,
    description:
      'An entry point without access control calls `transferFrom` (or `safeTransferFrom`) with a `from` account taken from its arguments, so any caller can spend the token allowance other users gave this contract.',
    exploitScenario:
      'Alice approved the vault for unlimited USDC. Bob calls `deposit(alice, amount)`: the vault pulls Alice\'s USDC and credits Bob, or sends it wherever Bob chose.',
    recommendation: 'Use `msg.sender` as the `from` account, or check that the caller is `from` (or holds an allowance from it) before pulling the tokens.',
  },
  (ctx, report) => {
    for (const { contract, fn, pull, withPermit } of arbitraryFromPulls(ctx)) {
      if (withPermit) continue;
      const src = contract.unit.text;
      report({
        node: pull.call,
        unit: contract.unit,
        contract,
        fn,
        message: `${fn.name} pulls tokens with \`${pull.method}\` from \`${textOf(src, pull.from).trim()}\`, an account the caller chooses: anyone can spend the allowance other users gave this contract.`,
      });
    }
  },
);
