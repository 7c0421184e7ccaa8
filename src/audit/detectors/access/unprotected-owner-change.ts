import { unparen } from '../../../solidity/parse/syntax.js';
import { analyzeFunction } from '../../../solidity/model/operations.js';
import type { ContractModel, FunctionModel, Operation, StateVariable } from '../../../solidity/model/types.js';
import { isCallerExpr } from '../../../solidity/model/access.js';
import { authorityVariables, hasConstructor, isMisnamedConstructor } from './access-helpers.js';
import { defineDetector } from '../detector.js';

/**
 * A public function that anyone can call writes the variable the contract's access checks rely on
 * (`owner`, `creator`, an `owners` map, Parity's `m_ownerIndex`): whoever calls it becomes the owner.
 * This is the shape of an unprotected `changeOwner`, of an `initWallet`/`init` left public after the
 * code moved out of a constructor, and of a constructor whose name no longer matches its contract
 * (`DynamicPyramid` in `Rubixi`; exact-name typos are reported by `incorrect-constructor-name`).
 *
 * Authority variables are those compared with the caller in some check of the contract, or
 * address-typed variables named like an owner. Not reported:
 * - functions restricted by any caller check (modifier, require, if around the effects);
 * - self-registration keyed by the caller (`voted[msg.sender] = true`) unless the map is named like an
 *   owner map;
 * - one-time initializers (a guard reads a variable the function sets, as `require(!initialized)`),
 *   unless the contract has no constructor to run them at deployment and can selfdestruct or
 *   delegatecall: then whoever initialises the deployed instance first can destroy it (Parity's second
 *   bug, the uninitialised UUPS implementation).
 * When one such function calls another, only the outer one is reported.
 */
export default defineDetector(
  {
    id: 'unprotected-owner-change',
    title: 'Anyone can become owner',
    swc: ['SWC-105'],
    dasp: 'access_control',
    severity: 'high',
    confidence: 0.75,
    description: 'A public function without any caller check writes the variable that the contract uses to decide who is owner or admin.',
    exploitScenario:
      'An attacker calls the function and records their own address as owner; every onlyOwner function (withdrawals, kill, parameter changes) is then theirs.',
    recommendation:
      'Restrict the function with an owner check, move one-time setup into the constructor, or guard an initializer so that it runs once and only for the deployer (and initialise implementation contracts at deployment).',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const seizures = ownerSeizures(contract);
      const callees = new Set<FunctionModel>();
      for (const s of seizures) for (const c of analyzeFunction(s.fn, contract).callees) callees.add(c);
      for (const s of seizures) {
        if (s.fn.contract !== contract) continue; // inherited: reported on the contract that declares it
        if (callees.has(s.fn) || isMisnamedConstructor(s.fn, contract)) continue;
        const names = [...new Set(s.writes.map((w) => w.variable.name))].join(', ');
        report({
          node: s.fn.node,
          headerOnly: true,
          unit: contract.unit,
          contract,
          fn: s.fn,
          confidence: s.initOnce ? 0.55 : undefined,
          message: s.initOnce
            ? `${s.fn.name} initialises ${names} once, but no constructor calls it: the first outside caller becomes owner of the deployed instance, which can selfdestruct or delegatecall.`
            : `${s.fn.name} can be called by anyone and sets ${names}, which the contract's access checks rely on.`,
          evidence: { variables: names },
        });
      }
    }
  },
);

export interface OwnerSeizure {
  fn: FunctionModel;
  writes: Array<Operation & { kind: 'state-write' }>;
  initOnce: boolean;
}

const AUTHORITY_MAP_NAME = /owner|admin|creator|root|operator|manager|governor|controller|guardian|master|signer|minter|auth/i;
const seizureCache = new WeakMap<ContractModel, OwnerSeizure[]>();

/** Entry points of `contract` through which any caller can take over the authority variables. */
export function ownerSeizures(contract: ContractModel): OwnerSeizure[] {
  const cached = seizureCache.get(contract);
  if (cached) return cached;
  const out: OwnerSeizure[] = [];
  seizureCache.set(contract, out);
  if (contract.kind !== 'contract' && contract.kind !== 'abstract') return out;
  const authority = authorityVariables(contract);
  if (authority.size === 0) return out;
  let destructive: boolean | null = null;
  for (const fn of contract.functions) {
    if (!fn.isEntryPoint || fn.kind !== 'function' || fn.mutability === 'view' || fn.mutability === 'pure') continue;
    const analysis = analyzeFunction(fn, contract);
    const writes = analysis.flattened.filter(
      (op): op is Operation & { kind: 'state-write' } => op.kind === 'state-write' && authority.has(op.variable) && !selfRegistration(op, op.variable),
    );
    if (writes.length === 0) continue;
    if (analyzeFunction(fn, contract).senderGuarded) continue;
    const initOnce = isInitOnce(analysis.flattened);
    if (initOnce) {
      destructive ??= !hasConstructor(contract) && canDestroy(contract);
      if (!destructive) continue;
    }
    out.push({ fn, writes, initOnce });
  }
  return out;
}

/** `members[msg.sender] = true`: the caller registers itself. */
function selfRegistration(op: Operation & { kind: 'state-write' }, v: StateVariable): boolean {
  const src = op.origin.contract.unit.text;
  const n = unparen(op.node);
  if (n.type !== 'array_access' || !n.fields.index) return false;
  if (!isCallerExpr(n.fields.index, src)) return false;
  return !AUTHORITY_MAP_NAME.test(v.name);
}

/** A guard that reads a state variable the function itself writes: `require(!initialized)`, `if (m_numOwners > 0) throw`. */
function isInitOnce(ops: Operation[]): boolean {
  const written = new Set<StateVariable>();
  for (const op of ops) if (op.kind === 'state-write') written.add(op.variable);
  const guards = ops.filter((op) => op.kind === 'guard');
  for (const g of guards) {
    for (const op of ops) {
      if (op.kind === 'state-read' && written.has(op.variable) && op.node.startIndex >= g.condition.startIndex && op.node.endIndex <= g.condition.endIndex && op.origin === g.origin) return true;
    }
  }
  // Modifier-style `if (!initialized) { ... }` around the writes is rarer; the guard form covers OpenZeppelin's initializer.
  return false;
}

function canDestroy(contract: ContractModel): boolean {
  for (const fn of contract.functions) {
    for (const op of analyzeFunction(fn, contract).flattened) {
      if (op.kind === 'selfdestruct') return true;
      if (op.kind === 'external-call' && (op.call.kind === 'delegatecall' || op.call.kind === 'callcode')) return true;
    }
  }
  return false;
}
