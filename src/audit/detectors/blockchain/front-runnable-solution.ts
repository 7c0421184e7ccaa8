import { textOf, unparen, walk, type SyntaxNode } from '../../../solidity/parse/syntax.js';
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
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body || !fn.isEntryPoint || fn.params.length === 0) continue;
        if (etherTransfers(fn, contract).length === 0) continue;
        const params = new Set(fn.params.map((p) => p.name).filter(Boolean) as string[]);
        walk(fn.body, (n) => {
          let cond: SyntaxNode | undefined;
          if (n.type === 'if_statement') cond = n.fields.condition;
          else if (n.type === 'call_expression' && ['require', 'assert'].includes(calleeName(n, src) ?? '')) cond = callArguments(n)[0];
          if (!cond) return;
          const eq = findEquality(cond);
          if (!eq) return;
          // `keccak256(a) == keccak256(b)` is the string-equality idiom, not a preimage check.
          const sides = [eq.fields.left, eq.fields.right].map((x) => (x ? unparen(x) : null));
          if (sides.every((x) => x?.type === 'call_expression' && hashCalls(x, src)[0] === x)) return;
          const hash = hashCalls(eq, src).find((h) => {
            const ids = new Set<string>();
            walk(h, (x) => {
              if (x.type === 'identifier') ids.add(textOf(src, x));
            });
            const bound = hashMentionsSender(h, src);
            return !bound && [...ids].some((i) => params.has(i));
          });
          if (!hash) return;
          report({ node: n.type === 'if_statement' ? cond : n, unit: contract.unit, contract, fn, message: `${fn.name} pays for a solution checked in the clear (\`${textOf(src, eq).trim()}\`); it can be copied from the mempool and front-run.` });
          return false;
        });
      }
    }
  },
);

function findEquality(cond: SyntaxNode): SyntaxNode | null {
  let found: SyntaxNode | null = null;
  walk(cond, (x) => {
    if (found) return false;
    if (x.type === 'binary_expression' && (x.tokens.operator === '==' || x.tokens.operator === '!=')) found = x;
  });
  return found;
}

function hashMentionsSender(h: SyntaxNode, src: string): boolean {
  let yes = false;
  walk(h, (x) => {
    if (x.type === 'member_expression' && (isMsgSender(x, src) || memberPath(x, src)?.join('.') === 'tx.origin')) yes = true;
  });
  return yes;
}
