import type { FunctionFacts } from '../../../evm/interpreter.js';
import type { FunctionModel, Operation, StateVariable } from '../../../solidity/model/types.js';
import { boundsArgument, describe, isScalar, refKey, type BytecodeContext } from '../bytecode-context.js';
import { defineTokenFlag } from '../rule.js';
import { boundsParam, inProduct, usedInProductViaLocal, type SourceContext } from '../source-context.js';

/**
 * Taxes: stored rates multiplied in the transfer path, written by the owner without an upper bound, with
 * their setters (per-address rates are personal-slippage-modifiable's).
 */
export function bytecodeRateSetters(ctx: BytecodeContext): Array<{ k: string; setter: FunctionFacts }> {
  return ctx.memo('rates', () => {
    const rates = new Set(ctx.transferPath.flatMap((f) => f.products.flatMap((v) => v.slots)).filter((k) => !ctx.core.has(k)));
    const out: Array<{ k: string; setter: FunctionFacts }> = [];
    for (const k of rates) {
      const setters = ctx.privileged.filter((p) => p.stores.some((s) => refKey(s.slot) === k && s.value.args !== 0));
      for (const setter of setters) {
        if (boundsArgument(setter)) continue;
        out.push({ k, setter });
      }
    }
    return out;
  });
}

/** Stored rates in a product or quotient of the transfer path, with the privileged writes that set them without an upper bound. */
export function sourceRateSetters(ctx: SourceContext): Array<{ v: StateVariable; f: FunctionModel; write: Operation }> {
  return ctx.memo('rates', () => {
    const rates = new Set<StateVariable>();
    for (const { o } of ctx.pathOps) {
      if (o.kind !== 'state-read' || ctx.books.has(o.variable) || o.variable.isConstant || o.variable.isImmutable) continue;
      if (inProduct(o.node, o.origin.contract.unit.text) || usedInProductViaLocal(o.node, o.origin)) rates.add(o.variable);
    }
    const out: Array<{ v: StateVariable; f: FunctionModel; write: Operation }> = [];
    for (const v of rates) {
      for (const f of ctx.privileged) {
        const write = ctx.ops(f).find((o) => o.kind === 'state-write' && o.variable === v);
        if (!write) continue;
        if (!boundsParam(ctx, f)) out.push({ v, f, write });
      }
    }
    return out;
  });
}

export default defineTokenFlag(
  {
    id: 'slippage-modifiable',
    flag: 'slippage_modifiable',
    title: 'Tax can be changed',
    goplus: 'slippage_modifiable',
    crpwarner: null,
    severity: 'medium',
    confidence: 0.85,
    weight: 0.35,
    say: 'the owner can change the buy or sell tax',
    ownerPrivilege: true,
    description: 'A stored rate multiplied in the transfer path is written by the owner with no upper bound: the tax can be raised until selling returns nothing.',
    recommendation: 'Check the current tax and whether it is capped before buying.',
  },
  {
    bytecode: {
      decide(ctx) {
        const scalar = bytecodeRateSetters(ctx).filter(({ k }) => isScalar(k));
        for (const { k, setter } of scalar) ctx.ev('slippage_modifiable', setter, `${describe(setter)} sets a rate used in transfers (slot ${k}) with no upper bound`);
        ctx.setFlag('slippage_modifiable', ctx.noneIf(scalar.length > 0));
      },
    },
    source: {
      decide(ctx) {
        const scalar = sourceRateSetters(ctx).filter(({ v }) => !v.isMapping);
        for (const { v, f, write } of scalar) ctx.ev('slippage_modifiable', f, write.node, `${f.name} sets ${v.name}, a rate used in transfers, with no upper bound`, write.origin);
        ctx.set('slippage_modifiable', ctx.noneIf(scalar.length > 0));
      },
    },
  },
);
