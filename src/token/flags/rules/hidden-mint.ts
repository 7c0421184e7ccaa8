import { textOf } from '../../../solidity/parse/syntax.js';
import { isScalar, roleOf } from '../bytecode-context.js';
import { defineTokenFlag } from '../rule.js';
import { isOverflowCheck, roleByName } from '../source-context.js';
import { bytecodeMints, sourceMints } from './mintable.js';

export default defineTokenFlag(
  {
    id: 'hidden-mint',
    flag: 'hidden_mint',
    title: 'Hidden mint',
    goplus: null,
    crpwarner: 'hidden_mint',
    severity: 'critical',
    confidence: 0.85,
    weight: 0.8,
    say: 'the supply can be raised outside a visible, capped mint',
    ownerPrivilege: false,
    description: 'The supply can be raised outside a visible, capped mint: by a function not named like a mint, by setting balances directly, or by a mint without a cap.',
    recommendation: 'Do not hold this token: its supply can be inflated at will.',
  },
  {
    bytecode: {
      decide(ctx) {
        const mints = bytecodeMints(ctx);
        let hidden = false;
        for (const { f, reasons, setsBalance } of mints) {
          // A cap compares the supply with a constant (an immutable or a literal) or another stored limit;
          // SafeMath's `c >= a` on the supply alone is an overflow check.
          const ts = ctx.layout.totalSupply;
          const capped = ts !== null && f.guards.some((g) => !g.panic && g.cond.slots.includes(ts) && (g.cond.vsConst === true || g.cond.slots.some((k) => k !== ts && isScalar(k))));
          if (setsBalance || roleOf(f) !== 'mint' || !capped) {
            hidden = true;
            ctx.ev('hidden_mint', f, setsBalance ? 'sets balances directly: supply created outside any mint' : roleOf(f) !== 'mint' ? `raises the supply under a name that is not a mint (${reasons.join(', ')})` : 'mint without a cap on totalSupply');
          }
        }
        ctx.setFlag('hidden_mint', hidden ? true : mints.length > 0 ? false : ctx.absent);
      },
    },
    source: {
      decide(ctx) {
        let hidden = false;
        for (const { f, raises, setsBalance } of sourceMints(ctx)) {
          // A cap compares the supply with a limit; `supply + amount > supply` (the overflow check of old code) is none.
          const capped = ctx.ops(f).some((o) => o.kind === 'guard' && /supply|\bcap\b|_cap\b|maxSupply|MAX_SUPPLY/i.test(textOf(o.origin.contract.unit.text, o.condition)) && !isOverflowCheck(o.condition, o.origin.contract.unit.text));
          if (setsBalance || roleByName(f) !== 'mint' || !capped) {
            hidden = true;
            const [node, , origin] = raises[0]!;
            ctx.ev('hidden_mint', f, node, setsBalance ? `${f.name} sets balances: supply created outside any mint` : roleByName(f) !== 'mint' ? `${f.name} raises the supply under a name that is not a mint` : `${f.name} mints without a cap on the supply`, origin);
          }
        }
        ctx.set('hidden_mint', hidden);
      },
    },
  },
);
