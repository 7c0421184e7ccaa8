import type { Guard } from '../../../evm/interpreter.js';
import { describe, isScalar, refKey, type BytecodeContext } from '../bytecode-context.js';
import { defineTokenFlag } from '../rule.js';
import type { TokenFlag, TradeSimulation } from '../../types.js';
import type { StateVariable } from '../../../solidity/model/types.js';
import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { enclosingConditions, rhsText, type SourceContext, type SourceGuard } from '../source-context.js';


/** On a chain: a sell that fails for a fresh holder in simulation limits selling (null: the simulation says nothing). */
export function limitSellFromSimulation(sim: TradeSimulation): TokenFlag | null {
  if (sim.is_honeypot !== true && sim.cannot_sell_all !== true) return null;
  return { value: true, evidence: [{ from: 'simulation', detail: sim.is_honeypot === true ? `a fresh holder could not sell${sim.errors[0] ? `: ${sim.errors[0]}` : ''}` : 'a fresh holder could not sell the whole balance' }] };
}

/**
 * A switch the owner can only turn to the side on which the guard passes (`openTrading() { open = true; }`
 * with `require(open)`): once open it stays open, so it cannot stop anyone's sells later. Told by the guard's
 * polarity on the slot and by every owner write being the same non-zero constant.
 */
function opensOnly(ctx: BytecodeContext, key: string, g: Guard): boolean {
  if (!isScalar(key) || g.cond.lit?.key !== key || g.stopsWhenSet !== false) return false;
  const writes = ctx.privileged.flatMap((p) => p.stores.filter((x) => refKey(x.slot) === key));
  // A packed flag is set by OR-ing its bit into the slot (`orConst`).
  const set = (v: Guard['cond']) => (v.c !== null && v.c !== 0n ? v.c : (v.orConst ?? null));
  const first = writes[0] ? set(writes[0].value) : null;
  return first !== null && writes.every((x) => set(x.value) === first);
}

/**
 * The same in source: a bool the owner only ever sets to one literal, with which the guard passes (its
 * condition is then true, or an `if` around it false): `openTrading() { tradingOpen = true; }` with
 * `require(tradingOpen || ...)`, or `removeLimits() { limitsInEffect = false; }` around a max-tx check.
 */
function opensOnlyInSource(ctx: SourceContext, v: StateVariable, guard: SourceGuard): boolean {
  if (v.isMapping || !/^bool/.test(v.typeText) || ctx.twoWay(v, ctx.privileged)) return false;
  const written = new Set<string>();
  for (const f of ctx.privileged) for (const o of ctx.ops(f)) if (o.kind === 'state-write' && o.variable === v) written.add((rhsText(o.node, o.origin) ?? '?').trim());
  if (written.size !== 1) return false;
  const value = [...written][0] === 'true';
  const src = guard.o.origin.contract.unit.text;
  if (truthWith(guard.o.condition, v.name, value, src) === true) return true;
  return enclosingConditions(guard.o.node).some((c) => truthWith(c, v.name, value, src) === false);
}

/** The truth of a condition when `name` holds `value`, or null when it depends on anything else. */
function truthWith(node: SyntaxNode, name: string, value: boolean, src: string): boolean | null {
  const n = unparen(node);
  const text = textOf(src, n).trim();
  if (n.type === 'identifier' || n.type === 'boolean_literal' || n.type === 'expression') {
    if (text === name) return value;
    if (text === 'true' || text === 'false') return text === 'true';
  }
  if (n.type === 'unary_expression' && n.tokens.operator === '!' && n.fields.argument) {
    const t = truthWith(n.fields.argument, name, value, src);
    return t === null ? null : !t;
  }
  if (n.type === 'binary_expression' && n.fields.left && n.fields.right) {
    const op = n.tokens.operator;
    const l = truthWith(n.fields.left, name, value, src);
    const r = truthWith(n.fields.right, name, value, src);
    if (op === '&&') return l === false || r === false ? false : l === true && r === true ? true : null;
    if (op === '||') return l === true || r === true ? true : l === false && r === false ? false : null;
    if ((op === '==' || op === '!=') && l !== null && r !== null) return op === '==' ? l === r : l !== r;
  }
  return null;
}

/**
 * A guard that only applies before a deadline fixed at deployment: an enclosing `if` whose condition has a
 * conjunct `block.number <= launchedAt + 3` (or `block.timestamp < start + 1 hours`) over constants and
 * immutables only. Once the block passes it, the guard is never reached again, and no owner setting can bring
 * it back: a launch window, not a limit on selling.
 */
function expiresForGood(ctx: SourceContext, guard: SourceGuard): boolean {
  const fixed = (n: SyntaxNode): boolean =>
    findAll(n, 'identifier').every((i) => {
      const name = textOf(guard.src, i);
      const v = guard.o.origin.contract.stateVariables.get(name) ?? ctx.c.stateVariables.get(name);
      return v ? v.isConstant || v.isImmutable : /^(block|number|timestamp|seconds|minutes|hours|days|weeks)$/.test(name);
    });
  const conjuncts = (n: SyntaxNode): SyntaxNode[] => {
    const x = unparen(n);
    return x.type === 'binary_expression' && x.tokens.operator === '&&' && x.fields.left && x.fields.right ? [...conjuncts(x.fields.left), ...conjuncts(x.fields.right)] : [x];
  };
  // Only the `if`s whose then-branch holds the guard: in an else-branch the guard applies after the deadline.
  return enclosingConditions(guard.o.node, true).some((cond) =>
    conjuncts(cond).some((c) => {
      if (c.type !== 'binary_expression' || !c.fields.left || !c.fields.right) return false;
      const op = c.tokens.operator;
      const [l, r] = [textOf(guard.src, c.fields.left).replace(/\s+/g, ''), textOf(guard.src, c.fields.right).replace(/\s+/g, '')];
      const now = /^block\.(number|timestamp)$/;
      if (now.test(l) && (op === '<' || op === '<=')) return fixed(c.fields.right);
      if (now.test(r) && (op === '>' || op === '>=')) return fixed(c.fields.left);
      return false;
    }),
  );
}

export default defineTokenFlag(
  {
    id: 'limit-sell',
    flag: 'limit_sell',
    title: 'Selling can be limited',
    goplus: null,
    crpwarner: 'limit_sell',
    severity: 'high',
    confidence: 0.85,
    weight: 0.7,
    say: 'selling can be blocked or capped for ordinary holders',
    ownerPrivilege: false,
    description: 'Transfers revert on storage the owner sets, or call a contract the owner chooses, or a simulated sell failed: selling can be blocked for ordinary holders.',
    recommendation: 'Do not buy unless a sell by an ordinary holder has been seen to work.',
  },
  {
    bytecode: {
      decide(ctx) {
        const { books, controlled, ownerWritten } = ctx;
        let limit = false;
        for (const { f, g } of ctx.guards) {
          // The guard tests owner-set storage, or it checks a transfer party (`from != owner()`) and is reached
          // only through a branch on owner-set storage (`to == pool && ...`); balance and allowance checks aside.
          const bookkeeping = g.cond.slots.some((k) => books.has(k) || ctx.transferKept.has(k));
          const direct = controlled([...g.cond.tested, ...(g.cond.from ? [g.cond.from] : [])]);
          // A party check compares a party with a stored address; a zero test (`from != address(0)`, `feeWallet !=
          // address(0)`) is not one.
          const partyCheck = (g.cond.caller || g.cond.args !== 0) && g.cond.slots.length > 0 && !g.cond.lit;
          const viaPath = bookkeeping || !partyCheck ? [] : controlled(g.path);
          const keys = (direct.length > 0 ? direct : viaPath).filter((k) => !opensOnly(ctx, k, g));
          if (keys.length === 0) continue;
          limit = true;
          ctx.ev('limit_sell', f, `transfers revert (pc ${g.pc}) on storage the owner sets (slot ${keys.join(', ')}, set by ${describe(ownerWritten.get(keys[0]!)!)})`);
        }
        for (const f of ctx.transferPath) {
          for (const c of f.calls) {
            const keys = controlled(c.target.slots);
            if (keys.length === 0) continue;
            limit = true;
            ctx.ev('limit_sell', f, `transfers call a contract the owner chooses (pc ${c.pc}); it can make them revert`);
          }
        }
        ctx.setFlag('limit_sell', ctx.noneIf(limit));
      },
    },
    source: {
      decide(ctx) {
        let limit = false;
        for (const guard of ctx.guards) {
          const { f, o } = guard;
          const controlled = guard.controlled.filter((v) => !opensOnlyInSource(ctx, v, guard));
          if (controlled.length === 0 || expiresForGood(ctx, guard)) continue;
          limit = true;
          ctx.ev('limit_sell', f, o.node, `transfers revert on ${controlled.map((v) => v.name).join(', ')}, which ${ctx.ownerWritten.get(controlled[0]!)!.name} sets`, o.origin);
        }
        ctx.set('limit_sell', ctx.noneIf(limit));
      },
    },
  },
);
