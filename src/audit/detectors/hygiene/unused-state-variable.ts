import type { ContractModel } from '../../../solidity/model/types.js';
import { defineDetector } from '../detector.js';
import { readNames } from './reads.js';

/**
 * Unused state variable (SWC-131): a private, internal or default-visibility state variable that no
 * code of the contract, nor of any contract in the compilation unit that inherits it, ever reads.
 * Writes alone do not count (a value nobody reads is dead storage that still costs gas). Public
 * variables have a getter and are read from outside, so they are never reported; nor are constants,
 * which take no storage and are often part of a copied library's vocabulary (oraclize). A base contract's
 * internal variable read only by a derived contract in a file not in this compilation unit would be
 * reported wrongly; audited sources are nearly always flattened or come with their imports.
 */
export default defineDetector(
  {
    id: 'unused-state-variable',
    title: 'Unused state variable',
    swc: ['SWC-131'],
    dasp: 'other',
    severity: 'info',
    confidence: 0.8,
    description: 'A non-public state variable is never read by the contract or the contracts that inherit it.',
    exploitScenario:
      'Not exploitable by itself, but it wastes storage and gas and often means that logic was lost: a limit or flag that was declared to be checked is never checked.',
    recommendation: 'Remove the variable, or add the logic that was meant to use it.',
  },
  (ctx, report) => {
    const all = new Set<ContractModel>([...ctx.contracts, ...ctx.contractsByName.values()]);
    const readsCache = new Map<ContractModel, Set<string>>();
    const readsOf = (c: ContractModel): Set<string> => {
      let r = readsCache.get(c);
      if (!r) readsCache.set(c, (r = readNames(c.node, c.unit.text)));
      return r;
    };
    for (const contract of ctx.contracts) {
      for (const v of contract.ownStateVariables) {
        if (v.visibility === 'public' || v.isConstant) continue;
        // Storage gaps reserved for upgrades (`uint256[50] private __gap`) are unused by design.
        if (v.isArray && /gap|reserved|padding|storageOffset/i.test(v.name)) continue;
        const users = v.visibility === 'private' ? [contract] : [...all].filter((c) => c.linearized.includes(contract));
        if (users.some((c) => readsOf(c).has(v.name))) continue;
        report({ node: v.node, unit: contract.unit, contract, message: `State variable \`${v.name}\` of ${contract.name} is never read.` });
      }
    }
  },
);
