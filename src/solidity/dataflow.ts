import { findAll, textOf, unparen, walk, type SyntaxNode } from './parse/syntax.js';
import type { FunctionModel } from './model/types.js';

/**
 * Intra-procedural data flow over a function's locals: which names carry a value that came from a set
 * of seeds (parameters, loop variables, the caller). One propagator serves every analysis; the
 * analyses differ only in the policy they pass (what counts as a mention of a tainted value, whether
 * `x += y` assigns, which names an assignment may taint), so the differences are named, not copied.
 */

/** How taint moves through a function's assignments. */
export interface TaintPolicy {
  /** Whether `value` carries one of `names`. */
  carries: (value: SyntaxNode, names: Set<string>, src: string) => boolean;
  /** Count `x += y` (and the other compound operators) as assigning `y` to `x`. */
  compound: boolean;
  /** A plain assignment `x = …` taints `x` only when this accepts it (declarations always taint). */
  assignable: (name: string) => boolean;
  /** Passes over the assignments: two reach a local computed from a local computed from a seed. */
  passes: number;
}

/** `[name, value]` for every local declaration with a value and every assignment to a plain name, in that order. */
export function localAssignments(fn: FunctionModel, src: string, compound: boolean): Array<[string, SyntaxNode]> {
  const assigns: Array<[string, SyntaxNode]> = [];
  if (!fn.body) return assigns;
  for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
    const decl = stmt.children.find((c) => c.type === 'variable_declaration');
    if (decl?.fields.name && stmt.fields.value) assigns.push([textOf(src, decl.fields.name), stmt.fields.value]);
  }
  const kinds = compound ? new Set(['assignment_expression', 'augmented_assignment_expression']) : 'assignment_expression';
  for (const a of findAll(fn.body, kinds)) {
    const left = a.fields.left ? unparen(a.fields.left) : null;
    if (left?.type === 'identifier' && a.fields.right) assigns.push([textOf(src, left), a.fields.right]);
  }
  return assigns;
}

/** The seeds and every local whose assigned value carries one of them, under `policy`. */
export function propagateTaint(fn: FunctionModel, seeds: Iterable<string>, src: string, policy: TaintPolicy): Set<string> {
  const tainted = new Set(seeds);
  if (!fn.body) return tainted;
  const assigns = localAssignments(fn, src, policy.compound);
  for (let pass = 0; pass < policy.passes; pass++) {
    for (const [name, value] of assigns) if (!tainted.has(name) && policy.assignable(name) && policy.carries(value, tainted, src)) tainted.add(name);
  }
  return tainted;
}

/** True when `node` mentions one of `names` (not as a member name), or `msg.data`. */
export function mentionsAny(node: SyntaxNode, names: Set<string>, src: string): boolean {
  for (const id of findAll(node, 'identifier')) {
    if (names.has(textOf(src, id)) && !(id.parent?.type === 'member_expression' && id.parent.fields.property === id)) return true;
  }
  for (const m of findAll(node, 'member_expression')) if (textOf(src, m) === 'msg.data') return true;
  return false;
}

/**
 * True when the value of `node` carries one of `names`: a mention outside an index (`bets[_who]` is a
 * stored value the caller only selects, not one they choose) and outside a member name.
 */
export function mentionsTainted(node: SyntaxNode, names: Set<string>, src: string): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === 'array_access' && n.fields.base && n.fields.index) {
      // Only the index is skipped: the base (`bets` in `bets[_who]`, or anything else) still carries taint.
      if (mentionsTainted(n.fields.base, names, src)) found = true;
      return false;
    }
    if (n.type === 'identifier' && !(n.parent?.type === 'member_expression' && n.parent.fields.property === n) && names.has(textOf(src, n))) found = true;
    return undefined;
  });
  return found;
}

/**
 * What a caller of an entry point controls: its parameters, and locals computed from them or from
 * `msg.data` (only locals the function declares can be re-assigned into the set). Empty for internal
 * functions: their arguments are chosen by the contract.
 */
export function callerControlledLocals(fn: FunctionModel, src: string, locals: Set<string>): Set<string> {
  if (!fn.isEntryPoint) return new Set();
  const params = fn.params.flatMap((p) => (p.name ? [p.name] : []));
  return propagateTaint(fn, params, src, { carries: mentionsAny, compound: false, assignable: (name) => locals.has(name), passes: 2 });
}

/**
 * Locals computed from `seeds` (some parameters, of any function), index lookups excluded. Differs from
 * `callerControlledLocals` on purpose: seeds may be a subset of the parameters, `bets[_who]` does not
 * taint (the caller selects a stored value, they do not choose it), `x += y` assigns, and a parameter
 * re-assigned inside the function is not tainted by it.
 */
export function valueTaintedLocals(fn: FunctionModel, seeds: Set<string>, src: string): Set<string> {
  if (!fn.body || seeds.size === 0) return new Set(seeds);
  const params = new Set(fn.params.map((p) => p.name ?? ''));
  return propagateTaint(fn, seeds, src, { carries: mentionsTainted, compound: true, assignable: (name) => !params.has(name), passes: 2 });
}
