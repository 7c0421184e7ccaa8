import { findAll, textOf, unparen } from '../../../solidity/parse/syntax.js';
import { defineDetector } from '../detector.js';

/**
 * `^` written for exponentiation (Slither's incorrect-exp). In Solidity `^` is bitwise XOR: `10 ^ 18`
 * is 24, not 10**18, and `2 ^ n` is `2 XOR n`. Reported when the left operand is a decimal literal of 2
 * or more (a base) and the right operand is not a hex literal: XOR with hex masks (`0xff ^ x`) or
 * between two variables is real bit arithmetic.
 */
export default defineDetector(
  {
    id: 'incorrect-exp',
    title: 'Bitwise XOR (^) used as exponentiation',
    swc: [],
    dasp: 'arithmetic',
    severity: 'high',
    confidence: 0.8,
    description: '`a ^ b` is bitwise XOR in Solidity, not a power: `10 ^ 18` evaluates to 24 and `2 ^ 8` to 10.',
    exploitScenario: 'A token sets `ONE = 10 ^ 18` to scale prices: every price computed with it is off by a factor of about 4e16, so users buy tokens for a dust amount of ether.',
    recommendation: 'Use `**` for exponentiation (`10 ** 18`), or a constant written out (`1e18`).',
  },
  (ctx, report) => {
    for (const unit of ctx.ownUnits) {
      const src = unit.text;
      for (const x of findAll(unit.root, 'binary_expression')) {
        if (x.tokens.operator !== '^' || !x.fields.left || !x.fields.right) continue;
        const left = unparen(x.fields.left);
        const right = unparen(x.fields.right);
        if (left.type !== 'number_literal' || !/^\d+$/.test(textOf(src, left).trim()) || Number(textOf(src, left)) < 2) continue;
        if (right.type === 'number_literal' && /^0x/i.test(textOf(src, right).trim())) continue;
        const contract = ctx.contracts.find((c) => c.unit === unit && c.node.startIndex <= x.startIndex && x.endIndex <= c.node.endIndex) ?? null;
        report({ node: x, unit, contract, message: `\`${textOf(src, x).trim()}\` is a bitwise XOR, not a power: write \`${textOf(src, left)} ** ${textOf(src, right)}\`.` });
      }
    }
  },
);
