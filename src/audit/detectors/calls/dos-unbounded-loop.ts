import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { analyzeFunction, LOOP_TYPES } from '../../../solidity/model/operations.js';
import type { ContractModel, FunctionModel, StateVariable } from '../../../solidity/model/types.js';
import { defineDetector } from '../detector.js';
import { growthOf, loopCondition, publiclyGrowable } from './calls-helpers.js';

/**
 * Gas-limit denial of service (SWC-128). A dynamic storage array that any caller can grow (a `push`
 * or `length += n` in a public function without a caller check) costs gas in proportion to its
 * length wherever it is walked or reset: a loop bounded by `arr.length`, `arr = new T[](0)`,
 * `delete arr`, `arr.length = 0` (each slot is zeroed). Once the array is long enough, those
 * statements exceed the block gas limit and the function can never run again.
 *
 * Reported: (1) each such loop or reset of a growable array, and (2) loops in unguarded public
 * functions that grow such an array many elements per transaction, which is how an attacker gets
 * there cheaply. Arrays that are grown but never walked or reset are not reported (their growth is
 * harmless), nor are loops in view functions (they cost nothing on-chain when called off-chain).
 */
export default defineDetector(
  {
    id: 'dos-unbounded-loop',
    title: 'Denial of service: unbounded operation on a caller-growable array',
    swc: ['SWC-128'],
    dasp: 'denial_of_service',
    severity: 'medium',
    confidence: 0.6,
    description:
      'A storage array that any caller can grow is iterated or reset in one transaction; its cost grows with the array until the operation no longer fits in a block.',
    exploitScenario:
      'An attacker calls the public function that appends to the array until it holds thousands of entries; the payout or reset that walks the array then runs out of gas on every attempt and the contract is stuck.',
    recommendation:
      'Bound the array (a maximum length, or restrict who can add), process it in bounded batches that keep their position between transactions, or replace iteration by per-user accounting (mappings and pull payments).',
  },
  (ctx, rawReport) => {
    const reported = new Set<string>();
    const report: typeof rawReport = (input) => {
      const key = `${input.unit.path}:${input.node.startIndex}`;
      if (reported.has(key)) return;
      reported.add(key);
      rawReport(input);
    };
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface' || contract.kind === 'library') continue;
      const growable = publiclyGrowable(contract);
      if (growable.size === 0) continue;
      const src = contract.unit.text;
      const consumers = new Map<StateVariable, Array<{ node: SyntaxNode; fn: FunctionModel; what: string; header: boolean }>>();
      for (const fn of contract.ownFunctions) {
        if (!fn.body || fn.kind === 'modifier' || fn.kind === 'constructor') continue;
        if (fn.mutability === 'view' || fn.mutability === 'pure') continue;
        const locals = analyzeFunction(fn, contract).locals;
        const add = (v: StateVariable | null, node: SyntaxNode, what: string, header = false) => {
          if (!v || !growable.has(v)) return;
          const list = consumers.get(v) ?? [];
          list.push({ node, fn, what, header });
          consumers.set(v, list);
        };
        const stateArray = (expr: SyntaxNode | undefined): StateVariable | null => {
          if (!expr) return null;
          const e = unparen(expr);
          if (e.type !== 'identifier') return null;
          const name = textOf(src, e);
          if (locals.has(name)) return null;
          return contract.stateVariables.get(name) ?? null;
        };
        for (const loop of findAll(fn.body, LOOP_TYPES)) {
          const cond = loop.fields.condition;
          if (!cond) continue;
          for (const m of findAll(cond, 'member_expression')) {
            if (m.fields.property && textOf(src, m.fields.property) === 'length') add(stateArray(m.fields.object), loop, 'iterates', true);
          }
        }
        for (const a of findAll(fn.body, 'assignment_expression')) {
          const left = a.fields.left ? unparen(a.fields.left) : null;
          const right = a.fields.right ? unparen(a.fields.right) : null;
          if (!left || !right) continue;
          if (right.type === 'call_expression' && unparen(right.fields.function ?? right.children[0]!).type === 'new_expression') add(stateArray(left), a, 'resets');
          else if (left.type === 'member_expression' && left.fields.property && textOf(src, left.fields.property) === 'length' && textOf(src, right) === '0') add(stateArray(left.fields.object), a, 'resets');
        }
        for (const u of findAll(fn.body, 'unary_expression')) {
          if (u.tokens.operator === 'delete' && u.fields.argument) add(stateArray(u.fields.argument), u, 'deletes');
        }
      }
      for (const [v, uses] of consumers) {
        for (const use of uses) {
          report({
            node: use.node,
            unit: contract.unit,
            contract,
            fn: use.fn,
            headerOnly: use.header,
            message: `${use.fn.name || use.fn.kind} ${use.what} \`${v.name}\`, which any caller can grow without limit: the cost rises until it exceeds the block gas limit.`,
            evidence: { array: v.name },
          });
        }
        reportGrowthLoops(contract, v, growable.get(v)!, report);
      }
    }
  },
);

/** Loops that append to the array many times in one call from an unguarded entry point. */
function reportGrowthLoops(contract: ContractModel, v: StateVariable, growth: SyntaxNode[], report: Parameters<Parameters<typeof defineDetector>[1]>[1]): void {
  const seen = new Set<SyntaxNode>();
  for (const g of growth) {
    let loop: SyntaxNode | null = null;
    for (let p = g.parent; p; p = p.parent) {
      if (LOOP_TYPES.has(p.type)) {
        loop = p;
        break;
      }
      if (p.type === 'function_definition' || p.type === 'fallback_receive_definition' || p.type === 'modifier_definition') break;
    }
    if (!loop || seen.has(loop)) continue;
    seen.add(loop);
    const fn = contract.functions.find((f) => f.body && f.body.startIndex <= loop.startIndex && f.body.endIndex >= loop.endIndex) ?? null;
    if (!fn || !fn.isEntryPoint) continue;
    const unit = fn.contract.unit;
    if (growthOf(g, unit.text, contract, new Set()) !== v) continue;
    // Many elements per call: the loop runs a fixed number of times or as often as the caller asks.
    if (!callerSizedLoop(loop, unit.text, analyzeFunction(fn, contract).callerControlled)) continue;
    report({
      node: loop,
      headerOnly: true,
      unit,
      contract,
      fn,
      message: `This loop appends to \`${v.name}\` many times per call, and any caller can run it: the array can be grown cheaply until walking or resetting it no longer fits in a block.`,
      evidence: { array: v.name },
      confidence: 0.55,
    });
  }
}


/** The loop's bound is a literal or a value the caller passes (not the size of existing state). */
function callerSizedLoop(loop: SyntaxNode, src: string, callerControlled: Set<string>): boolean {
  const cond = loopCondition(loop);
  if (!cond) return false;
  const c = unparen(cond);
  if (c.type !== 'binary_expression' || !c.fields.left || !c.fields.right) return false;
  const op = c.tokens.operator ?? src.slice(c.fields.left.endIndex, c.fields.right.startIndex).trim();
  if (!['<', '<=', '>', '>=', '!='].includes(op)) return false;
  const bound = op === '<' || op === '<=' || op === '!=' ? c.fields.right : c.fields.left;
  const b = unparen(bound);
  if (b.type === 'number_literal') return true;
  return b.type === 'identifier' && callerControlled.has(textOf(src, b));
}
