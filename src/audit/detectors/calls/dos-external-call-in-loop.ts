import { findAll, textOf, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { analyzeFunction, rootName } from '../../../solidity/model/operations.js';
import { mentionsAny } from '../../../solidity/dataflow.js';
import { defineDetector } from '../detector.js';
import { loopVariables, revertsOnFailure, uncast } from './calls-helpers.js';

/**
 * Push payments in a loop: `for (...) recipients[i].transfer(x)` or `require(recipients[i].send(x))`.
 * One recipient whose fallback reverts (or runs out of its 2300 gas) makes the call fail, the whole
 * transaction reverts, and nobody in the list is ever paid (SWC-113, "DoS with failed call").
 *
 * Only calls that revert the batch on failure are reported (an unchecked send in a loop is the
 * unchecked-call issue instead), and only when the callee changes with the iteration (it mentions
 * the loop variable, or a local read from it inside the loop): a fixed, trusted callee such as one
 * token contract called repeatedly is not an attacker-chosen receiver, and a list passed in as a
 * parameter is the caller's own to fix. High-level calls are reported
 * only when they send ether, since that is what makes a receiver's fallback run.
 */
export default defineDetector(
  {
    id: 'dos-external-call-in-loop',
    title: 'Denial of service: reverting payment in a loop',
    swc: ['SWC-113'],
    dasp: 'denial_of_service',
    severity: 'medium',
    confidence: 0.7,
    description:
      'A loop pays or calls a list of receivers and reverts the whole transaction when one of them fails, so a single receiver can block the payout for everyone.',
    exploitScenario:
      'An attacker joins the list from a contract whose fallback always reverts; from then on every call to the payout function reverts at the attacker\'s entry and the funds of all other receivers stay locked.',
    recommendation:
      'Use the pull-payment pattern: record what each receiver is owed and let them withdraw it, or skip and record failed payments instead of reverting the batch.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface') continue;
      for (const fn of contract.ownFunctions) {
        if (!fn.body || fn.kind === 'modifier') continue;
        const src = contract.unit.text;
        const analysis = analyzeFunction(fn, contract);
        for (const op of analysis.operations) {
          if (op.kind !== 'external-call' || op.origin !== fn || op.loops.length === 0) continue;
          const call = op.call;
          const reverts =
            call.kind === 'transfer' ||
            ((call.kind === 'send' || call.kind === 'call') && revertsOnFailure(call.node, src)) ||
            (call.kind === 'high-level' && call.value !== null);
          if (!reverts) continue;
          if (!variesWithLoop(call.target, op.loops, src)) continue;
          // A list the caller passes in (`_recipients[i]`) is theirs to fix: a failing entry blocks no one else.
          const root = rootName(uncast(call.target, src), src);
          if (root && fn.params.some((p) => p.name === root)) continue;
          const target = textOf(src, call.target);
          report({
            node: call.node.parent?.type === 'call_argument' ? enclosingStatement(call.node) : call.node,
            unit: contract.unit,
            contract,
            fn,
            message: `${fn.name || fn.kind} pays \`${target}\` inside a loop and reverts if that payment fails: one failing receiver blocks the whole loop.`,
          });
        }
      }
    }
  },
);

/** The callee depends on the loop: it mentions a loop variable or a local computed from one inside the loop. */
function variesWithLoop(target: SyntaxNode, loops: SyntaxNode[], src: string): boolean {
  const names = new Set<string>();
  for (const loop of loops) for (const n of loopVariables(loop, src)) names.add(n);
  for (const loop of loops) {
    for (const stmt of findAll(loop, 'variable_declaration_statement')) {
      const decl = stmt.children.find((c) => c.type === 'variable_declaration');
      if (decl?.fields.name && stmt.fields.value && mentionsAny(stmt.fields.value, names, src)) names.add(textOf(src, decl.fields.name));
    }
    for (const a of findAll(loop, 'assignment_expression')) {
      if (a.fields.left?.type === 'identifier' && a.fields.right && mentionsAny(a.fields.right, names, src)) names.add(textOf(src, a.fields.left));
    }
  }
  return names.size > 0 && mentionsAny(target, names, src) && !/^msg\.sender$/.test(textOf(src, target).trim());
}

/** `require(x.send(v))` → the `require(...)` call, so the finding covers the statement. */
function enclosingStatement(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.parent && n.parent.type !== 'expression_statement' && n.parent.type !== 'block_statement' && n.parent.type !== 'if_statement') n = n.parent;
  return n;
}
