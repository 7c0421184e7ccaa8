import { contains, findAll, textOf, unparen, walk, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { blockValueOf, calleeName, callArguments } from '../../../solidity/model/expressions.js';
import { analyzeFunction, rootName } from '../../../solidity/model/operations.js';
import type { ContractModel, FunctionModel } from '../../../solidity/model/types.js';
import { mentionsAny } from '../../../solidity/dataflow.js';
import { blockchainFacts, taintOf, timestampOnly } from './blockchain-helpers.js';
import { defineDetector } from '../detector.js';

/**
 * Decisions that hinge on block.timestamp (SWC-116). A block producer picks the timestamp (within
 * about 15 seconds of the truth, and later than the parent's), so it must not pick a winner or decide
 * a payout at a precise moment.
 *
 * Reported, where the timestamp is used in the decision:
 * - a "random" number drawn from the timestamp alone (`uint(keccak256(now)) % 2`, `now % 15 == 0`,
 *   a `random()` that returns `block.timestamp`): the producer chooses the outcome;
 * - an exact-time test (`now == t`, `now != last`): only the producer can hit or avoid it;
 * - a timestamp comparison that gates an ether payout in the same function (`if (now > last +
 *   1 minutes) winner.send(pot)`), and the state write that records the timestamp such a test
 *   compares against: the producer can shift who gets paid;
 * - a public predicate that returns a timestamp comparison (`isSaleFinished()`), which other code
 *   and contracts take as exact.
 * Plain deadline checks in functions that pay nothing are not reported: minutes of drift do not
 * matter to them. Entropy drawn from other block values as well is `weak-randomness`.
 */
export default defineDetector(
  {
    id: 'timestamp-dependence',
    title: 'Decision depends on block.timestamp',
    swc: ['SWC-116'],
    dasp: 'time_manipulation',
    severity: 'low',
    confidence: 0.55,
    description:
      'block.timestamp (now) decides a payout, a winner or a state transition; the block producer sets the timestamp within a tolerance and can pick the value that suits them.',
    exploitScenario:
      'A miner who plays the game sets the timestamp of the block that includes their transaction so that `now % 15 == 0` holds, or so that a timeout has (or has not) expired, and takes the jackpot.',
    recommendation:
      'Do not use block.timestamp as randomness or for exact-time conditions; allow for several minutes of drift in deadlines, and use an oracle or commit-reveal for outcomes.',
  },
  (ctx, report) => {
    const facts = blockchainFacts(ctx);
    const seen = new Set<string>();
    const emit = (contract: ContractModel, fn: FunctionModel | null, node: SyntaxNode, message: string, severity?: 'low' | 'medium', confidence?: number) => {
      const key = `${contract.unit.path}:${node.startLine}`;
      if (seen.has(key)) return;
      seen.add(key);
      report({ node, unit: contract.unit, contract, fn, message, severity, confidence });
    };

    // 1. Randomness from the timestamp alone.
    for (const sink of facts.sinks) {
      if (!timestampOnly(sink.kinds)) continue;
      const where = sink.fn ? sink.fn.name || sink.fn.kind : 'a state variable initialiser';
      emit(sink.contract, sink.fn, sink.node, `${where} draws a random outcome from block.timestamp, which the block producer chooses.`, 'medium', 0.7);
    }

    for (const contract of ctx.contracts) {
      const src = contract.unit.text;
      const conditions: Array<{ fn: FunctionModel; cond: SyntaxNode; report: SyntaxNode; pays: boolean }> = [];
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        const pays = paysEther(fn, contract);
        for (const { cond, at } of conditionsOf(fn.body, src)) conditions.push({ fn, cond, report: at, pays });
      }
      const timeHelpers = timeHelpersOf(contract);
      // Comparisons against the timestamp, and the state variables they compare it with.
      const comparedState = new Set<string>();
      for (const c of conditions) {
        for (const cmp of comparisons(c.cond)) {
          const t = taintOf(facts, contract, c.fn, cmp);
          // The current block's timestamp must reach the comparison: written in it, or carried there by a
          // local of this function or an internal function's return value. A timestamp stored in state
          // by an earlier transaction is history, not the producer's choice now.
          const direct =
            t.kinds.has('timestamp') &&
            ([...t.origins].some((o) => blockValueOf(o, src) === 'timestamp' && contains(cmp, o)) || mentionsAny(cmp, timeLocals(c.fn, src), src) || [...calledIn(cmp, src)].some((n) => timeHelpers.has(n)));
          if (!direct) continue;
          // A value drawn in a reported "random" expression and only tested here: reported once, there.
          const inside = [...t.origins].some((o) => contains(cmp, o));
          if (!inside && [...t.origins].every((o) => facts.sinks.some((sk) => timestampOnly(sk.kinds) && contains(sk.node, o)))) continue;
          const exact = cmp.tokens.operator === '==' || cmp.tokens.operator === '!=';
          const drawn = t.random && timestampOnly(t.kinds);
          const window = windowSeconds(cmp, contract, src);
          const short = window !== null && window < 15 * 60;
          if (!exact && !(c.pays && (short || drawn))) continue;
          for (const id of findAll(cmp, 'identifier')) {
            const name = textOf(src, id);
            if (contract.stateVariables.has(name) && !analyzeFunction(c.fn, contract).locals.has(name)) comparedState.add(name);
          }
          const code = textOf(src, cmp).trim();
          if (exact) emit(contract, c.fn, c.report, `${c.fn.name || c.fn.kind} tests block.timestamp for an exact value: \`${code}\`; the block producer decides whether it holds.`, 'medium');
          else if (drawn) emit(contract, c.fn, c.report, `${c.fn.name || c.fn.kind} pays out on a value drawn from block.timestamp: \`${code}\`; the block producer picks the outcome.`, 'medium');
          else emit(contract, c.fn, c.report, `${c.fn.name || c.fn.kind} pays out on a ${window}-second timestamp window: \`${code}\`; that is within the drift a block producer controls.`);
        }
      }
      // State writes that record the timestamp a payout decision compares against.
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        const locals = analyzeFunction(fn, contract).locals;
        for (const a of findAll(fn.body, 'assignment_expression')) {
          const left = a.fields.left;
          const right = a.fields.right;
          if (!left || !right) continue;
          const name = rootName(left, src);
          if (!name || locals.has(name) || !comparedState.has(name)) continue;
          if (!findAll(right, new Set(['identifier', 'member_expression'])).some((n) => blockValueOf(n, src) === 'timestamp')) continue;
          emit(contract, fn, a, `${fn.name || fn.kind} records block.timestamp in \`${name}\`, which a payout decision later compares against; the block producer chooses this value.`);
        }
      }
      // Predicates comparing the timestamp with a hard-coded date ("the sale ends exactly at ...").
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        for (const r of findAll(fn.body, 'return_statement')) {
          const e = r.children[0] ? unparen(r.children[0]) : null;
          if (!e || !isDateComparison(e, src)) continue;
          if (fn.isEntryPoint) emit(contract, fn, r, `${fn.name} compares block.timestamp with a hard-coded date (\`${textOf(src, e).trim()}\`); the block producer can shift the moment it flips.`, 'low', 0.4);
          for (const other of contract.ownFunctions) {
            if (!other.body) continue;
            for (const { cond, at } of conditionsOf(other.body, src)) {
              if (findAll(cond, 'call_expression').some((call) => calleeName(call, src) === fn.name && callArguments(call).length === 0)) {
                emit(contract, other, at, `${other.name || other.kind} branches on ${fn.name}(), a comparison of block.timestamp with a hard-coded date.`, 'low', 0.4);
              }
            }
          }
        }
      }
      // Block numbers converted to time with a fixed block interval (`block.number + t / 14`).
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        for (const b of findAll(fn.body, 'binary_expression')) {
          if (b.tokens.operator !== '+' && b.tokens.operator !== '-') continue;
          const sides = [b.fields.left, b.fields.right].filter(Boolean) as SyntaxNode[];
          if (!sides.some((x) => blockValueOf(x, src) === 'number')) continue;
          const other = sides.find((x) => blockValueOf(x, src) !== 'number');
          const scaled = other && findAll(other, 'binary_expression').some((m) => (m.tokens.operator === '/' || m.tokens.operator === '*') && [m.fields.left, m.fields.right].some((x) => x && x.type === 'number_literal' && +textOf(src, x) >= 10 && +textOf(src, x) <= 20));
          if (scaled) emit(contract, fn, b, `${fn.name || fn.kind} converts a duration to blocks with a fixed block time (\`${textOf(src, b).trim()}\`); block intervals vary, so the deadline drifts.`, 'low', 0.5);
        }
      }
    }
  },
);

/** Locals of `fn` declared or assigned with an expression that reads the timestamp itself (`uint t = now`). */
function timeLocals(fn: FunctionModel, src: string): Set<string> {
  const out = new Set<string>();
  if (!fn.body) return out;
  const reads = (n: SyntaxNode) => findAll(n, new Set(['identifier', 'member_expression'])).some((x) => blockValueOf(x, src) === 'timestamp');
  for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
    const decl = stmt.children.find((c) => c.type === 'variable_declaration');
    if (decl?.fields.name && stmt.fields.value && reads(stmt.fields.value)) out.add(textOf(src, decl.fields.name));
  }
  return out;
}

/** Functions of the contract that return the timestamp itself, or an expression of it (`return now;`). */
function timeHelpersOf(contract: ContractModel): Set<string> {
  const out = new Set<string>();
  for (const f of contract.functions) {
    if (!f.body || !f.name) continue;
    const fsrc = f.contract.unit.text;
    // A predicate (`return now > end;`) is a yes/no, not the time: its callers compare a boolean.
    const value = (r: SyntaxNode) => (r.children[0] ? unparen(r.children[0]) : null);
    const isTest = (v: SyntaxNode) => v.type === 'binary_expression' && ['<', '>', '<=', '>=', '==', '!=', '&&', '||'].includes(v.tokens.operator ?? '');
    if (findAll(f.body, 'return_statement').some((r) => { const v = value(r); return v !== null && !isTest(v) && findAll(v, new Set(['identifier', 'member_expression'])).some((x) => blockValueOf(x, fsrc) === 'timestamp'); })) out.add(f.name);
  }
  return out;
}

/** Names of the functions called inside an expression. */
function calledIn(expr: SyntaxNode, src: string): Set<string> {
  return new Set(findAll(expr, 'call_expression').map((c) => calleeName(c, src) ?? '').filter(Boolean));
}

/** Conditions of ifs, loops, ternaries, require/assert, with the node to report. */
function conditionsOf(body: SyntaxNode, src: string): Array<{ cond: SyntaxNode; at: SyntaxNode }> {
  const out: Array<{ cond: SyntaxNode; at: SyntaxNode }> = [];
  walk(body, (n) => {
    if ((n.type === 'if_statement' || n.type === 'while_statement') && n.fields.condition) out.push({ cond: n.fields.condition, at: n.fields.condition });
    else if (n.type === 'ternary_expression' && n.children[0]) out.push({ cond: n.children[0], at: n.children[0] });
    else if (n.type === 'call_expression') {
      const name = calleeName(n, src);
      const arg = callArguments(n)[0];
      if ((name === 'require' || name === 'assert') && arg) out.push({ cond: arg, at: n });
    }
  });
  return out;
}

/** Comparison sub-expressions of a condition. */
function comparisons(cond: SyntaxNode): SyntaxNode[] {
  // Comparisons whose operands hold another comparison or a logical operator are mis-parsed and skipped.
  // Still needed: the parser's precedence fixes do not yet cover chains mixing indexing and `&&`, e.g.
  // `now > r[i].end && r[i].ended == false` still parses as `((now > r)[i].end && r[i].ended) == false`.
  const nested = (x: SyntaxNode | undefined) => !x || findAll(x, 'binary_expression').some((b) => CMP_OR_LOGIC.has(b.tokens.operator ?? ''));
  return findAll(cond, 'binary_expression').filter((b) => CMP.has(b.tokens.operator ?? '') && !nested(b.fields.left) && !nested(b.fields.right));
}
const CMP = new Set(['<', '>', '<=', '>=', '==', '!=']);
const CMP_OR_LOGIC = new Set([...CMP, '&&', '||']);

/** The function (with its internal callees) sends ether. */
function paysEther(fn: FunctionModel, contract: ContractModel): boolean {
  return analyzeFunction(fn, contract).flattened.some(
    (op) => op.kind === 'external-call' && (op.call.kind === 'send' || op.call.kind === 'transfer' || op.call.value !== null),
  );
}

const UNIT: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400, weeks: 604800 };

/** The time tolerance written in a comparison (`last + 1 minutes`, `ONE_MINUTE`), in seconds, or null. */
function windowSeconds(cmp: SyntaxNode, contract: ContractModel, src: string): number | null {
  const literal = (text: string): number | null => {
    const m = /(\d+)\s*(seconds|minutes|hours|days|weeks)\b/.exec(text);
    return m ? +m[1]! * UNIT[m[2]!]! : null;
  };
  const direct = literal(textOf(src, cmp));
  if (direct !== null) return direct;
  for (const id of findAll(cmp, 'identifier')) {
    const v = contract.stateVariables.get(textOf(src, id));
    if (v?.initialValue) {
      const w = literal(textOf(v.contract.unit.text, v.initialValue));
      if (w !== null) return w;
    }
  }
  return null;
}

/** `block.timestamp >= 1546300800`: the timestamp against a literal date (after 2001). */
function isDateComparison(e: SyntaxNode, src: string): boolean {
  if (e.type !== 'binary_expression' || !['<', '>', '<=', '>='].includes(e.tokens.operator ?? '')) return false;
  const [l, r] = [e.fields.left, e.fields.right];
  if (!l || !r) return false;
  const date = (x: SyntaxNode) => x.type === 'number_literal' && +textOf(src, x) >= 1e9;
  return (blockValueOf(l, src) === 'timestamp' && date(r)) || (blockValueOf(r, src) === 'timestamp' && date(l));
}
