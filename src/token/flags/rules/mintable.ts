import type { FunctionFacts } from '../../../evm/interpreter.js';
import { callArguments } from '../../../solidity/model/expressions.js';
import type { FunctionModel, StateVariable } from '../../../solidity/model/types.js';
import type { SyntaxNode } from '../../../solidity/parse/syntax.js';
import { boundsArgument, isPrivileged, refKey, roleOf, sigOf, type BytecodeContext } from '../bytecode-context.js';
import { defineTokenFlag } from '../rule.js';
import { TRANSFER_TOPIC } from '../selectors.js';
import { boundsParam, isLibraryCode, isZeroAddress, rhsReads, rhsUsesParam, roleByName, writeKind, type SourceContext } from '../source-context.js';

/** A function that raises the supply, and how (shared with hidden-mint, which judges whether it is visible and capped). */
export interface BytecodeMint {
  f: FunctionFacts;
  reasons: string[];
  setsBalance: boolean;
}

/**
 * Storage the owner sets with no upper bound on the value (no ordered check of an argument in the setter):
 * a rate it can raise at will.
 */
function unboundedOwnerSlots(ctx: BytecodeContext): Set<string> {
  return ctx.memo('unboundedOwnerSlots', () => {
    const out = new Set<string>();
    for (const p of ctx.privileged) {
      if (boundsArgument(p)) continue;
      for (const s of p.stores) {
        const k = refKey(s.slot);
        if (k && s.value.args !== 0 && ctx.ownerWritten.has(k) && !ctx.core.has(k)) out.add(k);
      }
    }
    return out;
  });
}

/**
 * Supply raised by a privileged function, one named like a mint, or one anyone may call whose amount comes
 * from storage the owner sets without a bound (a farm's `rewardPerBlock`): who presses the button does not
 * matter when the owner decides how much it prints. Capped or not (hidden-mint judges that).
 */
export function bytecodeMints(ctx: BytecodeContext): BytecodeMint[] {
  return ctx.memo('mints', () => {
    const { layout } = ctx;
    const out: BytecodeMint[] = [];
    for (const f of ctx.custom) {
      const reasons: string[] = [];
      // Transfer from the zero address announces new tokens, unless the function takes them from a balance
      // (a distribution out of the owner's holdings logged as a mint).
      const zeroFrom = f.logs.find((l) => l.topics[0]?.c === TRANSFER_TOPIC && l.topics[1]?.c === 0n);
      const debits = layout.balances !== null && f.stores.some((s) => refKey(s.slot) === layout.balances && s.value.viaSub && s.value.slots.includes(layout.balances!));
      if (zeroFrom && !debits) reasons.push(`emits Transfer from the zero address (pc ${zeroFrom.pc})`);
      if (layout.totalSupply && f.stores.some((s) => refKey(s.slot) === layout.totalSupply && s.value.viaAdd && s.value.slots.includes(layout.totalSupply!))) {
        reasons.push('increases totalSupply');
      }
      const maps = layout.balanceMaps;
      const isBalance = (s: FunctionFacts['stores'][number]) => maps.includes(refKey(s.slot) ?? '');
      // A value read from another of the account's balance maps is a conversion between the books (a
      // reflection token moving an account to its plain balance), not a set.
      const setsBalance = f.stores.find((s) => isBalance(s) && !s.value.slots.some((k) => maps.includes(k)) && s.value.args !== 0);
      if (setsBalance) reasons.push('overwrites a balance with a value it is given');
      // Credits a balance with an amount it is given and debits none: tokens from nothing, even when the
      // supply is left alone and no event is emitted (a reflected balance raised, an `sstore` on a computed slot).
      if (reasons.length === 0) {
        const credit = f.stores.find((s) => isBalance(s) && s.value.viaAdd && s.value.slots.includes(refKey(s.slot)!) && s.value.args !== 0);
        const debit = f.stores.some((s) => isBalance(s) && (s.value.viaSub || !s.value.slots.includes(refKey(s.slot)!)));
        if (credit && !debit) reasons.push(`credits a balance with an amount it is given and debits none (pc ${credit.pc})`);
      }
      if (reasons.length === 0) continue;
      if (!(isPrivileged(f) || roleOf(f) === 'mint')) {
        const steering = unboundedOwnerSlots(ctx);
        const raising = f.stores.filter((s) => [layout.totalSupply, ...maps].includes(refKey(s.slot) ?? '') && s.value.viaAdd);
        const steered = raising.flatMap((s) => s.value.slots).find((k) => steering.has(k));
        if (!steered) continue;
        reasons.push(`the amount comes from storage the owner sets without a bound (slot ${steered})`);
      }
      out.push({ f, reasons, setsBalance: setsBalance !== undefined });
    }
    return out;
  });
}

/** A function that raises the supply in source, where and how (shared with hidden-mint). */
export interface SourceMint {
  f: FunctionModel;
  raises: Array<[SyntaxNode, string, FunctionModel]>;
  setsBalance: boolean;
}

/**
 * State the owner writes with no upper bound on the value: a privileged write with no ordered check of the
 * setter's parameters (`require(bps <= 2000)` bounds it).
 */
function unboundedOwnerVars(ctx: SourceContext): Set<StateVariable> {
  return ctx.memo('unboundedOwnerVars', () => {
    const out = new Set<StateVariable>();
    for (const f of ctx.privileged) {
      if (boundsParam(ctx, f)) continue;
      for (const o of ctx.ops(f)) if (o.kind === 'state-write' && !ctx.books.has(o.variable) && !o.variable.isConstant && !o.variable.isImmutable) out.add(o.variable);
    }
    return out;
  });
}

/**
 * Supply raised by a privileged function, one named like a mint, or one anyone may call that reads a value
 * the owner sets without a bound (a farm's `rewardPerBlock`: the owner decides how much it prints). Capped
 * or not (hidden-mint judges that).
 */
export function sourceMints(ctx: SourceContext): SourceMint[] {
  return ctx.memo('mints', () => {
    const { balances, supply } = ctx;
    const out: SourceMint[] = [];
    for (const f of ctx.custom) {
      const steered = !ctx.privileged.includes(f) && roleByName(f) !== 'mint' ? ctx.ops(f).find((o) => o.kind === 'state-read' && unboundedOwnerVars(ctx).has(o.variable)) : undefined;
      if (!ctx.privileged.includes(f) && roleByName(f) !== 'mint' && !steered) continue;
      const raises: Array<[SyntaxNode, string, FunctionModel]> = [];
      let setsBalance = false;
      for (const o of ctx.ops(f)) {
        if (isLibraryCode(o.origin)) continue;
        if (o.kind === 'internal-call' && (o.target.name === '_mint' || (o.target.name === '_update' && isZeroAddress(callArguments(o.node)[0], o.origin)))) {
          raises.push([o.node, `calls ${o.target.name}`, o.origin]);
        }
        if (o.kind === 'state-write' && supply && o.variable === supply && writeKind(o.node, o.origin) === 'add') raises.push([o.node, `increases ${supply.name}`, o.origin]);
        if (o.kind === 'state-write' && ctx.balanceVars.includes(o.variable) && writeKind(o.node, o.origin) === 'set' && !ctx.balanceVars.some((v) => rhsReads(o.node, v.name, o.origin)) && rhsUsesParam(o.node, o.origin)) {
          setsBalance = true;
          raises.push([o.node, `sets ${o.variable.name}[…] to a value it is given`, o.origin]);
        }
      }
      // Balances written in assembly on a slot computed from the mapping (no supply change, no event).
      for (const w of ctx.assemblyBalanceWrites(f)) {
        if (w.kind === 'set') setsBalance = true;
        raises.push([w.node, w.kind === 'set' ? `sets ${w.variable.name}[…] in assembly (sstore on a computed slot)` : `adds to ${w.variable.name}[…] in assembly (sstore on a computed slot), from no balance`, f]);
      }
      // Credits a balance with an amount it is given and debits none: tokens from nothing, even when the
      // supply variable is left alone (`balances[address(this)] += amt`).
      if (raises.length === 0 && balances) {
        const own = ctx.ops(f).filter((o) => o.origin === f && !isLibraryCode(o.origin));
        const credit = own.find((o) => o.kind === 'state-write' && ctx.balanceVars.includes(o.variable) && writeKind(o.node, o.origin) === 'add' && rhsUsesParam(o.node, o.origin));
        const debit = own.some((o) => (o.kind === 'state-write' && ctx.balanceVars.includes(o.variable) && writeKind(o.node, o.origin) !== 'add') || (o.kind === 'internal-call' && ['_transfer', '_update', '_burn'].includes(o.target.name)));
        if (credit && !debit) raises.push([credit.node, `credits ${balances.name}[…] with an amount it is given, taken from no balance${supply ? ` and without raising ${supply.name}` : ''}`, f]);
      }
      if (raises.length > 0 && steered?.kind === 'state-read') raises.push([steered.node, `reads ${steered.variable.name}, which the owner sets without a bound`, steered.origin]);
      if (raises.length > 0) out.push({ f, raises, setsBalance });
    }
    return out;
  });
}

export default defineTokenFlag(
  {
    id: 'mintable',
    flag: 'is_mintable',
    title: 'Owner can mint',
    goplus: 'is_mintable',
    crpwarner: null,
    severity: 'low',
    confidence: 0.9,
    weight: 0.2,
    say: 'the owner can mint more tokens',
    ownerPrivilege: true,
    description: 'A privileged function (or one named like a mint) raises the supply: it emits Transfer from the zero address, increases totalSupply or credits a balance out of nothing. A capped, visible mint is common; it still lets the owner dilute holders.',
    recommendation: 'Check who holds the minting role and whether the supply is capped; prefer tokens whose minting is renounced or capped.',
  },
  {
    bytecode: {
      decide(ctx) {
        const mints = bytecodeMints(ctx);
        for (const { f, reasons } of mints) ctx.ev('is_mintable', f, `${sigOf(f) ?? 'a function'} ${reasons.join(', ')}`);
        ctx.setFlag('is_mintable', mints.length > 0 ? true : ctx.absent);
      },
    },
    source: {
      decide(ctx) {
        const mints = sourceMints(ctx);
        for (const { f, raises } of mints) for (const [node, why, origin] of raises) ctx.ev('is_mintable', f, node, `${f.name} ${why}`, origin);
        ctx.set('is_mintable', mints.length > 0);
      },
    },
  },
);
