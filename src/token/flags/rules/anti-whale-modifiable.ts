import { describe } from '../bytecode-context.js';
import { defineTokenFlag } from '../rule.js';
import { bytecodeWhaleGuards, sourceWhaleGuards } from './anti-whale.js';

export default defineTokenFlag(
  {
    id: 'anti-whale-modifiable',
    flag: 'anti_whale_modifiable',
    title: 'Anti-whale limit can be changed',
    goplus: 'anti_whale_modifiable',
    crpwarner: null,
    severity: 'low',
    confidence: 0.8,
    weight: 0.15,
    say: 'the owner can change the maximum transaction or wallet size',
    ownerPrivilege: true,
    description: 'The owner can change the stored limit transfers are checked against; set low, it stops holders from selling.',
    recommendation: 'Check who can change the limits and whether they are bounded.',
  },
  {
    bytecode: {
      decide(ctx) {
        const whale = bytecodeWhaleGuards(ctx);
        let whaleModifiable = false;
        for (const { limits } of whale) {
          for (const k of limits) {
            const setter = ctx.ownerWritten.get(k);
            if (!setter) continue;
            whaleModifiable = true;
            ctx.ev('anti_whale_modifiable', setter, `${describe(setter)} changes the limit (slot ${k})`);
          }
        }
        ctx.setFlag('anti_whale_modifiable', whale.length > 0 ? whaleModifiable : ctx.noneIf(false));
      },
    },
    source: {
      decide(ctx) {
        let whaleModifiable = false;
        for (const { limits } of sourceWhaleGuards(ctx)) {
          for (const v of limits.filter((x) => ctx.ownerWritten.has(x))) {
            whaleModifiable = true;
            ctx.ev('anti_whale_modifiable', ctx.ownerWritten.get(v)!, null, `${ctx.ownerWritten.get(v)!.name} changes ${v.name}`);
          }
        }
        ctx.set('anti_whale_modifiable', ctx.noneIf(whaleModifiable));
      },
    },
  },
);
