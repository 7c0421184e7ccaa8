import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { defineDetector } from '../detector.js';

/**
 * Strict equality on an ether balance (SWC-132). Anyone can add ether to any address without its
 * consent: `selfdestruct(target)` and block rewards credit an account without running its code, and a
 * contract's future address can be funded before it is deployed. So `address(x).balance == v` (or
 * `!=`) can be made false — or true — at will. Only `==`/`!=` on `.balance` are reported: `>=`/`<=`
 * tolerate extra ether, and token `balanceOf` is a different (SWC-less) question.
 */
function isBalance(node: SyntaxNode, src: string): boolean {
  const n = unparen(node);
  return n.type === 'member_expression' && n.fields.property !== undefined && textOf(src, n.fields.property) === 'balance';
}

export default defineDetector(
  {
    id: 'strict-balance-equality',
    title: 'Strict equality on an ether balance',
    swc: ['SWC-132'],
    dasp: 'other',
    severity: 'medium',
    confidence: 0.7,
    description: 'A condition tests an ether balance with == or !=. Ether can be forced into any address (selfdestruct, pre-funding a predictable address), so the exact value is not under the contract\'s control.',
    exploitScenario:
      'An attacker selfdestructs a contract holding 1 wei with this contract as beneficiary; `this.balance == totalDeposits` is now false forever, and every function guarded by it is locked.',
    recommendation: 'Compare with >= or <=, or track deposits in a state variable instead of reading the balance.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        for (const cmp of findAll(fn.body, 'binary_expression')) {
          const op = cmp.tokens.operator;
          if (op !== '==' && op !== '!=') continue;
          const { left, right } = cmp.fields;
          if (!left || !right || !(isBalance(left, src) || isBalance(right, src))) continue;
          report({ node: cmp, unit: contract.unit, contract, fn, message: `\`${textOf(src, cmp).trim()}\` compares an ether balance exactly; forced ether makes it unreliable.` });
        }
      }
    }
  },
);
