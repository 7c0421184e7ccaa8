import { describe, isScalar, refKey } from '../bytecode-context.js';
import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag(
  {
    id: 'transfer-pausable',
    flag: 'transfer_pausable',
    title: 'Transfers can be paused',
    goplus: 'transfer_pausable',
    crpwarner: null,
    severity: 'medium',
    confidence: 0.85,
    weight: 0.3,
    say: 'the owner can pause transfers',
    ownerPrivilege: true,
    description: 'Transfers revert on a switch the owner turns on and off (or functions are named like a pause): the owner can stop all trading.',
    recommendation: "Expect trading to stop at the owner's will; prefer tokens whose pause is renounced.",
  },
  {
    bytecode: {
      decide(ctx) {
        // A transfer guard on a flag the owner switches with constants.
        let pausable = ctx.named('pause').length > 0;
        for (const f of ctx.named('pause')) ctx.ev('transfer_pausable', f, 'function named like a pause switch');
        for (const { f, g } of ctx.guards) {
          const tested = [...ctx.controlled(g.cond.tested), ...(g.cond.lit && ctx.ownerWritten.has(g.cond.lit.key) ? [g.cond.lit.key] : [])];
          for (const k of [...new Set(tested)].filter(isScalar)) {
            // Switched with constants (`paused = true`), with a boolean it is given (`enableTransfers(bool)`), or a
            // packed flag updated in place; a switch that can only be turned one way (`openTrading`) stops nothing
            // for good.
            const writes = ctx.privileged.flatMap((p) => p.stores.filter((s) => refKey(s.slot) === k).map((s) => ({ p, s })));
            const constants = new Set(writes.filter(({ s }) => s.value.c !== null).map(({ s }) => s.value.c));
            const inPlace = writes.filter(({ s }) => s.value.c === null && s.value.args === 0 && !s.value.caller);
            const setter = writes.find(({ s }) => (s.value.c !== null && constants.size > 1) || (inPlace.length > 1 && inPlace.some((w) => w.s === s)) || (s.value.args !== 0 && s.value.boolish === true && g.cond.lit?.key === k))?.p;
            if (!setter) continue;
            pausable = true;
            ctx.ev('transfer_pausable', f, `transfers revert on a switch (slot ${k}) that ${describe(setter)} turns on and off`);
          }
        }
        ctx.setFlag('transfer_pausable', ctx.noneIf(pausable));
      },
    },
    source: {
      decide(ctx) {
        let pausable = false;
        for (const { f, o, vars } of ctx.guards) {
          for (const v of vars.filter((x) => ctx.ownerWritten.has(x))) {
            if (v.isMapping || !/^bool/.test(v.typeText) || !ctx.twoWay(v, ctx.privileged)) continue;
            pausable = true;
            ctx.ev('transfer_pausable', f, o.node, `transfers revert on the switch ${v.name}, set by ${ctx.ownerWritten.get(v)!.name}`, o.origin);
          }
        }
        // Names add what structure cannot see (a pause in a modifier of another file).
        for (const f of ctx.named('pause')) ctx.ev('transfer_pausable', f, f.node, `function ${f.name} named like a pause switch`);
        ctx.set('transfer_pausable', ctx.noneIf(pausable || ctx.named('pause').length > 0));
      },
    },
  },
);
