import type { StateVariable } from '../../../solidity/model/types.js';
import { isScalar, type BytecodeContext, type PathGuard } from '../bytecode-context.js';
import { defineTokenFlag } from '../rule.js';
import type { SourceContext, SourceGuard } from '../source-context.js';

/** Transfer guards that compare an amount (or a resulting balance) with stored limits (shared with anti-whale-modifiable). */
export function bytecodeWhaleGuards(ctx: BytecodeContext): Array<PathGuard & { limits: string[] }> {
  return ctx.memo('whale', () =>
    ctx.guards.flatMap(({ f, g }) => {
      if (!g.cond.ordered || g.cond.timestamp) return [];
      if (g.cond.args === 0 && !(ctx.layout.balances && g.cond.slots.includes(ctx.layout.balances))) return [];
      const limits = g.cond.tested.filter((k) => isScalar(k) && !ctx.core.has(k));
      return limits.length === 0 ? [] : [{ f, g, limits }];
    }),
  );
}

/** Transfer guards that compare an amount with stored limits, in source (shared with anti-whale-modifiable). */
export function sourceWhaleGuards(ctx: SourceContext): Array<SourceGuard & { limits: StateVariable[] }> {
  return ctx.memo('whale', () =>
    ctx.guards.flatMap((g) => {
      const limits = g.vars.filter((v) => !v.isMapping && /^uint/.test(v.typeText) && !ctx.books.has(v) && !v.isConstant);
      return limits.length > 0 && /[<>]/.test(g.cond) && !/block\./.test(g.cond) ? [{ ...g, limits }] : [];
    }),
  );
}

export default defineTokenFlag(
  {
    id: 'anti-whale',
    flag: 'is_anti_whale',
    title: 'Anti-whale limit',
    goplus: 'is_anti_whale',
    crpwarner: null,
    severity: 'info',
    confidence: 0.8,
    weight: null,
    say: null,
    ownerPrivilege: false,
    description: 'Transfers revert when an amount (or a resulting balance) exceeds a stored limit.',
    recommendation: 'Check the maximum transaction and wallet sizes.',
  },
  {
    bytecode: {
      decide(ctx) {
        const whale = bytecodeWhaleGuards(ctx);
        for (const { f, limits } of whale) ctx.ev('is_anti_whale', f, `transfers revert when an amount exceeds a stored limit (slot ${limits.join(', ')})`);
        ctx.setFlag('is_anti_whale', ctx.noneIf(whale.length > 0));
      },
    },
    source: {
      decide(ctx) {
        const whale = sourceWhaleGuards(ctx);
        for (const { f, o, limits } of whale) ctx.ev('is_anti_whale', f, o.node, `transfers revert when an amount exceeds ${limits.map((v) => v.name).join(', ')}`, o.origin);
        ctx.set('is_anti_whale', ctx.noneIf(whale.length > 0));
      },
    },
  },
);
