import { findAll, textOf } from '../../../solidity/parse/syntax.js';
import { defineDetector } from '../detector.js';

/**
 * Shift operands swapped in assembly (Slither's incorrect-shift). EVM `shl(shift, value)`,
 * `shr(shift, value)` and `sar(shift, value)` take the shift amount FIRST, the reverse of `value >> n`.
 * `shr(x, 8)` shifts 8 right by x bits. Reported when the second operand is a decimal constant other
 * than 1 and the first is not a constant: `shl(n, 1)` (a one-bit mask) and hex masks are meant.
 */
export default defineDetector(
  {
    id: 'incorrect-shift',
    title: 'Shift in assembly with its operands swapped',
    swc: [],
    dasp: 'other',
    severity: 'high',
    confidence: 0.7,
    description: 'An assembly shift has a constant as its second operand: shl/shr/sar take the shift amount first and the value second, so the constant is being shifted by the variable.',
    exploitScenario: '`r := shr(a, 8)` was meant to drop the low byte of `a`; it computes 8 >> a, which is 0 for any a > 3, and every value read through it is zero.',
    recommendation: 'Put the shift amount first: `shr(8, a)` for `a >> 8`.',
  },
  (ctx, report) => {
    for (const unit of ctx.ownUnits) {
      const src = unit.text;
      for (const call of findAll(unit.root, 'yul_function_call')) {
        const fnNode = call.fields.function;
        if (fnNode?.type !== 'yul_evm_builtin') continue;
        const op = textOf(src, fnNode);
        if (op !== 'shl' && op !== 'shr' && op !== 'sar') continue;
        const args = call.children.filter((c) => c !== fnNode);
        if (args.length !== 2) continue;
        const [first, second] = args as [typeof call, typeof call];
        if (second.type !== 'yul_decimal_number' || textOf(src, second).trim() === '1') continue;
        if (/number|literal/.test(first.type)) continue;
        const contract = ctx.contracts.find((c) => c.unit === unit && c.node.startIndex <= call.startIndex && call.endIndex <= c.node.endIndex) ?? null;
        report({
          node: call,
          unit,
          contract,
          message: `\`${textOf(src, call)}\` shifts the constant ${textOf(src, second)} by \`${textOf(src, first)}\` bits; ${op} takes the shift amount first: \`${op}(${textOf(src, second)}, ${textOf(src, first)})\`.`,
        });
      }
    }
  },
);
