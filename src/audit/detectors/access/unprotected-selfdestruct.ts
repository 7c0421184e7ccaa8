import { textOf, unparen, findAll, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { analyzeFunction } from '../../../solidity/model/operations.js';
import type { ContractModel, FunctionModel, Operation } from '../../../solidity/model/types.js';
import { firstStatement, headerToStatement, statementOf } from './access-helpers.js';
import { ownerSeizures } from './unprotected-owner-change.js';
import { defineDetector } from '../detector.js';

/**
 * `selfdestruct` (or `suicide`) that an outside caller reaches without any check of who the caller is,
 * in the entry point, its modifiers or the internal functions on the way (Slither's `suicidal`).
 *
 * Two refinements keep it honest:
 * - a guard that demands a state variable hold a literal value that no assignment ever gives it makes
 *   the call unreachable (SWC `suicide_multitx_infeasible`), so it is not reported;
 * - a selfdestruct behind an owner check still counts when the same contract lets anyone become the
 *   owner (an unprotected initializer, as in the Parity library that was killed in 2017); those are
 *   reported with lower confidence.
 * A one-statement function (`function kill() { selfdestruct(x); }`) is reported from its header to the
 * statement: the declaration that lacks protection and the damaging call are the same finding.
 */
export default defineDetector(
  {
    id: 'unprotected-selfdestruct',
    title: 'Anyone can destroy the contract',
    swc: ['SWC-106'],
    dasp: 'access_control',
    severity: 'high',
    confidence: 0.85,
    description: 'A public or external function reaches selfdestruct without checking who the caller is.',
    exploitScenario:
      'An attacker calls the function; the contract is destroyed, its ether goes to the address in the call, and every later call to it does nothing.',
    recommendation: 'Restrict the function to an owner or governance role (a modifier such as onlyOwner), or remove selfdestruct.',
  },
  (ctx, report) => {
    const reported = new Set<SyntaxNode>();
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface' || contract.kind === 'library') continue;
      const seizures = ownerSeizures(contract);
      for (const fn of contract.functions) {
        if (!fn.isEntryPoint || fn.mutability === 'view' || fn.mutability === 'pure') continue;
        const analysis = analyzeFunction(fn, contract);
        const ops = analysis.flattened;
        const kills = ops.filter((op) => op.kind === 'selfdestruct');
        if (kills.length === 0) continue;
        const guarded = analyzeFunction(fn, contract).senderGuarded;
        if (guarded && seizures.length === 0) continue;
        for (const kill of kills) {
          if (reported.has(kill.node)) continue;
          if (blockedByImpossibleGuard(ops, kill, contract)) continue;
          reported.add(kill.node);
          const stmt = statementOf(kill.node);
          const unit = kill.origin.contract.unit;
          const node = kill.origin === fn && firstStatement(fn) === stmt ? headerToStatement(fn, stmt) : stmt;
          const name = fn.name || fn.kind;
          if (guarded) {
            const via = seizures[0]!;
            report({
              node,
              unit,
              contract,
              fn,
              confidence: 0.55,
              message: `${name} destroys the contract behind an owner check, but anyone can make themselves owner first by calling ${via.fn.name}.`,
              evidence: { seizedThrough: via.fn.name },
            });
          } else {
            report({ node, unit, contract, fn, message: `${name} can be called by anyone and reaches \`${textOf(unit.text, kill.node)}\`.` });
          }
        }
      }
    }
  },
);

/**
 * A guard before the selfdestruct that requires `stateVar == literal` (or returns/reverts when
 * `stateVar != literal`), where no assignment anywhere gives the variable that literal.
 */
function blockedByImpossibleGuard(ops: Operation[], kill: Operation, contract: ContractModel): boolean {
  for (const op of ops) {
    if (op === kill) break;
    if (op.kind !== 'guard') continue;
    const src = op.origin.contract.unit.text;
    const cond = unparen(op.condition);
    if (cond.type !== 'binary_expression') continue;
    const operator = cond.tokens.operator;
    const isRequire = op.node.type === 'call_expression';
    // What the guard lets through: require(x == L) passes when x == L; if (x != L) return; passes when x == L.
    if (!((isRequire && operator === '==') || (!isRequire && operator === '!='))) continue;
    const [l, r] = [cond.fields.left, cond.fields.right];
    if (!l || !r) continue;
    const [varNode, litNode] = unparen(l).type === 'number_literal' ? [unparen(r), unparen(l)] : [unparen(l), unparen(r)];
    if (varNode.type !== 'identifier' || litNode.type !== 'number_literal') continue;
    const v = contract.stateVariables.get(textOf(src, varNode));
    if (!v) continue;
    const wanted = Number(textOf(src, litNode));
    const values = assignedLiterals(v.name, contract);
    if (values === null) continue;
    const initial = v.initialValue ? Number(textOf(v.contract.unit.text, v.initialValue)) : 0;
    values.push(initial);
    if (!values.includes(wanted)) return true;
  }
  return false;
}

const WRITES = new Set(['assignment_expression', 'augmented_assignment_expression', 'update_expression']);

/** Literal values assigned to a state variable anywhere in the contract, or null if any is not a literal. */
function assignedLiterals(name: string, contract: ContractModel): number[] | null {
  const out: number[] = [];
  const fns = new Set<FunctionModel>();
  for (const c of contract.linearized) for (const f of c.ownFunctions) fns.add(f);
  for (const f of fns) {
    if (!f.body) continue;
    const src = f.contract.unit.text;
    for (const a of findAll(f.body, WRITES)) {
      const left = a.type === 'update_expression' ? a.fields.argument : a.fields.left;
      if (!left || unparen(left).type !== 'identifier' || textOf(src, unparen(left)) !== name) continue;
      if (a.type !== 'assignment_expression') return null;
      const right = a.fields.right ? unparen(a.fields.right) : null;
      if (!right || right.type !== 'number_literal') return null;
      out.push(Number(textOf(src, right)));
    }
  }
  return out;
}
