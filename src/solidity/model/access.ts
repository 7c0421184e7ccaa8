import { findAll, type SyntaxNode } from '../parse/syntax.js';
import { isCallerCheckWith, isIdentityCheck } from './caller-checks.js';
import { analyzeFunction } from './operations.js';
import type { ContractModel, FunctionModel } from './types.js';

export { isCallerExpr, isIdentityCheck, mentionsCaller } from './caller-checks.js';

/**
 * Who may call a function: the one definition of "restricted to privileged callers" that every
 * detector uses, through `analyzeFunction(fn, contract).senderGuarded` (computed by `computeSenderGuard`
 * in caller-checks.ts) or, for the few detectors that want a looser or stricter notion on purpose, `isRestricted`
 * with a named option.
 *
 * A function counts as sender-guarded when some check of the caller's identity stands between an
 * outside caller and its effects:
 *   - a guard (`require`, `assert`, `if (...) throw/revert/return`) in the body, a modifier or an
 *     inlined internal callee, whose condition is a caller check (see `isCallerCheck`);
 *   - a modifier that only runs its `_` inside such a check: `modifier onlyOwner { if (msg.sender == owner) _; }`;
 *   - an `if (<caller check>) { ... }` around the function's effects;
 *   - a modifier that is not in the compilation unit (imported from elsewhere) but is named like
 *     access control (`onlyOwner`, `auth`, `requiresRole`): nothing else can be known about it.
 */

/**
 * A condition that restricts who may proceed (see `isCallerCheckWith` in caller-checks.ts): an identity
 * check, a caller-keyed lookup against a fixed value, or a call to an internal function that checks the
 * caller. `origin` holds the condition; `contract` is the most derived contract, to resolve internal calls.
 */
export function isCallerCheck(condition: SyntaxNode, origin: FunctionModel, contract: ContractModel, depth = 0): boolean {
  return isCallerCheckWith(analyzeFunction, condition, origin, contract, depth);
}

/** Wide names of access modifiers (`optionalProxy_onlyOwner`, `onlyAllowedManager('x')`, `whenWhitelisted`). */
const ACCESS_NAME = /only|owner|admin|auth|allowed|manager|role|govern|restricted|whitelist|operator|controller/i;
/** Names of modifiers that restrict a function to privileged (admin) accounts. */
const ADMIN_NAME =
  /^(only|is|restricted|requires?)_?(owner|admin|c[a-z]o|governance|gov|manager|operator|minter|controller|authori[sz]ed|auth|whitelist|dev|team|role|signer|multisig)|owner|admin|^auth$|^restricted$/i;

export interface RestrictionOptions {
  /**
   * Also trust a modifier's name, even when its code is known but its check is not recognised (a helper
   * call, a variable set from msg.sender): 'access' uses wide access-control names (for detectors that
   * report what anyone can do, where a missed guard is a false positive), 'admin' privileged-role names.
   */
  modifierNames?: 'access' | 'admin';
  /**
   * Only a check against contract-wide authority counts (`msg.sender == owner`), not against a
   * per-record party (`channels[id].partyA == msg.sender`), which any caller can become. Used where
   * "restricted" must mean "an administrator chose this" (which contract a reentrancy call reaches).
   */
  adminOnly?: boolean;
}

/**
 * `senderGuarded`, with the deliberate variations some detectors want (see `RestrictionOptions`).
 * Without options it is exactly `analyzeFunction(fn, contract).senderGuarded`.
 */
export function isRestricted(fn: FunctionModel, contract: ContractModel = fn.contract, options: RestrictionOptions = {}): boolean {
  const names = options.modifierNames === 'access' ? ACCESS_NAME : options.modifierNames === 'admin' ? ADMIN_NAME : null;
  if (names && fn.modifiers.some((m) => names.test(m.name))) return true;
  const analysis = analyzeFunction(fn, contract);
  if (!analysis.senderGuarded) return false;
  if (!options.adminOnly) return true;
  for (const op of analysis.flattened) {
    if (op.kind !== 'guard' || !isIdentityCheck(op.condition, op.origin.contract.unit.text)) continue;
    // A comparison with an indexed record (`channels[id].party`) is a per-user check.
    if (findAll(op.condition, 'array_access').length === 0) return true;
  }
  return false;
}
