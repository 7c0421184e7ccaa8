import { analyzeFunction } from '../../../solidity/model/operations.js';
import type { ContractModel, FunctionModel } from '../../../solidity/model/types.js';
import { authorityVariables } from './access-helpers.js';
import { defineDetector } from '../detector.js';

/**
 * Before 0.5 a function without a visibility keyword was public. Reporting every such function would
 * bury the real ones, so this reports those that were evidently meant to be internal and whose being
 * public hurts: the name follows the internal `_helper` convention, or another function calls it only
 * after a check that the helper itself does not repeat (`withdrawWinnings` checks, `_sendWinnings`
 * pays), and the function sends ether, selfdestructs or writes an owner-like variable with no caller
 * check of its own. Calling it directly skips the check.
 */
export default defineDetector(
  {
    id: 'default-function-visibility',
    title: 'Internal helper is public by default',
    swc: ['SWC-100'],
    dasp: 'access_control',
    severity: 'high',
    confidence: 0.7,
    description: 'A function without a visibility keyword (public before Solidity 0.5) performs a sensitive action that its callers guard, so anyone can call it directly.',
    exploitScenario: 'An attacker calls the helper directly, skipping the condition that the intended entry point checks, and receives the payout.',
    recommendation: 'Declare the helper internal or private, and always write the visibility of every function.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const minor = contract.unit.solidityMinor;
      if (minor !== null && minor >= 5) continue;
      if (contract.kind !== 'contract' && contract.kind !== 'abstract') continue;
      for (const fn of contract.ownFunctions) {
        if (fn.kind !== 'function' || fn.explicitVisibility || !fn.body) continue;
        if (fn.mutability === 'view' || fn.mutability === 'pure') continue;
        if (!sensitive(fn, contract) || analyzeFunction(fn, contract).senderGuarded) continue;
        // A helper that checks something itself was not relying on its caller's check.
        if (analyzeFunction(fn, contract).flattened.some((op) => op.kind === 'guard')) continue;
        const helperName = /^_/.test(fn.name);
        const guardedCaller = guardedCallers(fn, contract);
        if (!helperName && guardedCaller === null) continue;
        report({
          node: fn.node,
          headerOnly: true,
          unit: contract.unit,
          contract,
          fn,
          message: guardedCaller
            ? `${fn.name} has no visibility keyword, so it is public: calling it directly skips the check that ${guardedCaller.name} makes before calling it.`
            : `${fn.name} has no visibility keyword, so this internal-looking helper is public and anyone can call it.`,
        });
      }
    }
  },
);

function sensitive(fn: FunctionModel, contract: ContractModel): boolean {
  const authority = authorityVariables(contract);
  for (const op of analyzeFunction(fn, contract).flattened) {
    if (op.kind === 'selfdestruct') return true;
    if (op.kind === 'external-call' && op.call.value && (op.call.kind === 'transfer' || op.call.kind === 'send' || op.call.kind === 'call')) return true;
    if (op.kind === 'state-write' && authority.has(op.variable)) return true;
  }
  return false;
}

/** A function of the contract that calls `fn` after a guard of its own. */
function guardedCallers(fn: FunctionModel, contract: ContractModel): FunctionModel | null {
  for (const caller of contract.functions) {
    if (caller === fn) continue;
    const ops = analyzeFunction(caller, contract).operations;
    const at = ops.findIndex((op) => op.kind === 'internal-call' && op.target === fn);
    if (at < 0) continue;
    if (ops.slice(0, at).some((op) => op.kind === 'guard')) return caller;
  }
  return null;
}
