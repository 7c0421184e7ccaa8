import { textOf, unparen, type SyntaxNode } from '../parse/syntax.js';
import type { ExternalCall, ExternalCallKind } from './types.js';

/**
 * Small, pure questions about expressions that many detectors ask: is this `msg.sender`, what does
 * this call call, is its result used. Kept free of contract context so that they are easy to test.
 */

/** `a.b.c` → ['a', 'b', 'c']; null when the expression is not a plain dotted name. */
export function memberPath(node: SyntaxNode, source: string): string[] | null {
  const n = unparen(node);
  if (n.type === 'identifier') return [textOf(source, n)];
  if (n.type === 'member_expression') {
    const object = n.fields.object;
    const property = n.fields.property;
    if (!object || !property) return null;
    const head = memberPath(object, source);
    return head ? [...head, textOf(source, property)] : null;
  }
  return null;
}

export function isMember(node: SyntaxNode, source: string, object: string, property: string): boolean {
  const p = memberPath(node, source);
  return p !== null && p.length === 2 && p[0] === object && p[1] === property;
}

export const isMsgSender = (n: SyntaxNode, s: string): boolean => isMember(n, s, 'msg', 'sender');
export const isTxOrigin = (n: SyntaxNode, s: string): boolean => isMember(n, s, 'tx', 'origin');

/** Values a block producer chooses or predicts: timestamp, number, hashes, difficulty, coinbase. */
export type BlockValue = 'timestamp' | 'number' | 'blockhash' | 'difficulty' | 'coinbase' | 'gaslimit';

export function blockValueOf(node: SyntaxNode, source: string): BlockValue | null {
  const n = unparen(node);
  if (n.type === 'identifier' && textOf(source, n) === 'now') return 'timestamp';
  if (n.type === 'member_expression') {
    const p = memberPath(n, source);
    if (p && p.length === 2 && p[0] === 'block') {
      switch (p[1]) {
        case 'timestamp':
          return 'timestamp';
        case 'number':
          return 'number';
        case 'difficulty':
        case 'prevrandao':
          return 'difficulty';
        case 'coinbase':
          return 'coinbase';
        case 'gaslimit':
          return 'gaslimit';
        case 'blockhash':
          return 'blockhash';
      }
    }
  }
  if (n.type === 'call_expression') {
    const name = calleePath(n, source);
    if (name && (name.join('.') === 'blockhash' || name.join('.') === 'block.blockhash')) return 'blockhash';
  }
  return null;
}

/** The arguments of a call, unwrapped from `call_argument` nodes. */
export function callArguments(call: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const c of call.children) if (c.type === 'call_argument' && c.children[0]) out.push(c.children[0]);
  return out;
}

export interface CalleeShape {
  /** The function expression with call options and `.value()`/`.gas()` stripped. */
  callee: SyntaxNode;
  /** The `value` option or `.value(x)` argument. */
  value: SyntaxNode | null;
}

/** Strips `{value: v, gas: g}` options and the 0.4-style `.value(v).gas(g)` chain from a call. */
export function calleeShape(call: SyntaxNode, source: string): CalleeShape {
  let fn = call.fields.function ?? call.children[0]!;
  let value: SyntaxNode | null = null;
  for (;;) {
    fn = unparen(fn);
    if (fn.type === 'struct_expression' && fn.fields.type) {
      for (const option of fn.children) {
        if (option.type === 'struct_field_assignment' && option.fields.name && textOf(source, option.fields.name) === 'value') {
          value = option.fields.value ?? null;
        }
      }
      fn = fn.fields.type;
      continue;
    }
    if (fn.type === 'call_expression') {
      const inner = unparen(fn.fields.function ?? fn.children[0]!);
      if (inner.type === 'member_expression' && inner.fields.property && inner.fields.object) {
        const prop = textOf(source, inner.fields.property);
        if (prop === 'value' || prop === 'gas') {
          if (prop === 'value') value = callArguments(fn)[0] ?? null;
          fn = inner.fields.object;
          continue;
        }
      }
    }
    return { callee: fn, value };
  }
}

/** `a.b(…)` → ['a', 'b'], `f(…)` → ['f']; null when the callee is not a dotted name. */
export function calleePath(call: SyntaxNode, source: string): string[] | null {
  return memberPath(calleeShape(call, source).callee, source);
}

/** The last name of the callee: `token.transfer(…)` → 'transfer'. */
export function calleeName(call: SyntaxNode, source: string): string | null {
  const { callee } = calleeShape(call, source);
  if (callee.type === 'identifier') return textOf(source, callee);
  if (callee.type === 'member_expression' && callee.fields.property) return textOf(source, callee.fields.property);
  return null;
}

const LOW_LEVEL: Record<string, ExternalCallKind> = {
  call: 'call',
  delegatecall: 'delegatecall',
  callcode: 'callcode',
  staticcall: 'staticcall',
};

/**
 * Classifies a low-level call (`call`, `delegatecall`, `callcode`, `staticcall`, `send`, one-argument
 * `transfer`), or returns null. High-level calls need contract context: see `operations.ts`.
 */
export function lowLevelCall(call: SyntaxNode, source: string): Omit<ExternalCall, 'result'> | null {
  const { callee, value } = calleeShape(call, source);
  if (callee.type !== 'member_expression' || !callee.fields.property || !callee.fields.object) return null;
  const prop = textOf(source, callee.fields.property);
  const args = callArguments(call);
  let kind: ExternalCallKind | undefined = LOW_LEVEL[prop];
  if (!kind && prop === 'send' && args.length === 1) kind = 'send';
  if (!kind && prop === 'transfer' && args.length === 1) kind = 'transfer';
  if (!kind) return null;
  return {
    kind,
    node: call,
    target: callee.fields.object,
    value: kind === 'send' || kind === 'transfer' ? (args[0] ?? null) : value,
    method: null,
    args,
  };
}

/**
 * How the value of a call expression is used: dropped as a statement, tested (require, if, return,
 * a boolean operator), or stored in a variable.
 */
export function resultUse(call: SyntaxNode, source: string): 'ignored' | 'checked' | 'assigned' {
  let child = call;
  for (let p = call.parent; p; child = p, p = p.parent) {
    switch (p.type) {
      case 'expression_statement':
        return 'ignored';
      case 'parenthesized_expression':
      case 'unary_expression':
        continue;
      case 'call_argument':
        continue;
      case 'call_expression': {
        const name = calleeName(p, source);
        if (name === 'require' || name === 'assert') return 'checked';
        // Used as an argument of another call: the result flows somewhere.
        return p.fields.function === child ? 'ignored' : 'checked';
      }
      case 'variable_declaration_statement':
      case 'assignment_expression':
        return 'assigned';
      case 'member_expression':
        // `x.call(...).length` style chains read the result.
        return 'checked';
      default:
        return 'checked';
    }
  }
  return 'checked';
}

/** True when `node` is a literal (number, string, boolean, hex). */
export function isLiteral(node: SyntaxNode): boolean {
  const n = unparen(node);
  return ['number_literal', 'string_literal', 'boolean_literal', 'hex_string_literal', 'unicode_string_literal'].includes(n.type);
}

