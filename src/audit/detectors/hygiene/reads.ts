import { findAll, textOf, type SyntaxNode } from '../../../solidity/parse/syntax.js';

/**
 * Shared by the unused-variable detectors: which occurrences of a name read it. An identifier is
 * written, not read, when it is the root of the left side of a plain `=` (`x = 1`, `m[k] = v`,
 * `s.f = v`; the index `k` is still read) or the operand of `delete`. Compound assignments, `++` and
 * member calls (`a.push(x)`) read the variable too and count as reads, which errs towards "used".
 */
export function isWriteOnly(id: SyntaxNode): boolean {
  let child = id;
  for (let p = id.parent; p; child = p, p = p.parent) {
    if (p.type === 'parenthesized_expression') continue;
    if (p.type === 'member_expression' && p.fields.object === child) continue;
    if (p.type === 'array_access' && p.fields.base === child) continue;
    if (p.type === 'assignment_expression') return p.fields.left === child;
    if (p.type === 'unary_expression' && p.tokens.operator === 'delete') return true;
    return false;
  }
  return false;
}

/** Names read anywhere under `root` (identifiers used as values, not as `.property`), and in assembly. */
export function readNames(root: SyntaxNode, src: string, skip: ReadonlySet<SyntaxNode> = new Set()): Set<string> {
  const out = new Set<string>();
  for (const id of findAll(root, 'identifier')) {
    if (skip.has(id)) continue;
    if (id.parent?.type === 'member_expression' && id.parent.fields.property === id) continue;
    // The name being declared (variable, parameter, function, struct field), not a use of it.
    if (id.parent?.fields.name === id) continue;
    if (isWriteOnly(id)) continue;
    out.add(textOf(src, id));
  }
  for (const asm of findAll(root, 'assembly_statement')) {
    for (const m of textOf(src, asm).matchAll(/[A-Za-z_$][\w$]*/g)) out.add(m[0].replace(/(_slot|_offset)$/, ''));
  }
  return out;
}
