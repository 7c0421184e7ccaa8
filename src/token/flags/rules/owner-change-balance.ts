import { defineTokenFlag } from '../rule.js';
import { bytecodeTakings, sourceTakings } from './leaking-token.js';

export default defineTokenFlag(
  {
    id: 'owner-change-balance',
    flag: 'owner_change_balance',
    title: 'Owner can change balances',
    goplus: 'owner_change_balance',
    crpwarner: null,
    severity: 'high',
    confidence: 0.9,
    weight: 0.7,
    say: 'the owner can change balances directly',
    ownerPrivilege: true,
    description: "A privileged function sets or lowers the balance of an address it is given, or transferFrom moves tokens without an allowance on some path: the owner can take or zero out anyone's holdings.",
    recommendation: 'Do not hold this token: the owner can change what you own.',
  },
  {
    bytecode: {
      decide(ctx) {
        const takings = bytecodeTakings(ctx).filter((x) => x.flag === 'owner_change_balance');
        for (const x of takings) ctx.ev('owner_change_balance', x.f, x.detail);
        ctx.setFlag('owner_change_balance', takings.length > 0 ? true : ctx.layout.balances ? ctx.absent : null);
      },
    },
    source: {
      decide(ctx) {
        const takings = sourceTakings(ctx).filter((x) => x.flag === 'owner_change_balance');
        for (const x of takings) ctx.ev('owner_change_balance', x.f, x.node, x.detail, x.origin);
        ctx.set('owner_change_balance', takings.length > 0);
      },
    },
  },
);
