import { OP } from '../../../evm/disasm.js';
import type { FunctionModel, Operation } from '../../../solidity/model/types.js';
import { hasOpcode } from '../bytecode-context.js';
import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag(
  {
    id: 'selfdestruct',
    flag: 'selfdestruct',
    title: 'Self-destruct',
    goplus: 'selfdestruct',
    crpwarner: null,
    severity: 'medium',
    confidence: 0.95,
    weight: 0.5,
    say: 'the contract can self-destruct',
    ownerPrivilege: false,
    description: 'SELFDESTRUCT is reachable: the contract can be destroyed (before Cancun, with its balances).',
    recommendation: 'Avoid holding value in a contract that can destroy itself.',
  },
  {
    bytecode: {
      onProxy: true,
      decide(ctx) {
        const sd = [...ctx.functions, ctx.fallback].filter((f) => f.selfdestruct.length > 0);
        for (const f of sd) ctx.ev('selfdestruct', f, `SELFDESTRUCT reachable at pc ${f.selfdestruct[0]}`);
        ctx.setFlag('selfdestruct', sd.length > 0 ? true : hasOpcode(ctx.code, OP.SELFDESTRUCT) ? null : false);
      },
    },
    source: {
      onProxy: true,
      decide(ctx) {
        const sd: Array<[FunctionModel, Operation]> = [];
        for (const f of ctx.fns) for (const o of ctx.ops(f)) if (o.kind === 'selfdestruct' || (o.kind === 'assembly' && o.builtin === 'selfdestruct')) sd.push([f, o]);
        for (const [f, o] of sd) ctx.ev('selfdestruct', f, o.node, `${f.name} can destroy the contract`, o.origin);
        ctx.set('selfdestruct', sd.length > 0);
      },
    },
  },
);
