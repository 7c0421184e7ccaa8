import { isIdentityCheck, mentionsCaller } from '../../../solidity/model/access.js';
import { textOf } from '../../../solidity/parse/syntax.js';
import { callerGuards, isScalar, refKey } from '../bytecode-context.js';
import { defineTokenFlag } from '../rule.js';
import { rhsText } from '../source-context.js';
import { bytecodeTakeBack, sourceTakeBack } from './take-back-ownership.js';

export default defineTokenFlag(
  {
    id: 'hidden-owner',
    flag: 'hidden_owner',
    title: 'Hidden owner',
    goplus: 'hidden_owner',
    crpwarner: null,
    severity: 'high',
    confidence: 0.8,
    weight: 0.6,
    say: 'a hidden owner keeps privileges',
    ownerPrivilege: false,
    description: 'Some functions are restricted to a stored address other than owner(), one the contract does not expose: privileges survive a renounced or transferred ownership.',
    recommendation: 'Treat the token as owned whatever owner() says; find out who the hidden address is.',
  },
  {
    bytecode: {
      decide(ctx) {
        const { layout } = ctx;
        const exposed = new Set(ctx.functions.flatMap((f) => f.returns.map((r) => r.from).filter((k): k is string => k !== undefined && isScalar(k))));
        let hiddenOwner = false;
        let unsureOwner = false;
        for (const f of ctx.custom) {
          if (bytecodeTakeBack(ctx, f)) continue; // a way back, not a second owner
          // Hidden: an address the contract does not show through a getter (a declared `minter` is a role).
          const others = [...new Set(callerGuards(f).flatMap((g) => g.cond.slots.filter(isScalar)))].filter((k) => k !== layout.owner && !exposed.has(k));
          // It must change something with a value it is given or reads (a fee, a balance), not only flip a
          // lock flag: a tax wallet's `manualSwap` is not a second owner.
          const acts = f.stores.some((s) => s.value.args !== 0 || s.value.caller || s.value.slots.some((k) => k !== refKey(s.slot)));
          if (others.length === 0 || !acts) continue;
          if (!layout.owner) {
            unsureOwner = true;
            continue;
          }
          hiddenOwner = true;
          ctx.ev('hidden_owner', f, `privileged by a stored address other than owner() (slot ${others.join(', ')})`);
        }
        ctx.setFlag('hidden_owner', hiddenOwner ? true : unsureOwner ? null : ctx.absent);
      },
    },
    source: {
      decide(ctx) {
        const { owner } = ctx;
        let hiddenOwner = false;
        let unsureOwner = false;
        for (const f of ctx.custom) {
          if (sourceTakeBack(ctx, f)) continue; // a way back, not a second owner
          const ops = ctx.ops(f);
          // It must change something with a value it is given or reads (a fee, a balance), not only flip a
          // lock flag: a tax wallet's `manualSwap` is not a second owner.
          const acts = ops.some((o) => o.kind === 'state-write' && !/^(true|false|\d+|address\(0\))$/.test((rhsText(o.node, o.origin) ?? 'x').trim()));
          if (!acts) continue;
          for (const o of ops) {
            if (o.kind !== 'guard') continue;
            const src = o.origin.contract.unit.text;
            if (!isIdentityCheck(o.condition, src) && !mentionsCaller(o.condition, src) && !/_msgSender\(\)/.test(textOf(src, o.condition))) continue;
            // Hidden: an address the contract does not show (no getter), not a declared role such as `minter`.
            const other = ctx.varsIn(o.condition, o.origin).find((v) => v !== owner && /^address/.test(v.typeText) && !v.isMapping && !v.isConstant && !v.isImmutable && !ctx.exposed(v));
            if (!other) continue;
            if (owner === null) {
              unsureOwner = true;
              break;
            }
            hiddenOwner = true;
            ctx.ev('hidden_owner', f, o.node, `${f.name} is restricted to ${other.name}, an address other than owner()`, o.origin);
            break;
          }
        }
        ctx.set('hidden_owner', hiddenOwner ? true : unsureOwner ? null : false);
      },
    },
  },
);
