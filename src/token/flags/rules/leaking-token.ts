import type { FunctionFacts } from '../../../evm/interpreter.js';
import { fromArgs, refKey, type BytecodeContext } from '../bytecode-context.js';
import { defineTokenFlag } from '../rule.js';
import { SELECTOR, TRANSFER_TOPIC } from '../selectors.js';

/** What lets the owner take from holders, in the order found, for this flag and owner_change_balance. */
export interface BytecodeTaking {
  flag: 'leaking_token' | 'owner_change_balance';
  f: FunctionFacts;
  detail: string;
}

/** Balances and allowances of others, written by privileged code or by transferFrom without an allowance. */
export function bytecodeTakings(ctx: BytecodeContext): BytecodeTaking[] {
  return ctx.memo('takings', () => {
    const { layout, privileged } = ctx;
    const out: BytecodeTaking[] = [];
    const both = (f: FunctionFacts, change: string, leak: string) => out.push({ flag: 'owner_change_balance', f, detail: change }, { flag: 'leaking_token', f, detail: leak });
    if (layout.balances) {
      for (const f of privileged) {
        for (const s of f.stores) {
          if (refKey(s.slot) !== layout.balances || !fromArgs(s.slot.ref?.keys[0])) continue;
          const set = !s.value.slots.includes(layout.balances);
          if (!set && !s.value.viaSub) continue; // an increase to a chosen account is a mint (mintable.ts)
          const d = set ? 'sets the balance of an address it is given' : 'decreases the balance of an address it is given';
          both(f, `privileged; ${d} (pc ${s.pc})`, `privileged; ${d}: the owner can take or burn holders' tokens`);
        }
      }
    }
    if (layout.allowances) {
      for (const f of privileged) {
        const s = f.stores.find((x) => refKey(x.slot) === layout.allowances && fromArgs(x.slot.ref?.keys[0]));
        if (s) out.push({ flag: 'leaking_token', f, detail: `privileged; writes the allowance of an address it is given (pc ${s.pc}): approves for holders` });
      }
    }
    // transferFrom that takes from `from` on some path without looking at the allowance (an owner bypass).
    const tf = ctx.bySel.get(SELECTOR.transferFrom);
    if (tf && layout.balances && layout.allowances) {
      const taken = tf.stores.find((s) => refKey(s.slot) === layout.balances && (s.slot.ref!.keys[0]!.args & 1) !== 0 && !s.value.caller && s.value.viaSub && !s.readBefore.has(layout.allowances!));
      if (taken) {
        out.push({ flag: 'leaking_token', f: tf, detail: `transferFrom lowers the balance of \`from\` on a path that never reads the allowance (pc ${taken.pc})` });
        out.push({ flag: 'owner_change_balance', f: tf, detail: `transferFrom moves tokens without an allowance on some path (pc ${taken.pc})` });
      }
    }
    for (const f of privileged) {
      const moved = f.logs.find((l) => l.topics[0]?.c === TRANSFER_TOPIC && fromArgs(l.topics[1]));
      if (moved && !out.some((x) => x.flag === 'leaking_token' && x.f.selector === f.selector)) {
        out.push({ flag: 'leaking_token', f, detail: `privileged; emits Transfer from an address it is given (pc ${moved.pc})` });
        out.push({ flag: 'owner_change_balance', f, detail: `privileged; moves tokens of an address it is given (pc ${moved.pc})` });
      }
    }
    return out;
  });
}

export default defineTokenFlag(
  {
    id: 'leaking-token',
    flag: 'leaking_token',
    title: 'Leaking token',
    goplus: null,
    crpwarner: 'leaking_token',
    severity: 'high',
    confidence: 0.85,
    weight: 0.7,
    say: "the owner can move, burn or approve other holders' tokens",
    ownerPrivilege: false,
    description: "The owner can move, burn or approve other holders' tokens (a privileged transfer, burn or approve on an address it is given, or transferFrom without an allowance).",
    recommendation: 'Do not hold this token: the owner can take your tokens.',
  },
  {
    bytecode: {
      decide(ctx) {
        const takings = bytecodeTakings(ctx).filter((x) => x.flag === 'leaking_token');
        for (const x of takings) ctx.ev('leaking_token', x.f, x.detail);
        ctx.setFlag('leaking_token', takings.length > 0 ? true : ctx.layout.balances ? ctx.absent : null);
      },
    },
  },
);
