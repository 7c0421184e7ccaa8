import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { calleeName, isLiteral } from '../../../solidity/model/expressions.js';
import { analyzeFunction, rootName } from '../../../solidity/model/operations.js';
import type { ContractModel, FunctionModel, Operation, StateVariable } from '../../../solidity/model/types.js';
import { publiclyWritable } from '../calls/calls-helpers.js';
import { isCallerExpr } from '../../../solidity/model/access.js';
import { statementOf } from './access-helpers.js';
import { defineDetector } from '../detector.js';

/**
 * Ether leaves the contract to whoever asks, in an amount the caller's own record does not bound.
 * Three shapes, each one an auditor would call a drain (SWC-105):
 * 1. an entry point without any caller check and without any condition the caller cannot satisfy sends
 *    ether to `msg.sender` or to an address the caller passes (`withdrawAll() { msg.sender.transfer(this.balance); }`).
 *    A guard built only from what the caller supplies (`require(amount > 0)`, `require(tx.origin ==
 *    msg.sender)`, `require(_to != address(0))`) does not guard: the caller passes it at will;
 * 2. the amount is the caller's recorded credit (`balances[msg.sender]`) but the function never reduces
 *    that record, so the same credit is paid again on every call;
 * 3. the bound on the amount is inverted: `require(amount >= balances[msg.sender])` lets any amount
 *    above the credit through (the comparison is reported).
 * Amounts computed from `msg.value` (refunds of what was just paid) are not ether withdrawals.
 */
export default defineDetector(
  {
    id: 'unprotected-ether-withdrawal',
    title: 'Anyone can withdraw ether',
    swc: ['SWC-105'],
    dasp: 'access_control',
    severity: 'high',
    confidence: 0.7,
    description: 'A function anyone can call sends ether to the caller (or an address the caller chooses) in an amount that the caller\'s own recorded balance does not limit.',
    exploitScenario: 'An attacker calls the function, repeatedly if needed, and receives the contract\'s ether.',
    recommendation:
      'Restrict the function to its owner, or pay only what the caller is owed: check the amount against the caller\'s balance (amount <= balance) and reduce the balance before sending.',
  },
  (ctx, report) => {
    const done = new Set<SyntaxNode>();
    const settableCache = new Map<ContractModel, ReturnType<typeof publiclyWritable>>();
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface' || contract.kind === 'library') continue;
      for (const fn of contract.functions) {
        if (!fn.isEntryPoint || fn.mutability === 'view' || fn.mutability === 'pure') continue;
        const analysis = analyzeFunction(fn, contract);
        const sends = analysis.flattened.filter((op): op is Operation & { kind: 'external-call' } => op.kind === 'external-call' && isEtherSend(op));
        if (sends.length === 0 || analyzeFunction(fn, contract).senderGuarded) continue;
        const src = (op: Operation) => op.origin.contract.unit.text;
        const derived = creditLocals(fn);
        const settable = settableCache.get(contract) ?? publiclyWritable(contract);
        settableCache.set(contract, settable);
        for (const send of sends) {
          if (done.has(send.node)) continue;
          const s = src(send);
          const amount = send.call.value!;
          if (mentionsText(amount, s, 'msg.value')) continue;
          const toCaller = isCallerExpr(send.call.target, s);
          const target = rootName(send.call.target, s);
          const toChosen = !toCaller && target !== null && analysis.callerControlled.has(target) && send.origin === fn;
          // A recipient stored in state that any caller can set (an unprotected setPayout(addr)) is as
          // much the caller's choice as a parameter.
          const stored = !toCaller && !toChosen && target !== null && !analysis.locals.has(target) ? contract.stateVariables.get(target) : undefined;
          const setter = stored && !stored.isMapping && !stored.isArray ? settable.get(stored) : undefined;
          const toSettable = !!setter && setter.fn.kind !== 'constructor' && (setter.fromParam || setter.fromSender);
          if (!toCaller && !toChosen && !toSettable) continue;
          const unit = send.origin.contract.unit;

          // 3. inverted bound on the amount.
          const inverted = toCaller ? invertedBound(analysis.flattened, send, amount, s) : null;
          if (inverted) {
            done.add(send.node);
            report({
              node: statementOf(inverted.node),
              unit,
              contract,
              fn,
              message: `The check \`${textOf(s, inverted.condition)}\` lets the caller withdraw more than their balance: the comparison is the wrong way round.`,
            });
            continue;
          }
          // 2. credit paid without being reduced.
          const credit = toCaller && send.origin === fn ? creditVariables(amount, s, fn, derived) : [];
          if (credit.length > 0) {
            const written = new Set<StateVariable>();
            for (const op of analysis.flattened) if (op.kind === 'state-write') written.add(op.variable);
            if (credit.some((v) => written.has(v))) continue;
            done.add(send.node);
            report({
              node: statementOf(send.node),
              unit,
              contract,
              fn,
              message: `${fn.name || fn.kind} pays the caller's recorded ${credit[0]!.name} but never reduces it, so the same credit can be withdrawn again and again.`,
            });
            continue;
          }
          // 1. nothing at all stands before the send.
          // Sends in a loop or behind a branch usually pay a list the contract keeps; when the caller
          // chose the recipients themselves, the loop is only a batch of the same withdrawal.
          if (send.conditional || (send.loops.length > 0 && !toChosen)) continue;
          const before = analysis.flattened.slice(0, analysis.flattened.indexOf(send));
          if (before.some((op) => op.kind === 'guard' && !callerSatisfiable(op, fn, analysis.callerControlled))) continue;
          if ([...derived.keys()].some((d) => mentionsName(amount, s, d))) continue;
          // The amount is read from a record that the function updates: a bounded payout of that record.
          if (readsUpdatedRecord(amount, s, fn, analysis.flattened)) continue;
          done.add(send.node);
          report({
            node: statementOf(send.node),
            unit,
            contract,
            fn,
            message: `${fn.name || fn.kind} has no caller check and sends \`${textOf(s, amount)}\` to ${toCaller ? 'the caller' : toSettable ? `\`${target}\`, which anyone can set (${setter!.fn.name})` : 'an address the caller chooses'}.`,
          });
        }
      }
    }
  },
);

function isEtherSend(op: Operation & { kind: 'external-call' }): boolean {
  const { kind, value } = op.call;
  if (kind !== 'transfer' && kind !== 'send' && kind !== 'call') return false;
  if (!value) return false;
  const v = unparen(value);
  return !(isLiteral(v) && Number(textOf(op.origin.contract.unit.text, v)) === 0);
}

function mentionsText(node: SyntaxNode, src: string, text: string): boolean {
  return findAll(node, 'member_expression').some((m) => textOf(src, m) === text);
}

function mentionsName(node: SyntaxNode, src: string, name: string): boolean {
  return findAll(node, 'identifier').some((id) => textOf(src, id) === name);
}

/** Locals declared from a lookup keyed by the caller: `uint amount = balances[msg.sender];`. */
function creditLocals(fn: FunctionModel): Map<string, SyntaxNode> & { size: number } {
  const out = new Map<string, SyntaxNode>();
  if (!fn.body) return out;
  const src = fn.contract.unit.text;
  for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
    const decl = stmt.children.find((c) => c.type === 'variable_declaration');
    const value = stmt.fields.value;
    if (decl?.fields.name && value && callerKeyedLookups(value, src).length > 0) out.set(textOf(src, decl.fields.name), value);
  }
  return out;
}

function callerKeyedLookups(node: SyntaxNode, src: string): SyntaxNode[] {
  return findAll(node, 'array_access').filter((a) => a.fields.index && isCallerExpr(a.fields.index, src));
}

/** State variables of the caller's credit that the amount is read from. */
function creditVariables(amount: SyntaxNode, src: string, fn: FunctionModel, derived: Map<string, SyntaxNode>): StateVariable[] {
  const sources = [amount];
  for (const [name, value] of derived) if (mentionsName(amount, src, name)) sources.push(value);
  const out: StateVariable[] = [];
  const locals = analyzeFunction(fn).locals;
  for (const s of sources) {
    for (const a of callerKeyedLookups(s, src)) {
      const root = rootName(a, src);
      const v = root && !locals.has(root) ? fn.contract.stateVariables.get(root) : undefined;
      if (v && !out.includes(v)) out.push(v);
    }
  }
  return out;
}

/** `require(amount >= balances[msg.sender])`: the amount is bounded from below by the caller's credit. */
function invertedBound(ops: Operation[], send: Operation, amount: SyntaxNode, src: string): (Operation & { kind: 'guard' }) | null {
  const amountText = textOf(src, unparen(amount));
  for (const op of ops) {
    if (op === send) break;
    if (op.kind !== 'guard' || op.node.type !== 'call_expression') continue; // require/assert: the condition must hold
    const c = unparen(op.condition);
    if (c.type !== 'binary_expression') continue;
    const operator = c.tokens.operator ?? '';
    const [l, r] = [c.fields.left, c.fields.right];
    if (!l || !r) continue;
    const isCredit = (n: SyntaxNode) => callerKeyedLookups(n, src).length > 0;
    const isAmount = (n: SyntaxNode) => textOf(src, unparen(n)) === amountText;
    if ((operator === '>=' || operator === '>') && isAmount(l) && isCredit(r)) return op;
    if ((operator === '<=' || operator === '<') && isCredit(l) && isAmount(r)) return op;
  }
  return null;
}

/** The amount (or the locals it is computed from) reads a state variable that the function writes. */
function readsUpdatedRecord(amount: SyntaxNode, src: string, fn: FunctionModel, ops: Operation[]): boolean {
  const written = new Set<string>();
  for (const op of ops) if (op.kind === 'state-write') written.add(op.variable.name);
  if (written.size === 0) return false;
  const sources = [amount];
  if (fn.body) {
    for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
      const decl = stmt.children.find((c) => c.type === 'variable_declaration');
      if (decl?.fields.name && stmt.fields.value && mentionsName(amount, src, textOf(src, decl.fields.name))) sources.push(stmt.fields.value);
    }
  }
  return sources.some((n) => findAll(n, 'identifier').some((id) => written.has(textOf(src, id))));
}

/**
 * A guard every caller can pass: its condition reads nothing but literals, the caller's own inputs
 * (parameters of the function or of the modifier holding the guard, and what is computed from them),
 * `msg.sender`, `tx.origin` and casts. State, block values, hashes and calls to other functions are
 * outside the caller's hands, and `msg.value` ties the amount to what the caller paid
 * (`require(msg.value == amount + fee)` forwards a payment), so a guard mentioning any of them stands.
 */
function callerSatisfiable(op: Operation, fn: FunctionModel, callerControlled: Set<string>): boolean {
  if (op.kind !== 'guard') return false;
  const src = op.origin.contract.unit.text;
  const inputs = op.origin === fn ? callerControlled : new Set(op.origin.params.flatMap((p) => (p.name ? [p.name] : [])));
  // A time gate (`require(now >= releaseAt)`) opens for everyone at once: it says when, not who.
  if (isTimeGate(op.condition, src)) return true;
  let satisfiable = true;
  const CASTS = /^(address|payable|u?int\d*|bytes\d*|bool)$/;
  const visit = (n: SyntaxNode): void => {
    if (!satisfiable) return;
    const x = unparen(n);
    switch (x.type) {
      case 'number_literal':
      case 'boolean_literal':
      case 'string_literal':
      case 'hex_string_literal':
        return;
      case 'identifier':
        if (!inputs.has(textOf(src, x))) satisfiable = false;
        return;
      case 'member_expression': {
        const t = textOf(src, x);
        if (t === 'msg.sender' || t === 'tx.origin') return;
        if (x.fields.property && textOf(src, x.fields.property) === 'length' && x.fields.object) return visit(x.fields.object);
        satisfiable = false;
        return;
      }
      case 'binary_expression':
      case 'unary_expression':
        for (const c of x.children) visit(c);
        return;
      case 'call_expression':
      case 'type_cast_expression': {
        const name = x.type === 'call_expression' ? (calleeName(x, src) ?? '') : 'address';
        const args = x.children.filter((c) => c.type === 'call_argument').map((c) => c.children[0]!).filter(Boolean);
        if (!CASTS.test(name) || args.length !== 1) {
          satisfiable = false;
          return;
        }
        return visit(args[0]!);
      }
      default:
        satisfiable = false;
    }
  };
  visit(op.condition);
  return satisfiable;
}

/** A comparison of the block's time or number with a scalar (a literal, a stored deadline, arithmetic of those). */
function isTimeGate(condition: SyntaxNode, src: string): boolean {
  const c = unparen(condition);
  if (c.type !== 'binary_expression' || !['<', '>', '<=', '>='].includes(c.tokens.operator ?? '')) return false;
  const isTime = (n: SyntaxNode) => /^(now|block\.timestamp|block\.number)$/.test(textOf(src, unparen(n)).replace(/\s+/g, ''));
  const plain = (n: SyntaxNode): boolean => {
    const x = unparen(n);
    if (x.type === 'number_literal' || x.type === 'identifier') return true;
    if (x.type === 'member_expression') return isTime(x);
    if (x.type === 'binary_expression' && x.fields.left && x.fields.right) return ['+', '-', '*', '/'].includes(x.tokens.operator ?? '') && plain(x.fields.left) && plain(x.fields.right);
    return false;
  };
  const [l, r] = [c.fields.left, c.fields.right];
  if (!l || !r) return false;
  return ((isTime(l) && plain(r)) || (isTime(r) && plain(l))) && !/msg\.|tx\.origin|\[/.test(textOf(src, c));
}
