import { findAll, textOf, unparen, walk, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import type { FunctionModel } from '../../../solidity/model/types.js';
import { calleeName, callArguments, isMsgSender, memberPath } from '../../../solidity/model/expressions.js';
import { etherTransfers, hashCalls } from './blockchain-helpers.js';
import { defineDetector } from '../detector.js';

/**
 * A reward for revealing a secret in the clear (SWC-114). `solve(answer)` checks
 * `keccak256(answer) == hash` and pays the caller: the answer sits in the public mempool, so anyone can
 * copy it with a higher gas price and be paid first. Binding the answer to its sender (hashing
 * msg.sender in, or a commit-reveal) removes the race, so hashes that include msg.sender are not
 * reported. Reported on the check that accepts the answer.
 */
export default defineDetector(
  {
    id: 'front-runnable-solution',
    title: 'Reward for a solution submitted in the clear',
    swc: ['SWC-114'],
    dasp: 'front_running',
    severity: 'medium',
    confidence: 0.75,
    description: 'A public function pays whoever submits the preimage of a stored hash; the submitted solution is visible before it is mined.',
    exploitScenario: 'A bot sees the winning `solve(answer)` transaction in the mempool, submits the same answer with a higher gas price, and collects the reward first.',
    recommendation: 'Use commit-reveal: first commit keccak256(answer, msg.sender), then reveal in a later block; or hash msg.sender into the check.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      for (const fn of contract.ownFunctions) {
        if (!fn.body || !fn.isEntryPoint || fn.params.length === 0) continue;
        const transfers = etherTransfers(fn, contract);
        if (transfers.length === 0) continue;
        const fsrc = fn.contract.unit.text;
        // Refunds of what the caller just paid are no reward.
        if (transfers.every((t) => t.value && /msg\.value/.test(textOf(t.origin.contract.unit.text, t.value)))) continue;
        const answers = (f: FunctionModel) => new Set(f.params.filter((p) => p.name && !/^address\b/.test(p.typeText)).map((p) => p.name!));
        const params = answers(fn);
        let reported = false;
        walk(fn.body, (n) => {
          if (reported) return false;
          let cond: SyntaxNode | undefined;
          if (n.type === 'if_statement') cond = n.fields.condition;
          else if (n.type === 'call_expression' && ['require', 'assert'].includes(calleeName(n, fsrc) ?? '')) cond = callArguments(n)[0];
          if (!cond) return;
          const eq = answerCheck(cond, params, fsrc);
          if (!eq) return;
          report({ node: n.type === 'if_statement' ? cond : n, unit: contract.unit, contract, fn, message: `${fn.name} pays for a solution checked in the clear (\`${textOf(fsrc, eq).trim()}\`); it can be copied from the mempool and front-run.` });
          reported = true;
          return false;
        });
        if (reported) continue;
        // The same check made by a modifier the function runs (its parameters are the caller's answer).
        for (const use of fn.modifiers) {
          const m = use.definition;
          if (!m?.body || !use.node || !textOf(fsrc, use.node).includes('(')) continue;
          const msrc = m.contract.unit.text;
          let eq: SyntaxNode | null = null;
          walk(m.body, (n) => {
            if (eq) return false;
            let cond: SyntaxNode | undefined;
            if (n.type === 'if_statement') cond = n.fields.condition;
            else if (n.type === 'call_expression' && ['require', 'assert'].includes(calleeName(n, msrc) ?? '')) cond = callArguments(n)[0];
            if (cond) eq = answerCheck(cond, answers(m), msrc);
          });
          if (!eq) continue;
          report({ node: use.node, unit: contract.unit, contract, fn, message: `${fn.name} pays for a solution that modifier ${m.name} checks in the clear (\`${textOf(msrc, eq).trim()}\`); it can be copied from the mempool and front-run.` });
          break;
        }
      }
    }
  },
);

/**
 * The part of a condition that accepts a caller-supplied answer: an equality where one side is a hash
 * of an answer parameter (not bound to msg.sender), or a computed predicate of one (`n * 7 + 3 == 1144`,
 * `proof % 97 == 1`) compared with something the caller does not supply. Conditions that name the
 * caller (msg.sender, tx.origin) or the payment (msg.value) are identity or price checks, not answers.
 */
function answerCheck(cond: SyntaxNode, params: Set<string>, src: string): SyntaxNode | null {
  if (params.size === 0) return null;
  const namesCaller = /\b(msg\.sender|tx\.origin|msg\.value)\b/.test(textOf(src, cond));
  for (const eq of equalities(cond)) {
    const sides = [eq.fields.left, eq.fields.right].map((x) => (x ? unparen(x) : null));
    if (!sides[0] || !sides[1]) continue;
    // `keccak256(a) == keccak256(b)` is the string-equality idiom, not a preimage check.
    if (sides.every((x) => x?.type === 'call_expression' && hashCalls(x, src)[0] === x)) continue;
    const mentions = (x: SyntaxNode) => findAll(x, 'identifier').some((i) => params.has(textOf(src, i)));
    const hashed = hashCalls(eq, src).some((h) => !hashMentionsSender(h, src) && mentions(h));
    if (hashed) return eq;
    if (eq.tokens.operator !== '==' || namesCaller) continue;
    const computed = (x: SyntaxNode) => mentions(x) && findAll(x, 'binary_expression').some((b) => ['*', '%', '+', '-', '**', '^'].includes(b.tokens.operator ?? ''));
    if ((computed(sides[0]) && !mentions(sides[1])) || (computed(sides[1]) && !mentions(sides[0]))) return eq;
  }
  return null;
}

function equalities(cond: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  walk(cond, (x) => {
    if (x.type === 'binary_expression' && (x.tokens.operator === '==' || x.tokens.operator === '!=')) out.push(x);
  });
  return out;
}

function hashMentionsSender(h: SyntaxNode, src: string): boolean {
  let yes = false;
  walk(h, (x) => {
    if (x.type === 'member_expression' && (isMsgSender(x, src) || memberPath(x, src)?.join('.') === 'tx.origin')) yes = true;
  });
  return yes;
}
