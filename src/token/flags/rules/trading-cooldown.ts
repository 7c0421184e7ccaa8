import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag(
  {
    id: 'trading-cooldown',
    flag: 'trading_cooldown',
    title: 'Trading cooldown',
    goplus: 'trading_cooldown',
    crpwarner: null,
    severity: 'low',
    confidence: 0.8,
    weight: 0.15,
    say: 'trades are subject to a cooldown',
    ownerPrivilege: false,
    description: 'Transfers revert on a time check against stored state: a holder may have to wait between trades.',
    recommendation: 'Check the cooldown before trading in a hurry.',
  },
  {
    bytecode: {
      decide(ctx) {
        // A transfer guard over the time and stored state.
        const cooldown = ctx.guards.filter(({ g }) => g.cond.timestamp && g.cond.slots.length > 0);
        for (const { f, g } of cooldown) ctx.ev('trading_cooldown', f, `transfers revert on a time check against storage (pc ${g.pc})`);
        for (const f of ctx.named('cooldown')) ctx.ev('trading_cooldown', f, 'function named like a cooldown');
        ctx.setFlag('trading_cooldown', ctx.noneIf(cooldown.length > 0 || ctx.named('cooldown').length > 0));
      },
    },
    source: {
      decide(ctx) {
        const timed = ctx.guards.filter(({ cond, vars }) => /block\.(timestamp|number)|\bnow\b/.test(cond) && vars.length > 0);
        for (const { f, o } of timed) ctx.ev('trading_cooldown', f, o.node, 'transfers revert on a time check against stored state', o.origin);
        for (const f of ctx.named('cooldown')) ctx.ev('trading_cooldown', f, f.node, `function ${f.name} named like a cooldown`);
        ctx.set('trading_cooldown', ctx.noneIf(timed.length > 0 || ctx.named('cooldown').length > 0));
      },
    },
  },
);
