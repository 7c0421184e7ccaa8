/**
 * A plain-object syntax tree converted once from tree-sitter's concrete tree.
 *
 * Why not use tree-sitter nodes directly: every node access crosses into WASM and must be freed, and
 * the grammar wraps each expression and statement in an extra `expression`/`statement` node. Detectors
 * are simpler and faster over plain objects without those wrappers, and the WASM tree can be freed at
 * once. The conversion is iterative, so 10,000 nested parentheses cannot overflow the stack.
 */

export interface SyntaxNode {
  type: string;
  /** Byte-free character offsets into the source text (UTF-16, as JavaScript strings count). */
  startIndex: number;
  endIndex: number;
  /** 1-based. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  parent: SyntaxNode | null;
  /** Named children, in source order. */
  children: SyntaxNode[];
  /** Named children reachable by a grammar field name (the first one when a field repeats). */
  fields: Record<string, SyntaxNode>;
  /** Anonymous tokens stored under a field name, e.g. `operator: '+='` or `location: 'storage'`. */
  tokens: Record<string, string>;
  /** True when tree-sitter inserted the node to recover from an error. */
  missing?: boolean;
}

/** Reads a node's source text. */
export function textOf(source: string, node: SyntaxNode): string {
  return source.slice(node.startIndex, node.endIndex);
}

/** Depth-first, pre-order walk without recursion. Return `false` from `visit` to skip a subtree. */
export function walk(root: SyntaxNode, visit: (node: SyntaxNode) => boolean | void): void {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

/** All descendants (including `root`) of the given types, in source order. */
export function findAll(root: SyntaxNode, types: string | ReadonlySet<string>): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const match = typeof types === 'string' ? (t: string) => t === types : (t: string) => types.has(t);
  walk(root, (n) => {
    if (match(n.type)) out.push(n);
  });
  return out;
}

/** The nearest ancestor of one of the given types, or null. */
export function ancestor(node: SyntaxNode, types: ReadonlySet<string> | string): SyntaxNode | null {
  const match = typeof types === 'string' ? (t: string) => t === types : (t: string) => types.has(t);
  for (let n = node.parent; n; n = n.parent) if (match(n.type)) return n;
  return null;
}

/** True when `inner` lies inside `outer` (or is it). */
export function contains(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/**
 * Skips parentheses, and 0.8's `payable(x)`, which is `x` as a value: `((x))` → `x`,
 * `payable(msg.sender)` → `msg.sender`.
 */
export function unparen(node: SyntaxNode): SyntaxNode {
  let n = node;
  for (;;) {
    if ((n.type === 'parenthesized_expression' || n.type === 'tuple_expression') && n.children.length === 1) n = n.children[0]!;
    else if (n.type === 'payable_conversion_expression' && n.children.length === 1 && n.children[0]!.type === 'call_argument' && n.children[0]!.children.length === 1) n = n.children[0]!.children[0]!;
    else return n;
  }
}

/** Wrapper node types that carry one named child and no meaning of their own. */
export const WRAPPER_TYPES: ReadonlySet<string> = new Set(['expression', 'statement']);
