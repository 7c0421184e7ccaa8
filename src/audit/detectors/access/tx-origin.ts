import { findAll } from '../../../solidity/parse/syntax.js';
import { isTxOrigin } from '../../../solidity/model/expressions.js';
import { analyzeFunction } from '../../../solidity/model/operations.js';
import { isIdentityCheck } from '../../../solidity/model/access.js';
import { defineDetector } from '../detector.js';

/** `tx.origin` used to decide who may act: a phishing contract the owner calls passes the check. */
export default defineDetector(
  {
    id: 'tx-origin',
    title: 'Authorization through tx.origin',
    swc: ['SWC-115'],
    dasp: 'access_control',
    severity: 'high',
    confidence: 0.9,
    description: 'An access check compares tx.origin, the account that started the transaction, instead of msg.sender, the immediate caller.',
    exploitScenario:
      'The owner is lured into calling a malicious contract, which then calls this one; tx.origin is still the owner, so the check passes and the attacker withdraws the funds.',
    recommendation: 'Compare msg.sender instead of tx.origin for authorization.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      for (const fn of contract.ownFunctions) {
        if (!fn.body && fn.kind !== 'modifier') continue;
        const src = contract.unit.text;
        const analysis = analyzeFunction(fn, contract);
        for (const op of analysis.operations) {
          if (op.kind !== 'guard' || op.origin !== fn) continue;
          const uses = findAll(op.condition, 'member_expression').filter((m) => isTxOrigin(m, src));
          if (uses.length === 0 || !isIdentityCheck(op.condition, src)) continue;
          // `tx.origin == msg.sender` only rejects contract callers; it is not authorization.
          const cmp = src.slice(op.condition.startIndex, op.condition.endIndex);
          if (/tx\.origin\s*[!=]=\s*msg\.sender|msg\.sender\s*[!=]=\s*tx\.origin/.test(cmp)) continue;
          report({ node: op.node.type === 'if_statement' ? op.condition : op.node, unit: contract.unit, contract, fn, message: `${fn.name || fn.kind} authorizes its caller with tx.origin: \`${cmp.trim()}\`.` });
        }
      }
    }
  },
);
