import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag(
  {
    id: 'external-call',
    flag: 'external_call',
    title: 'External call in transfers',
    goplus: 'external_call',
    crpwarner: null,
    severity: 'low',
    confidence: 0.8,
    weight: 0.1,
    say: 'transfers call other contracts',
    ownerPrivilege: false,
    description: 'The transfer path calls another contract: that contract can make transfers fail or behave differently.',
    recommendation: 'Read what the called contract does and who can change it.',
  },
  {
    bytecode: {
      decide(ctx) {
        // External calls on the transfer path; precompiles (ecrecover at 0x01 ...) excluded. A zero address is an
        // immutable not filled in yet (compiler output before deployment), so it counts.
        const ext = ctx.transferPath.flatMap((f) => f.calls.filter((c) => !(c.target.c !== null && c.target.c >= 1n && c.target.c <= 0xffn)).map((c) => ({ f, c })));
        for (const { f, c } of ext) ctx.ev('external_call', f, `the transfer path makes an external call (pc ${c.pc})`);
        ctx.setFlag('external_call', ctx.noneIf(ext.length > 0));
      },
    },
    source: {
      decide(ctx) {
        const ext = ctx.pathOps.filter(({ o }) => o.kind === 'external-call' && !(o.call.kind === 'high-level' && o.call.method !== null && ctx.libraryFns.has(o.call.method)));
        for (const { f, o } of ext) ctx.ev('external_call', f, o.node, 'the transfer path calls another contract', o.origin);
        ctx.set('external_call', ctx.noneIf(ext.length > 0));
      },
    },
  },
);
