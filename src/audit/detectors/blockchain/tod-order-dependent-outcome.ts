import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { isLiteral, isMsgSender } from '../../../solidity/model/expressions.js';
import { isRestricted } from '../../../solidity/model/access.js';
import { analyzeFunction, rootName } from '../../../solidity/model/operations.js';
import { mentionsAny } from '../../../solidity/dataflow.js';
import type { ContractModel, FunctionModel } from '../../../solidity/model/types.js';
import { etherTransfers } from './blockchain-helpers.js';
import { defineDetector } from '../detector.js';

/**
 * Transaction-order dependence beyond a payout of the variable itself (SWC-114): what a caller gets
 * is computed from shared state that another pending transaction can change first.
 *  - a price, rate or fee (a scalar that a public function overwrites with a runtime value) enters the
 *    amount of ether paid or credited to the caller (`msg.value / price`, `amount * rate`,
 *    `msg.value - fee`): the setter's owner, or any racer, decides the terms by ordering;
 *  - the recipient of a payment is an address that any caller can overwrite with msg.sender (a
 *    winner, the last bidder): whoever is mined last or first takes it.
 * Payouts of exactly the mutable variable are tod-mutable-payout's; plain bookkeeping without ether
 * (no msg.value, nothing paid) is not reported.
 */
export default defineDetector(
  {
    id: 'tod-order-dependent-outcome',
    title: 'Outcome depends on transaction order',
    swc: ['SWC-114'],
    dasp: 'front_running',
    severity: 'low',
    confidence: 0.45,
    description:
      'The ether a caller pays, receives or is credited with is computed from a price, rate or fee that another transaction can overwrite, or is sent to an address any caller can overwrite; the result depends on which transaction is mined first.',
    exploitScenario:
      'A buyer sends buy() at the advertised price; the owner sees it pending and front-runs it with setPrice() so the buyer gets a fraction of the tokens. Or two players race play() and the one mined last becomes the winner that getReward() pays.',
    recommendation: 'Let callers state the terms they accept (a minimum amount out, a maximum price) and revert otherwise; fix prices for a sale; pay winners through commit-reveal or by recording each claim.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface' || contract.kind === 'library') continue;
      const { terms, recipients } = sharedState(contract);
      if (terms.size === 0 && recipients.size === 0) continue;
      for (const fn of contract.functions) {
        if (!fn.body || !fn.isEntryPoint || fn.kind === 'constructor') continue;
        if (fn.mutability === 'view' || fn.mutability === 'pure') continue;
        const src = fn.contract.unit.text;
        const writes = writtenScalars(fn);
        const live = new Set([...terms.keys()].filter((n) => !writes.has(n) && !(terms.get(n)?.has(fn) ?? false)));
        const carriers = carriersOf(fn, live, src);
        let done = false;
        for (const t of etherTransfers(fn, contract)) {
          if (done) break;
          const tsrc = t.origin.contract.unit.text;
          const value = t.value ? unparen(t.value) : null;
          const target = rootName(unparen(t.target), tsrc);
          if (value && !(value.type === 'identifier' && terms.has(textOf(tsrc, value))) && t.origin === fn && mentionsAny(value, carriers, tsrc)) {
            report({ node: t.node, unit: t.origin.contract.unit, contract, fn, message: `${fn.name || fn.kind} pays an amount computed from ${names(value, live, carriers, tsrc)}, which another transaction can change first.` });
            done = true;
          } else if (target && recipients.has(target) && !(recipients.get(target)?.has(fn) ?? false)) {
            report({ node: t.node, unit: t.origin.contract.unit, contract, fn: t.origin, message: `${fn.name || fn.kind} pays \`${target}\`, which any caller can overwrite with their own address; who is paid depends on transaction order.` });
            done = true;
          }
        }
        if (done || !mentionsMsgValue(fn.body, src)) continue;
        // Credited amounts of a payable purchase: `bought[msg.sender] += msg.value / price`.
        for (const a of findAll(fn.body, new Set(['assignment_expression', 'augmented_assignment_expression']))) {
          const left = a.fields.left ? unparen(a.fields.left) : null;
          const right = a.fields.right;
          if (!left || !right || left.type !== 'array_access' || !left.fields.index || !isMsgSender(unparen(left.fields.index), src)) continue;
          if (!mentionsAny(right, carriers, src)) continue;
          report({ node: a, unit: contract.unit, contract, fn, message: `${fn.name || fn.kind} credits the caller an amount computed from ${names(right, live, carriers, src)}, which another transaction can change first.` });
          break;
        }
      }
    }
  },
);

function mentionsMsgValue(body: SyntaxNode, src: string): boolean {
  return findAll(body, 'member_expression').some((m) => textOf(src, m).replace(/\s+/g, '') === 'msg.value');
}

/** Scalars (numbers) overwritten with a runtime value by a public function, and address variables any caller sets to itself. */
function sharedState(contract: ContractModel): { terms: Map<string, Set<FunctionModel>>; recipients: Map<string, Set<FunctionModel>> } {
  const terms = new Map<string, Set<FunctionModel>>();
  const recipients = new Map<string, Set<FunctionModel>>();
  const add = (m: Map<string, Set<FunctionModel>>, k: string, f: FunctionModel) => m.set(k, (m.get(k) ?? new Set()).add(f));
  for (const fn of contract.functions) {
    if (!fn.body || !fn.isEntryPoint || fn.kind === 'constructor') continue;
    const src = fn.contract.unit.text;
    const locals = analyzeFunction(fn, contract).locals;
    const restricted = isRestricted(fn, contract);
    for (const a of findAll(fn.body, 'assignment_expression')) {
      if (a.tokens.operator && a.tokens.operator !== '=') continue;
      const left = a.fields.left ? unparen(a.fields.left) : null;
      const right = a.fields.right ? unparen(a.fields.right) : null;
      if (!left || left.type !== 'identifier' || !right || isLiteral(right)) continue;
      const name = textOf(src, left);
      const v = contract.stateVariables.get(name);
      if (!v || locals.has(name) || v.isMapping || v.isArray || v.isConstant || v.isImmutable) continue;
      if (/^u?int/.test(v.typeText) && (right.type === 'identifier' || /msg\.value/.test(textOf(src, right)))) add(terms, name, fn);
      if (/^address/.test(v.typeText) && isMsgSender(right, src) && !restricted) add(recipients, name, fn);
    }
  }
  return { terms, recipients };
}

function writtenScalars(fn: FunctionModel): Set<string> {
  const out = new Set<string>();
  for (const op of analyzeFunction(fn, fn.contract).flattened) if (op.kind === 'state-write' && !op.variable.isMapping && !op.variable.isArray) out.add(op.variable.name);
  return out;
}

/** The shared terms and the locals of `fn` computed from them. */
function carriersOf(fn: FunctionModel, terms: Set<string>, src: string): Set<string> {
  const out = new Set(terms);
  if (!fn.body || terms.size === 0) return out;
  for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
    const decl = stmt.children.find((c) => c.type === 'variable_declaration');
    if (decl?.fields.name && stmt.fields.value && mentionsAny(stmt.fields.value, out, src)) out.add(textOf(src, decl.fields.name));
  }
  return out;
}

function names(expr: SyntaxNode, terms: Set<string>, carriers: Set<string>, src: string): string {
  const direct = [...new Set(findAll(expr, 'identifier').map((i) => textOf(src, i)))].filter((n) => terms.has(n));
  return direct.length > 0 ? direct.map((n) => `\`${n}\``).join(', ') : `a value derived from ${[...terms].map((n) => `\`${n}\``).join(', ')}`;
}
