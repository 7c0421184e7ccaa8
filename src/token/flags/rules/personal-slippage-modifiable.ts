import { describe, isScalar } from '../bytecode-context.js';
import { defineTokenFlag } from '../rule.js';
import { bytecodeRateSetters, sourceRateSetters } from './slippage-modifiable.js';

export default defineTokenFlag(
  {
    id: 'personal-slippage-modifiable',
    flag: 'personal_slippage_modifiable',
    title: 'Tax per address can be set',
    goplus: 'personal_slippage_modifiable',
    crpwarner: null,
    severity: 'medium',
    confidence: 0.85,
    weight: 0.45,
    say: 'the owner can set a tax for particular addresses',
    ownerPrivilege: true,
    description: 'A per-address rate used in transfers is written by the owner: particular holders can be taxed until they cannot sell.',
    recommendation: 'Avoid the token: the owner can single out holders.',
  },
  {
    bytecode: {
      decide(ctx) {
        const personal = bytecodeRateSetters(ctx).filter(({ k }) => !isScalar(k));
        for (const { k, setter } of personal) ctx.ev('personal_slippage_modifiable', setter, `${describe(setter)} sets a per-address rate used in transfers (slot ${k})`);
        ctx.setFlag('personal_slippage_modifiable', ctx.noneIf(personal.length > 0));
      },
    },
    source: {
      decide(ctx) {
        const personal = sourceRateSetters(ctx).filter(({ v }) => v.isMapping);
        for (const { v, f, write } of personal) ctx.ev('personal_slippage_modifiable', f, write.node, `${f.name} sets ${v.name}, a per-address rate used in transfers, with no upper bound`, write.origin);
        ctx.set('personal_slippage_modifiable', ctx.noneIf(personal.length > 0));
      },
    },
  },
);
