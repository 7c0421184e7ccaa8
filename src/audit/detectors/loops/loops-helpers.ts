import { findAll, textOf, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { analyzeFunction } from '../../../solidity/model/operations.js';
import { calleeName, isMember } from '../../../solidity/model/expressions.js';
import type { ContractModel, FunctionModel, Operation } from '../../../solidity/model/types.js';

/**
 * What the loop detectors share: which operations of a function run inside a loop, including the
 * operations of internal functions called from inside a loop (to a bounded depth), each with the
 * statement in the analysed function that leads to it.
 */

export interface LoopHit {
  /** The operation (in the function itself or in a callee). */
  op: Operation;
  /** Where to report: the operation itself, or the internal call inside the loop that reaches it. */
  site: SyntaxNode;
}

const MAX_DEPTH = 3;

/**
 * Operations of `fn` (analysed in `contract`) that run inside a loop: those inside a loop of `fn`, and
 * every operation of an internal function called from inside such a loop (or with a loop of its own).
 */
export function operationsInLoops(fn: FunctionModel, contract: ContractModel, calleeLoops = false): LoopHit[] {
  const out: LoopHit[] = [];
  collect(fn, contract, false, null, 0, new Set(), out, calleeLoops);
  return out;
}

/**
 * `calleeLoops`: also the loops inside internal functions called outside any loop (for questions that
 * belong to the entry point, such as whether it is payable); otherwise those loops are the callee's
 * own, reported when the callee is analysed.
 */
function collect(fn: FunctionModel, contract: ContractModel, inLoop: boolean, site: SyntaxNode | null, depth: number, seen: Set<FunctionModel>, out: LoopHit[], calleeLoops: boolean): void {
  if (seen.has(fn) || depth > MAX_DEPTH) return;
  seen.add(fn);
  const analysis = analyzeFunction(fn, contract);
  for (const op of analysis.operations) {
    if (op.origin !== fn) {
      // Modifier code: its own loops only.
      if (op.loops.length > 0 || inLoop) out.push({ op, site: site ?? op.node });
      continue;
    }
    const looped = inLoop || op.loops.length > 0;
    if (op.kind === 'internal-call') {
      if (looped || calleeLoops) collect(op.target, contract, looped, site ?? op.node, depth + 1, seen, out, calleeLoops);
      continue;
    }
    if (looped) out.push({ op, site: site ?? op.node });
  }
  seen.delete(fn);
}

/** `msg.value` nodes, used whole (see `usedWhole`), in `fn`'s body inside a loop of `fn`. */
export function msgValueInLoops(fn: FunctionModel): SyntaxNode[] {
  if (!fn.body) return [];
  const src = fn.contract.unit.text;
  const out: SyntaxNode[] = [];
  for (const loop of findAll(fn.body, LOOPS)) {
    for (const m of findAll(loop, 'member_expression')) if (isMember(m, src, 'msg', 'value') && usedWhole(m, src) && !out.includes(m)) out.push(m);
  }
  return out;
}

/** Whether `fn` (or an internal function it calls, to a bounded depth) uses `msg.value` whole. */
export function readsMsgValue(fn: FunctionModel, contract: ContractModel, depth = 0, seen = new Set<FunctionModel>()): boolean {
  if (!fn.body || seen.has(fn) || depth > MAX_DEPTH) return false;
  seen.add(fn);
  const src = fn.contract.unit.text;
  if (findAll(fn.body, 'member_expression').some((m) => isMember(m, src, 'msg', 'value') && usedWhole(m, src))) return true;
  return analyzeFunction(fn, contract).operations.some((op) => op.kind === 'internal-call' && op.origin === fn && readsMsgValue(op.target, contract, depth + 1, seen));
}

const SCALING_CALL = /^(mul|div|mod|mulDiv|percent|percentOf|safeMul|safeDiv|fraction)$/i;
const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

/**
 * `msg.value` counted as a whole amount: assigned, added, sent or passed on as it is. A share of it
 * (`msg.value * pct[i] / 100`, `msg.value.mul(share)`) is a split of one payment, and a comparison
 * (`total > msg.value`) is a check and an event argument a record, not a use: both are the correct way to handle it in a loop.
 */
export function usedWhole(m: SyntaxNode, src: string): boolean {
  for (let child = m, p = m.parent; p; child = p, p = p.parent) {
    // Logged, not counted.
    if (p.type === 'emit_statement') return false;
    if (p.type.endsWith('_statement') || p.type === 'function_body' || p.type === 'block_statement') return true;
    if (p.type === 'binary_expression') {
      const op = p.tokens.operator ?? '';
      if (op === '*' || op === '/' || op === '%' || COMPARISONS.has(op)) return false;
    }
    if (p.type === 'member_expression' && p.fields.object === child && p.parent?.type === 'call_expression') {
      const name = p.fields.property ? textOf(src, p.fields.property) : '';
      if (SCALING_CALL.test(name)) return false;
    }
    if (p.type === 'call_expression' && p.fields.function !== child) {
      const name = calleeName(p, src) ?? '';
      if (SCALING_CALL.test(name)) return false;
    }
  }
  return true;
}

export const LOOPS: ReadonlySet<string> = new Set(['for_statement', 'while_statement', 'do_while_statement']);

/** A guard of the function refuses ether: `require(msg.value == 0)`. */
export function refusesEther(fn: FunctionModel, contract: ContractModel): boolean {
  for (const op of analyzeFunction(fn, contract).flattened) {
    if (op.kind !== 'guard') continue;
    const src = op.origin.contract.unit.text;
    if (/msg\.value\s*==\s*0\b|\b0\s*==\s*msg\.value/.test(textOf(src, op.condition))) return true;
  }
  return false;
}

/** The function can receive ether from its caller: payable, or (before 0.4.0 had no `payable`) unknown. */
export function isPayable(fn: FunctionModel): boolean {
  return fn.mutability === 'payable';
}
