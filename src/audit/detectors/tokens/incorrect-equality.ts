import { findAll, textOf, unparen, walk, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { blockValueOf, calleeName } from '../../../solidity/model/expressions.js';
import type { FunctionModel } from '../../../solidity/model/types.js';
import { defineDetector } from '../detector.js';

/**
 * Dangerous strict equality (Slither's incorrect-equality), beyond what `strict-balance-equality`
 * covers (`.balance` compared directly): `==`/`!=` on a token balance (`balanceOf(...)`), on a local
 * that holds an ether or token balance, and on the block timestamp. Anyone can send tokens or ether to
 * any address, so an exact balance can be pushed off its expected value at will (locking the function
 * or unlocking it early); a block timestamp is chosen by the block's proposer and almost never equals
 * one given second, so `block.timestamp == deadline` is a lock that rarely opens. Comparisons with zero
 * are left out: "holds none / holds some" is what a balance is commonly tested for, and forced dust
 * only ever makes it "some".
 */
export default defineDetector(
  {
    id: 'incorrect-equality',
    title: 'Strict equality on a token balance or the block timestamp',
    swc: ['SWC-132'],
    dasp: 'other',
    severity: 'medium',
    confidence: 0.6,
    description:
      'A condition compares a token or ether balance, or the block timestamp, with == or !=. Balances can be changed by anyone sending tokens or ether, and a timestamp rarely hits an exact second, so the condition can be forced or never met.',
    exploitScenario:
      'A crowdsale closes only when `token.balanceOf(this) == goal`. An attacker sends 1 token unit to the contract; the balance overshoots the goal and the sale can never close, locking the raised funds.',
    recommendation: 'Compare with >= or <= (or track the expected amount in a state variable); for deadlines use block.timestamp >= deadline.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        const balanceLocals = localsHoldingBalances(fn, src);
        const derived = localsDerivedFromBalances(fn, src);
        for (const cmp of findAll(fn.body, 'binary_expression')) {
          const op = cmp.tokens.operator;
          if (op !== '==' && op !== '!=') continue;
          const { left, right } = cmp.fields;
          if (!left || !right) continue;
          if (isZero(left, src) || isZero(right, src)) continue;
          const kind = dangerous(left, src, balanceLocals) ?? dangerous(right, src, balanceLocals);
          if (!kind) continue;
          // Both sides read balances (`balanceOf(to) == before + value`): a check of what a transfer did,
          // within one transaction, which ether or tokens sent from outside cannot skew.
          if (kind === 'balance' && readsBalance(left, src, derived) && readsBalance(right, src, derived)) continue;
          // The same for the timestamp: `uint32(block.timestamp) == block.timestamp` is a range check.
          if (kind === 'timestamp' && readsTimestamp(left, src) && readsTimestamp(right, src)) continue;
          const what = kind === 'timestamp' ? 'the block timestamp, which rarely equals an exact second' : 'a balance, which anyone can change by sending tokens or ether';
          report({ node: cmp, unit: contract.unit, contract, fn, message: `\`${textOf(src, cmp).trim()}\` tests ${what}: use >= or <= instead of an exact match.` });
        }
      }
    }
  },
);

type Kind = 'balance' | 'timestamp';

function dangerous(node: SyntaxNode, src: string, balanceLocals: Set<string>): Kind | null {
  const n = unparen(node);
  if (blockValueOf(n, src) === 'timestamp') return 'timestamp';
  if (n.type === 'call_expression' && calleeName(n, src) === 'balanceOf') return 'balance';
  if (n.type === 'identifier' && balanceLocals.has(textOf(src, n))) return 'balance';
  return null;
}

function isBalanceRead(v: SyntaxNode, src: string): boolean {
  const n = unparen(v);
  if (n.type === 'call_expression') return calleeName(n, src) === 'balanceOf';
  return n.type === 'member_expression' && !!n.fields.property && textOf(src, n.fields.property) === 'balance';
}

/** Locals assigned directly from `x.balance` or `token.balanceOf(...)`. */
function localsHoldingBalances(fn: FunctionModel, src: string): Set<string> {
  const out = new Set<string>();
  if (!fn.body) return out;
  for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
    const decl = stmt.children.find((c) => c.type === 'variable_declaration');
    if (decl?.fields.name && stmt.fields.value && isBalanceRead(stmt.fields.value, src)) out.add(textOf(src, decl.fields.name));
  }
  return out;
}

/** Locals whose value is computed from a balance read (`expected = token.balanceOf(this).sub(v)`). */
function localsDerivedFromBalances(fn: FunctionModel, src: string): Set<string> {
  const out = new Set<string>();
  if (!fn.body) return out;
  for (let pass = 0; pass < 2; pass++) {
    for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
      const decl = stmt.children.find((c) => c.type === 'variable_declaration');
      if (decl?.fields.name && stmt.fields.value && readsBalance(stmt.fields.value, src, out)) out.add(textOf(src, decl.fields.name));
    }
  }
  return out;
}

/** `node` reads a balance anywhere inside it, directly or through a local holding one. */
function readsBalance(node: SyntaxNode, src: string, balanceLocals: Set<string>): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (isBalanceRead(n, src) || (n.type === 'identifier' && balanceLocals.has(textOf(src, n)))) found = true;
    return undefined;
  });
  return found;
}

function isZero(node: SyntaxNode, src: string): boolean {
  const n = unparen(node);
  return n.type === 'number_literal' && /^0+$/.test(textOf(src, n).trim());
}

function readsTimestamp(node: SyntaxNode, src: string): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (blockValueOf(n, src) === 'timestamp') found = true;
    return undefined;
  });
  return found;
}
