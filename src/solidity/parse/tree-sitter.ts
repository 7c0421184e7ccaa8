import { createRequire } from 'node:module';
import { Parser, Language, type TreeCursor } from 'web-tree-sitter';
import { WRAPPER_TYPES, type SyntaxNode } from './syntax.js';

/**
 * Solidity parsing with tree-sitter (WASM). Chosen over solc's own AST and the ANTLR parser because it
 * is the fastest parser that covers 0.4 to 0.8 (0.18 s for SmartBugs curated against 6.7 s for
 * @solidity-parser/parser) and it recovers from errors, so one bad function does not hide a contract.
 */

const require = createRequire(import.meta.url);
let parserPromise: Promise<Parser> | null = null;

/** Loads the grammar once per thread. */
export function getParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const wasm = require.resolve('tree-sitter-solidity/tree-sitter-solidity.wasm');
    const language = await Language.load(wasm);
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

export interface SyntaxProblem {
  kind: 'error' | 'missing';
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** For `missing`: the token tree-sitter had to insert, e.g. `;`. */
  token?: string;
}

export interface ParsedTree {
  root: SyntaxNode;
  problems: SyntaxProblem[];
  /** Deepest nesting of the converted tree; analysis refuses absurd depths instead of overflowing. */
  maxDepth: number;
}

/** Parses Solidity text into a plain syntax tree and the list of syntax problems found in it. */
export async function parseSolidityText(text: string): Promise<ParsedTree> {
  const parser = await getParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const parsed = convert(tree.walk());
    fixPostfixPrecedence(parsed.root);
    fixBinaryPrecedence(parsed.root);
    return parsed;
  } finally {
    tree.delete();
  }
}

/**
 * Converts tree-sitter's tree iteratively, dropping wrapper nodes, comments and unnamed tokens without a
 * field. web-tree-sitter reports indices and columns in UTF-16 code units, as JavaScript strings count.
 */
function convert(cursor: TreeCursor): ParsedTree {
  const problems: SyntaxProblem[] = [];
  const make = (type: string, parent: SyntaxNode | null): SyntaxNode => {
    const s = cursor.startPosition;
    const e = cursor.endPosition;
    return {
      type,
      startIndex: cursor.startIndex,
      endIndex: cursor.endIndex,
      startLine: s.row + 1,
      startColumn: s.column + 1,
      endLine: e.row + 1,
      endColumn: e.column + 1,
      parent,
      children: [],
      fields: {},
      tokens: {},
    };
  };

  interface Frame {
    attachTo: SyntaxNode;
    /** The field of a dropped wrapper, handed down to the child that replaces it. */
    inheritedField: string | null;
  }
  const root = make(cursor.nodeType, null);
  const frames: Frame[] = [{ attachTo: root, inheritedField: null }];
  if (!cursor.gotoFirstChild()) return { root, problems, maxDepth: 1 };
  let maxDepth = 1;
  for (;;) {
    const frame = frames[frames.length - 1]!;
    const parent = frame.attachTo;
    const type = cursor.nodeType;
    const field = cursor.currentFieldName ?? frame.inheritedField;
    let next: Frame | null = null;
    if (cursor.nodeIsMissing) {
      const s = cursor.startPosition;
      problems.push({ kind: 'missing', line: s.row + 1, column: s.column + 1, endLine: s.row + 1, endColumn: s.column + 1, token: type });
    } else if (type === 'ERROR' || cursor.nodeIsNamed) {
      if (type === 'ERROR') {
        const s = cursor.startPosition;
        const e = cursor.endPosition;
        problems.push({ kind: 'error', line: s.row + 1, column: s.column + 1, endLine: e.row + 1, endColumn: e.column + 1 });
      }
      if (type === 'comment') {
        // Comments carry no semantics for detectors.
      } else if (WRAPPER_TYPES.has(type)) {
        next = { attachTo: parent, inheritedField: field };
      } else {
        const node = make(type, parent);
        parent.children.push(node);
        if (field && !(field in parent.fields)) parent.fields[field] = node;
        next = { attachTo: node, inheritedField: null };
      }
    } else if (field) {
      parent.tokens[field] = type;
    }

    if (next && cursor.gotoFirstChild()) {
      frames.push(next);
      if (frames.length > maxDepth) maxDepth = frames.length;
      continue;
    }
    // Move to the next sibling, or climb until there is one.
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent() || frames.length <= 1) return { root, problems, maxDepth };
      frames.pop();
    }
  }
}

const POSTFIX = new Set(['member_expression', 'call_expression', 'array_access', 'struct_expression']);
const FIRST_OPERAND: Record<string, string> = { member_expression: 'object', call_expression: 'function', array_access: 'base', struct_expression: 'type' };

/**
 * tree-sitter-solidity 1.2.13 binds postfix operators (member access, calls, indexing, call options)
 * looser than prefix, binary and ternary operators: it reads `a + b.c(1)` as `(a + b).c(1)`,
 * `!msg.sender.send(1)` as `(!msg.sender).send(1)` and `delete a[i]` as `(delete a)[i]`. Solidity binds
 * postfix operators tightest, so each such chain is rotated once here, where every consumer benefits,
 * rather than worked around in each detector.
 */
function fixPostfixPrecedence(root: SyntaxNode): void {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (POSTFIX.has(top.type) && !(top.parent && POSTFIX.has(top.parent.type) && top.parent.children[0] === top)) {
      const holder = top.parent;
      const slot = holder ? holder.children.indexOf(top) : -1;
      if (rotateChain(top)) {
        // The operator now stands where the chain stood: visit it again, so that chains in its other
        // operands (`(now > r)[i].end && ...` inside `... .ended`) are repaired as well.
        stack.push(holder!.children[slot]!);
        continue;
      }
    }
    for (let i = top.children.length - 1; i >= 0; i--) stack.push(top.children[i]!);
  }
}

/** One rotation of the chain whose outermost postfix node is `top`; false when nothing needed it. */
function rotateChain(top: SyntaxNode): boolean {
  let inner = top;
  while (POSTFIX.has(inner.children[0]?.type ?? '')) inner = inner.children[0]!;
  const head = inner.children[0];
  const holder = top.parent;
  if (!head || !holder) return false;
  let operand: SyntaxNode | undefined;
  if (head.type === 'unary_expression' && head.children.length === 1) operand = head.children[0];
  else if (head.type === 'binary_expression' || head.type === 'ternary_expression') operand = head.children[head.children.length - 1];
  if (!operand) return false;

  // The chain now starts at the operator's last operand ...
  inner.children[0] = operand;
  operand.parent = inner;
  inner.fields[FIRST_OPERAND[inner.type]!] = operand;
  for (let n: SyntaxNode | null = inner; n; n = n.parent) {
    n.startIndex = operand.startIndex;
    n.startLine = operand.startLine;
    n.startColumn = operand.startColumn;
    if (n === top) break;
  }
  // ... the chain takes that operand's place inside the operator ...
  head.children[head.children.length - 1] = top;
  for (const key of Object.keys(head.fields)) if (head.fields[key] === operand) head.fields[key] = top;
  // ... and the operator takes the chain's place in its holder.
  const at = holder.children.indexOf(top);
  holder.children[at] = head;
  for (const key of Object.keys(holder.fields)) if (holder.fields[key] === top) holder.fields[key] = head;
  head.parent = holder;
  top.parent = head;
  head.endIndex = top.endIndex;
  head.endLine = top.endLine;
  head.endColumn = top.endColumn;
  return true;
}

/** Solidity's binary operator precedence, tightest first (from the language documentation). */
const BINARY_PRECEDENCE: Record<string, number> = {
  '**': 11,
  '*': 10, '/': 10, '%': 10,
  '+': 9, '-': 9,
  '<<': 8, '>>': 8, '>>>': 8,
  '&': 7,
  '^': 6,
  '|': 5,
  '<': 4, '>': 4, '<=': 4, '>=': 4,
  '==': 3, '!=': 3,
  '&&': 2,
  '||': 1,
};

/**
 * The grammar also mis-nests some binary operators: it reads `msg.sender == a || msg.sender == b` as
 * `((msg.sender == a) || msg.sender) == b`. Each maximal chain of binary operators (not split by
 * parentheses) is flattened in source order and rebuilt with Solidity's precedence and associativity,
 * reusing the same node objects.
 */
function fixBinaryPrecedence(root: SyntaxNode): void {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'binary_expression' && node.parent && node.parent.type !== 'binary_expression') {
      const top = rebuildChain(node);
      // Operands are visited for chains nested inside them; a malformed chain (an ERROR inside) is
      // its own single operand, so descend into its children instead of visiting it again.
      for (const operand of chainOperands(top)) {
        if (operand === top) for (const c of top.children) stack.push(c);
        else stack.push(operand);
      }
      continue;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

/** The non-binary operands of a binary chain. */
function chainOperands(top: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [top];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'binary_expression' && n.children.length === 2) stack.push(n.children[1]!, n.children[0]!);
    else out.push(n);
  }
  return out;
}

function rebuildChain(top: SyntaxNode): SyntaxNode {
  const holder = top.parent!;
  // In-order flattening: operand, operator, operand, ...
  const operands: SyntaxNode[] = [];
  const operators: SyntaxNode[] = [];
  const stack: Array<{ node: SyntaxNode; visited: boolean }> = [{ node: top, visited: false }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const n = item.node;
    if (n.type !== 'binary_expression' || n.children.length !== 2 || !(n.tokens.operator! in BINARY_PRECEDENCE)) {
      operands.push(n);
    } else if (item.visited) {
      operators.push(n);
    } else {
      stack.push({ node: n.children[1]!, visited: false }, { node: n, visited: true }, { node: n.children[0]!, visited: false });
    }
  }
  if (operators.length < 2) return top;
  // Shunting-yard, reusing the operator nodes.
  const output: SyntaxNode[] = [];
  const pending: SyntaxNode[] = [];
  const prec = (n: SyntaxNode) => BINARY_PRECEDENCE[n.tokens.operator!]!;
  const reduce = () => {
    const op = pending.pop()!;
    const right = output.pop()!;
    const left = output.pop()!;
    op.children = [left, right];
    op.fields = { ...op.fields, left, right };
    left.parent = op;
    right.parent = op;
    op.startIndex = left.startIndex;
    op.startLine = left.startLine;
    op.startColumn = left.startColumn;
    op.endIndex = right.endIndex;
    op.endLine = right.endLine;
    op.endColumn = right.endColumn;
    output.push(op);
  };
  output.push(operands[0]!);
  for (let i = 0; i < operators.length; i++) {
    const op = operators[i]!;
    const rightAssoc = op.tokens.operator === '**';
    while (pending.length > 0 && (prec(pending[pending.length - 1]!) > prec(op) || (!rightAssoc && prec(pending[pending.length - 1]!) === prec(op)))) reduce();
    pending.push(op);
    output.push(operands[i + 1]!);
  }
  while (pending.length > 0) reduce();
  const rebuilt = output[0]!;
  if (rebuilt !== top) {
    holder.children[holder.children.indexOf(top)] = rebuilt;
    for (const key of Object.keys(holder.fields)) if (holder.fields[key] === top) holder.fields[key] = rebuilt;
    rebuilt.parent = holder;
  }
  return rebuilt;
}
