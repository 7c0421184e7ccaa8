import type { FunctionFacts } from '../../../evm/interpreter.js';
import { isPrivileged, refKey, roleOf, sigOf, type BytecodeContext } from '../bytecode-context.js';
import { defineTokenFlag } from '../rule.js';
import { TRANSFER_TOPIC } from '../selectors.js';

/** A function that raises the supply, and how (shared with hidden-mint, which judges whether it is visible and capped). */
export interface BytecodeMint {
  f: FunctionFacts;
  reasons: string[];
  setsBalance: boolean;
}

/** Supply raised by a privileged function (or one named like a mint), capped or not. */
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
      const setsBalance = layout.balances ? f.stores.find((s) => refKey(s.slot) === layout.balances && !s.value.slots.includes(layout.balances!) && s.value.args !== 0) : undefined;
      if (setsBalance) reasons.push('overwrites a balance with a value it is given');
      if (reasons.length === 0 || !(isPrivileged(f) || roleOf(f) === 'mint')) continue;
      out.push({ f, reasons, setsBalance: setsBalance !== undefined });
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
  },
);
