import { findAll, textOf, unparen } from '../../../solidity/parse/syntax.js';
import { callArguments } from '../../../solidity/model/expressions.js';
import { defineDetector } from '../detector.js';

/**
 * Hard-coded gas amount (SWC-134): `x.call.gas(10000)(…)` or `c.f{gas: 10000}(…)` with a literal.
 * Gas costs change between forks (EIP-1884 raised SLOAD from 200 to 800 gas), so a call given a
 * fixed budget that suffices today can run out tomorrow. `transfer` and `send` carry the same fixed
 * 2300 stipend, but they are the language's documented behaviour and are reported (if at all) by the
 * call detectors, so only explicit literal amounts are reported here.
 */
export default defineDetector(
  {
    id: 'hardcoded-gas',
    title: 'Call with a hard-coded gas amount',
    swc: ['SWC-134'],
    dasp: 'other',
    severity: 'low',
    confidence: 0.8,
    description: 'A call forwards a fixed, literal amount of gas. Gas costs of opcodes change between network upgrades, so a fixed budget can become too small.',
    exploitScenario:
      'After a fork raises storage read costs, the callee\'s fallback no longer fits in the hard-coded 10,000 gas; every payout through this call fails and funds stay locked.',
    recommendation: 'Forward all remaining gas (and guard against reentrancy with checks-effects-interactions or a lock), or make the gas amount configurable.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        for (const call of findAll(fn.body, 'call_expression')) {
          const f = unparen(call.fields.function ?? call.children[0]!);
          if (f.type !== 'member_expression' || !f.fields.property || textOf(src, f.fields.property) !== 'gas') continue;
          const amount = callArguments(call)[0];
          if (!amount || unparen(amount).type !== 'number_literal') continue;
          report({ node: call, unit: contract.unit, contract, fn, message: `\`.gas(${textOf(src, amount)})\` hard-codes the gas forwarded by the call.` });
        }
        for (const option of findAll(fn.body, 'struct_field_assignment')) {
          if (option.parent?.type !== 'struct_expression' || option.parent.parent?.type !== 'call_expression') continue;
          const { name, value } = option.fields;
          if (!name || !value || textOf(src, name) !== 'gas' || unparen(value).type !== 'number_literal') continue;
          report({ node: option.parent.parent, unit: contract.unit, contract, fn, message: `\`{gas: ${textOf(src, value)}}\` hard-codes the gas forwarded by the call.` });
        }
      }
    }
  },
);
