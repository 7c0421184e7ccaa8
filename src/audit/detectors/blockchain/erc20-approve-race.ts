import { type SyntaxNode, findAll, textOf, unparen } from '../../../solidity/parse/syntax.js';
import { calleeName, callArguments, isMsgSender } from '../../../solidity/model/expressions.js';
import type { ContractModel } from '../../../solidity/model/types.js';
import { defineDetector } from '../detector.js';

/**
 * The ERC20 approve race (SWC-114). `approve(spender, v)` overwrites the allowance; a spender who sees
 * the owner's transaction changing it from N to M can front-run it with `transferFrom(N)` and then
 * spend M as well. The accepted mitigations are requiring the allowance (or the new value) to be zero
 * first, or offering increase/decrease functions that change it relatively; an approve with neither
 * is reported where the allowance is overwritten. Only two-level allowance mappings keyed by
 * msg.sender and a parameter count: ERC721's `approve(to, tokenId)` is a different thing.
 */
export default defineDetector(
  {
    id: 'erc20-approve-race',
    title: 'ERC20 approve allowance race',
    swc: ['SWC-114'],
    dasp: 'front_running',
    severity: 'low',
    confidence: 0.6,
    description:
      'approve() sets a new allowance over the old one without requiring it to be zero first, and the token offers no increase/decrease allowance functions.',
    exploitScenario:
      'Alice lowers Bob\'s allowance from 100 to 50. Bob sees the pending transaction, front-runs it with transferFrom(100), and after it is mined spends the new 50 too: 150 instead of 50.',
    recommendation:
      'Require the allowance or the new value to be zero (`require(value == 0 || allowed[msg.sender][spender] == 0)`), or add increaseAllowance/decreaseAllowance and recommend them.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface') continue;
      const src = contract.unit.text;
      // increase/decrease functions are the mitigation for the allowance they change (all of them when
      // the body cannot be read, e.g. inherited from an interface).
      const relativeFns = contract.functions.filter((f) => /^(increase|decrease)(Allowance|Approval)$|^safe(Increase|Decrease)?Approve$/.test(f.name));
      const relative = (mapping: string) => relativeFns.some((f) => !f.body || textOf(f.contract.unit.text, f.body).includes(mapping));
      for (const fn of contract.ownFunctions) {
        if (!fn.body || fn.params.length < 2 || !fn.isEntryPoint) continue;
        const [spender, value] = fn.params.map((p) => p.name ?? '');
        // The allowance may be written here or by an internal helper the function hands msg.sender,
        // the spender and the value to (`_approve(msg.sender, spender, value)`): names are mapped back.
        const sites: Array<{ body: SyntaxNode; src: string; rename: Map<string, string> }> = [{ body: fn.body, src, rename: new Map([[spender!, spender!], [value!, value!]]) }];
        for (const call of findAll(fn.body, 'call_expression')) {
          const name = calleeName(call, src);
          const callee = name ? contract.functions.find((f) => f.name === name && !f.isEntryPoint && f.body && f.params.length === callArguments(call).length) : undefined;
          if (!callee) continue;
          const args = callArguments(call).map((a) => textOf(src, unparen(a)).trim());
          const rename = new Map<string, string>();
          callee.params.forEach((p, i) => {
            if (!p.name) return;
            if (args[i] === 'msg.sender') rename.set(p.name, 'msg.sender');
            else if (args[i] === spender || args[i] === value) rename.set(p.name, args[i]!);
          });
          if ([...rename.values()].includes('msg.sender')) sites.push({ body: callee.body!, src: callee.contract.unit.text, rename });
        }
        for (const site of sites)
        for (const a of findAll(site.body, 'assignment_expression')) {
          const ssrc = site.src;
          const as = (n: SyntaxNode) => site.rename.get(textOf(ssrc, unparen(n)).trim()) ?? (isMsgSender(unparen(n), ssrc) ? 'msg.sender' : null);
          const left = a.fields.left ? unparen(a.fields.left) : null;
          const right = a.fields.right ? unparen(a.fields.right) : null;
          if (!left || left.type !== 'array_access' || !right) continue;
          // The new value is the caller's, directly or as a field of a struct literal (`Grant(value, true)`).
          const carries = right.type === 'identifier' ? as(right) === value : right.type === 'call_expression' && callArguments(right).some((x) => unparen(x).type === 'identifier' && as(x) === value);
          if (!carries) continue;
          const outer = left.fields.base ? unparen(left.fields.base) : null;
          if (!outer || outer.type !== 'array_access' || !outer.fields.index || !left.fields.index) continue;
          if (as(outer.fields.index) !== 'msg.sender' || as(left.fields.index) !== spender) continue;
          const mapping = outer.fields.base ? textOf(ssrc, outer.fields.base).trim() : '';
          // Under another name than approve, the mapping must be spent as an allowance: read somewhere as
          // \`mapping[owner][msg.sender]\` by the spender.
          if (fn.name !== 'approve' && !spentBySender(contract, mapping, src)) continue;
          if (relative(mapping)) continue;
          // A zero check on the value or the current allowance, anywhere before the write.
          const zeroChecked = (body: SyntaxNode, bsrc: string, before: number) =>
            [...findAll(body, 'call_expression'), ...findAll(body, 'if_statement')].some((n) => {
              if (n.startIndex > before) return false;
              const cond = n.type === 'if_statement' ? n.fields.condition : ['require', 'assert'].includes(calleeName(n, bsrc) ?? '') ? callArguments(n)[0] : undefined;
              if (!cond) return false;
              const t = textOf(bsrc, cond);
              const names = [value, ...[...site.rename].filter(([, v]) => v === value).map(([k]) => k)];
              return /(==|!=)\s*0\b|\b0\s*(==|!=)/.test(t) && (t.includes(mapping) || names.some((nm) => new RegExp(`\\b${nm}\\b`).test(t)));
            });
          const guarded = site.body === fn.body ? zeroChecked(fn.body, src, a.startIndex) : zeroChecked(fn.body, src, Infinity) || zeroChecked(site.body, ssrc, a.startIndex);
          if (guarded) continue;
          report({ node: a, unit: site.body === fn.body ? contract.unit : contractUnitOf(contract, site.body), contract, fn, message: `${fn.name} overwrites ${mapping}[msg.sender][${spender}] directly; the spender can front-run a change and spend both the old and the new allowance.` });
        }
      }
    }
  },
);

/** Some function reads `mapping[x][msg.sender]`: the spender's side of an allowance. */
function spentBySender(contract: ContractModel, mapping: string, src: string): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(mapping)) return false;
  return contract.functions.some(
    (f) =>
      !!f.body &&
      findAll(f.body, 'array_access').some((a) => {
        const base = a.fields.base ? unparen(a.fields.base) : null;
        return base?.type === 'array_access' && !!a.fields.index && isMsgSender(unparen(a.fields.index), src) && !!base.fields.base && textOf(src, base.fields.base).trim() === mapping;
      }),
  );
}

/** The unit whose text holds a helper's body (the helper may be inherited from another file). */
function contractUnitOf(contract: ContractModel, body: SyntaxNode) {
  return contract.functions.find((f) => f.body === body)?.contract.unit ?? contract.unit;
}
