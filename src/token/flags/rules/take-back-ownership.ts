import type { FunctionFacts } from '../../../evm/interpreter.js';
import type { FunctionModel } from '../../../solidity/model/types.js';
import { refKey, type BytecodeContext } from '../bytecode-context.js';
import { defineTokenFlag } from '../rule.js';
import { rhsStateVar, type SourceContext } from '../source-context.js';

/** A write of the owner slot from another stored address (not from an argument, not the caller). */
export function bytecodeTakeBack(ctx: BytecodeContext, f: FunctionFacts) {
  const owner = ctx.layout.owner;
  return owner ? f.stores.find((s) => refKey(s.slot) === owner && s.value.slots.some((k) => k !== owner) && !s.value.caller && s.value.args === 0) : undefined;
}

/** `_owner = _previousOwner`: a write of the owner from another stored address. */
export function sourceTakeBack(ctx: SourceContext, f: FunctionModel) {
  const owner = ctx.owner;
  return owner ? ctx.ops(f).find((o) => o.kind === 'state-write' && o.variable === owner && rhsStateVar(o.node, o.origin, ctx.c, owner)) : undefined;
}

export default defineTokenFlag(
  {
    id: 'take-back-ownership',
    flag: 'can_take_back_ownership',
    title: 'Ownership can be taken back',
    goplus: 'can_take_back_ownership',
    crpwarner: null,
    severity: 'high',
    confidence: 0.9,
    weight: 0.6,
    say: 'ownership can be taken back after being renounced',
    ownerPrivilege: false,
    description: 'A function writes the owner from another stored address (a saved previous owner): renouncing ownership is reversible.',
    recommendation: 'Do not trust a renounced ownership on this token.',
  },
  {
    bytecode: {
      decide(ctx) {
        let takeBack = false;
        for (const f of ctx.custom) {
          const back = bytecodeTakeBack(ctx, f);
          if (!back) continue;
          takeBack = true;
          ctx.ev('can_take_back_ownership', f, `writes the owner slot from another stored address (slot ${back.value.slots.join(', ')}), not from an argument`);
        }
        const anyOwner = ctx.layout.owner !== null || ctx.privileged.length > 0;
        ctx.setFlag('can_take_back_ownership', takeBack ? true : ctx.layout.owner || !anyOwner ? ctx.absent : null);
      },
    },
    source: {
      decide(ctx) {
        let takeBack = false;
        for (const f of ctx.custom) {
          const back = sourceTakeBack(ctx, f);
          if (!back) continue;
          takeBack = true;
          ctx.ev('can_take_back_ownership', f, back.node, `${f.name} restores the owner from another stored address`, back.origin);
        }
        ctx.set('can_take_back_ownership', takeBack);
      },
    },
  },
);
