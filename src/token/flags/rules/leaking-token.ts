import type { FunctionFacts } from '../../../evm/interpreter.js';
import { mentionsCaller } from '../../../solidity/model/access.js';
import { callArguments } from '../../../solidity/model/expressions.js';
import type { FunctionModel } from '../../../solidity/model/types.js';
import { findAll, textOf, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { fromArgs, refKey, type BytecodeContext } from '../bytecode-context.js';
import { defineTokenFlag, type BytecodeRule, type SourceRule } from '../rule.js';
import { SELECTOR, TRANSFER_TOPIC } from '../selectors.js';
import { indexIsParam, isLibraryCode, isParamOf, isStandard, rhsReads, writeKind, type SourceContext } from '../source-context.js';

/** What lets the owner take from holders, in the order found, for this flag and owner_change_balance. */
export interface BytecodeTaking {
  flag: 'leaking_token' | 'owner_change_balance';
  f: FunctionFacts;
  detail: string;
}

/**
 * The writes of transferFrom that lower `from`'s balance and are not bound by the allowance: made on a path
 * that completes without ever reading it. OpenZeppelin 2.x/3.x move the balance first and read and lower the
 * allowance afterwards (`_transfer` then `_approve(sender, msg.sender, allowance.sub(amount))`): the
 * subtraction reverts when the allowance is short, which undoes the move, so the check still binds.
 */
function uncheckedTakings(tf: FunctionFacts, balances: string, allowances: string) {
  const candidates = tf.stores.filter((s) => refKey(s.slot) === balances && (s.slot.ref!.keys[0]!.args & 1) !== 0 && !s.value.caller && s.value.viaSub && !s.readBefore.has(allowances));
  // Not explored to the end: what completes is not known, the write before any allowance read decides.
  if (tf.truncated || tf.exits.length === 0) return candidates;
  const unchecked = tf.exits.filter((e) => !e.read.has(allowances));
  return candidates.filter((s) => {
    const on = unchecked.some((e) => e.stored.includes(s.pc));
    // A write whose path merged into another before completing: judged by whether any completing path skips the allowance.
    const merged = !tf.exits.some((e) => e.stored.includes(s.pc));
    return on || (merged && unchecked.length > 0);
  });
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
          const map = refKey(s.slot);
          if (!map || !layout.balanceMaps.includes(map) || !fromArgs(s.slot.ref?.keys[0])) continue;
          // A value read from the account's other balance map is a conversion between the books, not a set.
          const set = !s.value.slots.some((k) => layout.balanceMaps.includes(k));
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
      const taken = uncheckedTakings(tf, layout.balances, layout.allowances)[0];
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

/** What lets the owner take from holders in source, in the order found, for this flag and owner_change_balance. */
export interface SourceTaking {
  flag: 'leaking_token' | 'owner_change_balance';
  f: FunctionModel;
  node: SyntaxNode;
  detail: string;
  origin: FunctionModel;
}

/** Others' balances and allowances, written by privileged code or by transferFrom without an allowance. */
export function sourceTakings(ctx: SourceContext): SourceTaking[] {
  return ctx.memo('takings', () => {
    const { balances, allowances } = ctx;
    const out: SourceTaking[] = [];
    const add = (flag: SourceTaking['flag'], f: FunctionModel, node: SyntaxNode, detail: string, origin: FunctionModel) => out.push({ flag, f, node, detail, origin });
    for (const f of ctx.privileged) {
      for (const o of ctx.ops(f)) {
        if (isLibraryCode(o.origin)) continue;
        // A helper of the token's own (`_move(from, to, v)`) writing balances[p] where F passes its own parameter as p.
        if (o.kind === 'internal-call' && o.origin === f && !isLibraryCode(o.target) && !isStandard(o.target) && balances) {
          const taken = ctx.helperTakes(o.target, callArguments(o.node), f, balances);
          if (taken) {
            add('owner_change_balance', f, taken, `${f.name} passes an address it is given to ${o.target.name}, which lowers or sets its balance`, o.target);
            add('leaking_token', f, taken, `${f.name} can take or burn holders' tokens through ${o.target.name}`, o.target);
          }
        }
        if (o.kind === 'internal-call' && ['_transfer', '_update', '_burn', '_approve'].includes(o.target.name)) {
          const first = callArguments(o.node)[0];
          if (!first || !isParamOf(first, o.origin)) continue;
          add('leaking_token', f, o.node, `${f.name} calls ${o.target.name} on an address it is given: the owner ${o.target.name === '_approve' ? 'approves for' : 'takes from'} holders`, o.origin);
          if (o.target.name !== '_approve') add('owner_change_balance', f, o.node, `${f.name} moves or burns the tokens of an address it is given`, o.origin);
        }
        if (o.kind === 'state-write' && ctx.balanceVars.includes(o.variable) && o.origin === f && indexIsParam(o.node, o.origin)) {
          const kind = writeKind(o.node, o.origin);
          // A value read from the account's other balance map converts between the books (reflection), it takes nothing.
          if (kind === 'set' && ctx.balanceVars.some((v) => v !== o.variable && rhsReads(o.node, v.name, o.origin))) continue;
          if (kind === 'add') continue; // crediting a chosen account: a mint (mintable.ts)
          add('owner_change_balance', f, o.node, `${f.name} ${kind === 'set' ? 'sets' : 'decreases'} the balance of an address it is given`, o.origin);
          add('leaking_token', f, o.node, `${f.name} can take or burn holders' tokens`, o.origin);
        }
        if (o.kind === 'state-write' && allowances && o.variable === allowances && o.origin === f && indexIsParam(o.node, o.origin, true)) {
          add('leaking_token', f, o.node, `${f.name} writes the allowance of an address it is given`, o.origin);
        }
      }
    }
    for (const f of ctx.privileged) {
      for (const w of ctx.assemblyBalanceWrites(f)) {
        if (w.kind !== 'set' || !w.keyedByParam) continue;
        add('owner_change_balance', f, w.node, `${f.name} sets the ${w.variable.name} entry of an address it is given, in assembly`, f);
        add('leaking_token', f, w.node, `${f.name} can take or burn holders' tokens (an sstore on their balance slot)`, f);
      }
    }
    // transferFrom with a branch for a privileged caller that moves tokens without the allowance.
    const tf = ctx.byName.get('transferFrom');
    if (tf?.body && !isLibraryCode(tf)) {
      const src = tf.contract.unit.text;
      for (const ifs of findAll(tf.body, 'if_statement')) {
        const cond = ifs.fields.condition;
        const body = ifs.fields.body;
        if (!cond || !body || !(mentionsCaller(cond, src) || /_msgSender\(\)/.test(textOf(src, cond)))) continue;
        const text = textOf(src, body);
        const moves = /\b_transfer\s*\(|\b_update\s*\(/.test(text) || (balances !== null && new RegExp(`\\b${balances.name}\\s*\\[`).test(text));
        const spends = /allowance|_spendAllowance|_approve/i.test(text) || (allowances !== null && text.includes(allowances.name));
        if (!moves || spends) continue;
        add('leaking_token', tf, ifs, 'transferFrom moves tokens for a privileged caller without an allowance', tf);
        add('owner_change_balance', tf, ifs, "transferFrom lets a privileged caller move anyone's tokens", tf);
      }
    }
    return out;
  });
}

/**
 * The decisions of the two flags that `bytecodeTakings` and `sourceTakings` tell apart (a taking by the
 * owner is `owner_change_balance`, one anyone can make `leaking_token`): the flag is true when a taking of
 * its kind was found, and unknown from bytecode when the balances mapping was not found.
 */
export function takingRules(flag: 'leaking_token' | 'owner_change_balance'): { bytecode: BytecodeRule; source: SourceRule } {
  return {
    bytecode: {
      decide(ctx) {
        const takings = bytecodeTakings(ctx).filter((x) => x.flag === flag);
        for (const x of takings) ctx.ev(flag, x.f, x.detail);
        ctx.setFlag(flag, takings.length > 0 ? true : ctx.layout.balances ? ctx.absent : null);
      },
    },
    source: {
      decide(ctx) {
        const takings = sourceTakings(ctx).filter((x) => x.flag === flag);
        for (const x of takings) ctx.ev(flag, x.f, x.node, x.detail, x.origin);
        ctx.set(flag, takings.length > 0);
      },
    },
  };
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
  takingRules('leaking_token'),
);
