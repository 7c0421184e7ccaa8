import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { isLiteral } from '../../../solidity/model/expressions.js';
import { analyzeFunction } from '../../../solidity/model/operations.js';
import type { FunctionModel, StateVariable } from '../../../solidity/model/types.js';
import { etherTransfers } from './blockchain-helpers.js';
import { defineDetector } from '../detector.js';

/**
 * A payout whose amount can be replaced while claims are pending (SWC-114, transaction-order
 * dependence). When one public function overwrites a single reward/price variable with a new value
 * (`reward = msg.value`) and ether transfers pay out that variable, the result of a claim depends on
 * which transaction is mined first: the owner can lower the reward in front of a claim, or a claimer
 * can race the update. Per-user balances (mappings, arrays) are not shared prices and are excluded,
 * as are variables only reset to constants (`pot = 0`) or accumulated (`pot += msg.value`).
 * Reported on each transfer that pays the mutable value.
 */
export default defineDetector(
  {
    id: 'tod-mutable-payout',
    title: 'Payout of a value that can change while transactions are pending',
    swc: ['SWC-114'],
    dasp: 'front_running',
    severity: 'medium',
    confidence: 0.55,
    description: 'An ether transfer pays the current value of a state variable that another transaction can overwrite, so the amount depends on transaction order.',
    exploitScenario: 'A user submits claimReward() expecting the advertised reward; the owner sees it pending and front-runs it with setReward() lowering the reward, or the user races the owner\'s update.',
    recommendation: 'Let the claimer state the amount they expect and revert if the current value differs, or lock the value once claims are open.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      // Scalars overwritten with a runtime value by a public function.
      const mutable = new Map<string, StateVariable>();
      const writers = new Map<string, Set<FunctionModel>>();
      for (const fn of contract.functions) {
        if (!fn.body || !fn.isEntryPoint || fn.kind === 'constructor') continue;
        const fsrc = fn.contract.unit.text;
        const locals = analyzeFunction(fn, contract).locals;
        for (const a of findAll(fn.body, 'assignment_expression')) {
          const left = a.fields.left ? unparen(a.fields.left) : null;
          const right = a.fields.right;
          if (!left || left.type !== 'identifier' || !right || isLiteral(right)) continue;
          const name = textOf(fsrc, left);
          const v = contract.stateVariables.get(name);
          if (!v || locals.has(name) || v.isMapping || v.isArray || v.isConstant || v.isImmutable || !/^u?int/.test(v.typeText)) continue;
          if (!/msg\.value|\b_?[a-z]\w*\b/.test(textOf(fsrc, right))) continue;
          mutable.set(name, v);
          if (!writers.has(name)) writers.set(name, new Set());
          writers.get(name)!.add(fn);
        }
      }
      if (mutable.size === 0) continue;
      // Payouts of each variable; a variable counts only when some function pays it without writing
      // it (a claim racing the setter). A function that refunds the old value before storing the new
      // one (an auction's bid) is not a race on its own.
      const payouts = new Map<string, Array<{ node: SyntaxNode; fn: FunctionModel; origin: FunctionModel }>>();
      for (const fn of contract.functions) {
        if (!fn.body || !fn.isEntryPoint || fn.kind === 'constructor') continue;
        for (const t of etherTransfers(fn, contract)) {
          if (!t.value) continue;
          const v = unparen(t.value);
          const name = v.type === 'identifier' ? textOf(t.origin.contract.unit.text, v) : '';
          if (!mutable.has(name)) continue;
          const list = payouts.get(name) ?? [];
          list.push({ node: t.node, fn, origin: t.origin });
          payouts.set(name, list);
        }
      }
      const seen = new Set<SyntaxNode>();
      for (const [name, list] of payouts) {
        const w = writers.get(name)!;
        if (!list.some((p) => !w.has(p.fn))) continue;
        for (const p of list) {
          if (seen.has(p.node)) continue;
          seen.add(p.node);
          report({ node: p.node, unit: p.origin.contract.unit, contract, fn: p.origin, message: `Pays \`${name}\`, which a public function overwrites; the amount depends on which transaction is mined first.` });
        }
      }
    }
  },
);
