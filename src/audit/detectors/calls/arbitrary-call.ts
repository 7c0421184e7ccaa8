import { textOf, unparen } from '../../../solidity/parse/syntax.js';
import { analyzeFunction, rootName } from '../../../solidity/model/operations.js';
import { isRestricted } from '../../../solidity/model/access.js';
import { uncast } from './calls-helpers.js';
import type { ContractModel } from '../../../solidity/model/types.js';
import { defineDetector } from '../detector.js';

/**
 * An arbitrary call: a function anyone can call makes a low-level `call` whose target address AND
 * whole calldata come from the caller (`target.call(data)` with both as parameters). The contract then
 * acts as the attacker's proxy with its own identity: it can be made to call
 * `token.transferFrom(victim, attacker, amount)` on approvals users gave it, `token.transfer` its own
 * token balance out, or any admin function of a contract that trusts it. This is an access-control
 * flaw (DASP access_control; Slither's `arbitrary-send-erc20`/`controlled-call` family).
 *
 * Only the fully arbitrary shape is reported, and only in contracts that handle tokens (they call
 * transfer/transferFrom/approve on a token, so they hold balances or approvals worth stealing): a
 * forwarding proxy that holds nothing only spends the caller's own ether. A fixed selector with
 * caller-chosen arguments, or a caller-chosen target with fixed calldata, are narrower shapes.
 */
export default defineDetector(
  {
    id: 'arbitrary-call',
    title: 'Arbitrary call with caller-chosen target and calldata',
    swc: ['SWC-112'],
    dasp: 'access_control',
    severity: 'high',
    confidence: 0.7,
    description:
      'A function without access control forwards a call to an address and with calldata both chosen by the caller, so anyone can make this contract call anything in its own name.',
    exploitScenario:
      'Users approved this contract to spend their tokens; an attacker calls it with target = the token and data = transferFrom(victim, attacker, allowance), and the token honours the call because it comes from the approved contract.',
    recommendation: 'Restrict the function to an authorized caller, or whitelist the targets and function selectors it may call.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface' || contract.kind === 'library') continue;
      const src = contract.unit.text;
      if (!handlesTokens(contract)) continue;
      for (const fn of contract.ownFunctions) {
        if (!fn.body || !fn.isEntryPoint || fn.kind === 'modifier') continue;
        const analysis = analyzeFunction(fn, contract);
        if (isRestricted(fn, contract, { modifierNames: 'access' })) continue;
        for (const op of analysis.operations) {
          if (op.kind !== 'external-call' || op.origin !== fn || op.call.kind !== 'call') continue;
          const { target, args } = op.call;
          const root = rootName(uncast(target, src), src);
          if (!root || !analysis.callerControlled.has(root)) continue;
          if (args.length !== 1) continue;
          const data = unparen(args[0]!);
          if (data.type !== 'identifier') continue;
          const name = textOf(src, data);
          const param = fn.params.find((p) => p.name === name);
          if (!param || !/^bytes\b(?!\d)/.test(param.typeText.trim())) continue;
          report({
            node: op.call.node,
            unit: contract.unit,
            contract,
            fn,
            message: `${fn.name || fn.kind} lets any caller choose both the target \`${textOf(src, target)}\` and the calldata \`${name}\` of a call made in this contract's name.`,
          });
        }
      }
    }
  },
);

const TOKEN_METHODS = /^(safe)?(transfer|transferFrom|approve|increaseAllowance|safeTransferFrom)$/;

/** The contract moves or approves tokens through high-level calls. */
function handlesTokens(contract: ContractModel): boolean {
  for (const fn of contract.functions) {
    if (!fn.body) continue;
    for (const op of analyzeFunction(fn, contract).operations) {
      if (op.kind === 'external-call' && op.call.kind === 'high-level' && op.call.method && TOKEN_METHODS.test(op.call.method)) return true;
    }
  }
  return false;
}
