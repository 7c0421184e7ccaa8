import { defineTokenFlag } from '../rule.js';
import { bytecodeLists, sourceListChecks } from './blacklist.js';

export default defineTokenFlag(
  {
    id: 'whitelist',
    flag: 'is_whitelisted',
    title: 'Whitelist',
    goplus: 'is_whitelisted',
    crpwarner: null,
    severity: 'medium',
    confidence: 0.8,
    weight: 0.35,
    say: 'trading can be limited to whitelisted addresses',
    ownerPrivilege: true,
    description: 'Transfers stop for addresses missing from a list the owner writes (or functions are named like a whitelist): only chosen addresses may trade.',
    recommendation: 'Check that ordinary holders can sell before buying.',
  },
  {
    bytecode: {
      decide(ctx) {
        const { listGuard, requiring, namedList, black, white, polarKnown } = bytecodeLists(ctx);
        for (const f of namedList('whitelist')) ctx.ev('is_whitelisted', f, 'function named like a whitelist');
        if (requiring) ctx.ev('is_whitelisted', requiring.f, `transfers stop (pc ${requiring.g.pc}) for addresses missing from a list the owner writes (slot ${requiring.g.cond.lit!.key})`);
        ctx.setFlag('is_whitelisted', white ? true : listGuard && !black && !polarKnown ? null : ctx.noneIf(false));
      },
    },
    source: {
      decide(ctx) {
        const requiring = sourceListChecks(ctx).filter((x) => !x.refuses);
        for (const { f, o, v } of requiring) ctx.ev('is_whitelisted', f, o.node, `transfers require addresses in ${v.name}, set by ${ctx.ownerWritten.get(v)!.name}`, o.origin);
        for (const f of ctx.named('whitelist')) ctx.ev('is_whitelisted', f, f.node, `function ${f.name} named like a whitelist`);
        ctx.set('is_whitelisted', ctx.noneIf(requiring.length > 0 || ctx.named('whitelist').length > 0));
      },
    },
  },
);
