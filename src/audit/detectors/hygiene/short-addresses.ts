import { textOf } from '../../../solidity/parse/syntax.js';
import { analyzeFunction } from '../../../solidity/model/operations.js';
import { defineDetector } from '../detector.js';

/**
 * Short address attack: before Solidity 0.5 the ABI decoder accepted calldata shorter than the
 * parameters, padding the missing bytes of `amount` with zeros after a 19-byte address, so an
 * exchange that forwards a user's short address sends 256 times the amount. The exposed shape is a
 * public token-moving function `f(address to, uint amount)` that writes balances and does not check
 * `msg.data.length`. It is mostly the caller's (exchange's) bug, so severity and confidence are low.
 */
export default defineDetector(
  {
    id: 'short-addresses',
    title: 'Short address attack not prevented',
    swc: [],
    dasp: 'short_addresses',
    severity: 'low',
    confidence: 0.3,
    description:
      'A public (address, uint) transfer-style function compiled before Solidity 0.5 does not check the calldata length, so a short address shifts the amount left by the missing bytes.',
    exploitScenario:
      'An attacker with an address ending in 0x00 asks an exchange to withdraw 100 tokens to the address with the last byte left off; the exchange does not validate it, the amount is padded with a zero byte and 25,600 tokens are sent.',
    recommendation: 'Compile with Solidity 0.5 or later (the decoder rejects short calldata), or check `msg.data.length` in transfer functions; validate addresses off-chain.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const unit = contract.unit;
      if (contract.kind === 'interface' || contract.kind === 'library') continue;
      if (unit.solidityMinor !== null && unit.solidityMinor >= 5) continue;
      const src = unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body || !fn.isEntryPoint || fn.params.length !== 2) continue;
        const [to, amount] = fn.params;
        if (!/^address\b/.test(to!.typeText.trim()) || !/^uint\d*$/.test(amount!.typeText.trim())) continue;
        if (fn.mutability === 'view' || fn.mutability === 'pure') continue;
        if (/msg\.data\.length/.test(textOf(src, fn.node))) continue;
        if (fn.modifiers.some((m) => m.definition?.body && /msg\.data\.length/.test(textOf(m.definition.contract.unit.text, m.definition.body)))) continue;
        // It must move a balance: write a mapping entry by the address parameter.
        const analysis = analyzeFunction(fn, contract);
        const toName = to!.name ?? '';
        const moves = analysis.operations.some((op) => op.kind === 'state-write' && op.variable.isMapping && new RegExp(`\\[\\s*${toName.replace(/\$/g, '\\$')}\\s*\\]`).test(textOf(src, op.node)));
        if (!toName || !moves) continue;
        report({
          node: fn.node,
          unit,
          contract,
          fn,
          headerOnly: true,
          message: `${fn.name}(${to!.typeText} ${toName}, ${amount!.typeText} ${amount!.name ?? ''}) accepts short calldata (Solidity 0.${unit.solidityMinor ?? '?'}): a truncated address shifts the amount.`,
        });
      }
    }
  },
);
