import { describe, expect, it } from 'vitest';
import { findAll, textOf, type SyntaxNode } from './syntax.js';
import { parseSolidityText } from './tree-sitter.js';

/** Prints a tree as nested parentheses of types, to compare shapes. */
function shape(n: SyntaxNode): string {
  return n.children.length === 0 ? n.type : `(${n.type} ${n.children.map(shape).join(' ')})`;
}

async function expr(code: string): Promise<{ node: SyntaxNode; src: string }> {
  const src = `contract A { function f() public { x = ${code}; } }`;
  const { root } = await parseSolidityText(src);
  const assignment = findAll(root, 'assignment_expression')[0]!;
  return { node: assignment.fields.right!, src };
}

describe('tree-sitter conversion', () => {
  it('binds member access and calls tighter than binary operators', async () => {
    const { node, src } = await expr('a + b.c(1)');
    expect(node.type).toBe('binary_expression');
    expect(textOf(src, node.fields.right!)).toBe('b.c(1)');
    expect(node.fields.right!.type).toBe('call_expression');
  });

  it('binds them tighter than comparisons, ternaries and prefix operators', async () => {
    expect((await expr('a == B(x).f()')).node.fields.right!.type).toBe('call_expression');
    const ternary = await expr('p ? q.r() : s.t()');
    expect(shape(ternary.node)).toBe('(ternary_expression identifier (call_expression (member_expression identifier identifier)) (call_expression (member_expression identifier identifier)))');
    const negated = await expr('!msg.sender.send(1)');
    expect(negated.node.type).toBe('unary_expression');
    expect(negated.node.fields.argument!.type).toBe('call_expression');
  });

  it('rotates through several binary operators', async () => {
    const { node, src } = await expr('a + b * c.d[i]');
    const access = findAll(node, 'array_access')[0]!;
    expect(textOf(src, access)).toBe('c.d[i]');
    expect(access.startColumn).toBeGreaterThan(node.startColumn);
  });

  it('rebuilds binary chains with Solidity precedence and associativity', async () => {
    const show = (n: SyntaxNode, src: string): string =>
      n.type === 'binary_expression' ? `(${show(n.fields.left!, src)} ${n.tokens.operator} ${show(n.fields.right!, src)})` : textOf(src, n);
    const cases: Array<[string, string]> = [
      ['msg.sender == a || msg.sender == b', '((msg.sender == a) || (msg.sender == b))'],
      ['a - b - c', '((a - b) - c)'],
      ['2 ** 3 ** 2', '(2 ** (3 ** 2))'],
      ['block.number < p.blockNum + 256', '(block.number < (p.blockNum + 256))'],
      ['a > b[i].c && d == e', '((a > b[i].c) && (d == e))'],
      ['now > r[i].end && r[i].ended == false', '((now > r[i].end) && (r[i].ended == false))'],
    ];
    for (const [code, expected] of cases) {
      const { node, src } = await expr(code);
      expect(show(node, src)).toBe(expected);
      // Parent links and ranges stay consistent after the rebuild.
      for (const child of node.children) expect(child.parent).toBe(node);
      expect(textOf(src, node)).toBe(code);
    }
  });

  it('drops wrapper nodes and keeps operator tokens', async () => {
    const { node } = await expr('a - 1');
    expect(node.type).toBe('binary_expression');
    expect(node.tokens.operator).toBe('-');
  });

  it('reports syntax errors with positions', async () => {
    const { problems } = await parseSolidityText('contract A {\n  function f( public {}\n}');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('converts 10,000 nested parentheses without overflowing the stack', async () => {
    const { maxDepth } = await parseSolidityText(`contract C { function f() public { x = ${'('.repeat(10000)}1${')'.repeat(10000)}; } }`);
    expect(maxDepth).toBeGreaterThan(10000);
  });
});
