import { textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { analyzeFunction, rootName } from '../../../solidity/model/operations.js';
import type { ContractModel, FunctionModel, StateVariable } from '../../../solidity/model/types.js';
import { defineDetector, type ReportInput } from '../detector.js';
import { isRestricted } from '../../../solidity/model/access.js';
import { publiclyWritable, uncast } from './calls-helpers.js';

/**
 * delegatecall/callcode run another contract's code on this contract's storage and balance. Three
 * shapes an auditor rejects (SWC-112):
 *
 * 1. The target is chosen by the caller (a parameter, something computed from one, or a state
 *    variable any caller can set) in a function anyone can call: the attacker delegates to their own
 *    code and rewrites the owner or self-destructs the contract.
 * 2. A fallback forwards arbitrary calldata (`msg.data`), or a function forwards a caller-supplied
 *    `bytes` payload, to an implementation contract of the same compilation unit that has
 *    state-changing functions callable without authorization (the Parity `initWallet` hack): every
 *    such function becomes callable on this contract's storage.
 * 3. The implementation of the same unit (a contract declaring variables with the same names, meant to
 *    share storage) lays those variables out in different slots: its writes land on other variables
 *    of the caller (storage collision, e.g. a library's `start` overwriting the stored library address).
 *
 * Not reported: targets only an owner can set with calldata the caller passes (a standard proxy), and
 * `require(!target.delegatecall(...))`, which reverts every call that succeeds.
 */
export default defineDetector(
  {
    id: 'controlled-delegatecall',
    title: 'Delegatecall to caller-controlled code',
    swc: ['SWC-112'],
    dasp: 'access_control',
    severity: 'high',
    confidence: 0.75,
    description:
      'A delegatecall or callcode runs code the caller chooses, or lets the caller reach unprotected functions of the implementation, in the context of this contract\'s storage and ether.',
    exploitScenario:
      'An attacker passes the address of their own contract (or calls the implementation\'s unprotected initializer through the fallback); the delegated code runs with this contract\'s storage, makes the attacker owner, and drains or destroys the contract.',
    recommendation:
      'Only delegate to a fixed, trusted implementation set by an authorized account; never forward arbitrary calldata to code with unprotected state-changing functions; keep the storage layouts of proxy and implementation identical (inherit one storage contract).',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface' || contract.kind === 'library') continue;
      const src = contract.unit.text;
      let writable: ReturnType<typeof publiclyWritable> | null = null;
      const impls = implementations(contract, ctx.contracts);
      for (const fn of contract.ownFunctions) {
        if (!fn.body || fn.kind === 'modifier') continue;
        const analysis = analyzeFunction(fn, contract);
        for (const op of analysis.operations) {
          if (op.kind !== 'external-call' || op.origin !== fn) continue;
          const call = op.call;
          if (call.kind !== 'delegatecall' && call.kind !== 'callcode') continue;
          if (negatedInRequire(call.node, src)) continue;
          const base: ReportInput = { node: call.node, unit: contract.unit, contract, fn, message: '' };
          const canCall = fn.isEntryPoint && !isRestricted(fn, contract, { modifierNames: 'access' });
          // 1. Caller-chosen target.
          if (canCall) {
            // The address itself (through casts) must come from the caller: `registry.lookup(param)` is
            // chosen by the registry, not by the caller.
            const targetName = rootName(uncast(call.target, src), src);
            let chosen = targetName !== null && analysis.callerControlled.has(targetName);
            if (!chosen && targetName && !analysis.locals.has(targetName)) {
              const v = contract.stateVariables.get(targetName);
              writable ??= publiclyWritable(contract);
              const w = v ? writable.get(v) : undefined;
              if (v && w && (w.fromParam || w.fromSender)) chosen = true;
            }
            if (chosen) {
              report({ ...base, message: `${fn.name || fn.kind} ${call.kind}s to \`${textOf(src, call.target)}\`, an address any caller can choose: they can run their own code on this contract's storage.` });
              continue;
            }
          }
          if (impls.length === 0) continue;
          // 2. Arbitrary calldata into an implementation with unprotected state-changing functions.
          const arbitrary = canCall && forwardsArbitraryCalldata(fn, call.args, analysis.callerControlled, src);
          const open = arbitrary ? impls.flatMap((i) => unprotectedWriters(i)) : [];
          if (open.length > 0) {
            report({
              ...base,
              message: `${fn.name || fn.kind} forwards caller-chosen calldata by ${call.kind}; the implementation's unprotected ${open.slice(0, 3).map((f) => f.name).join(', ')} then run on this contract's storage, callable by anyone.`,
            });
            continue;
          }
          // 3. Shared variables at different storage positions.
          const collision = impls.map((i) => layoutMismatch(contract, i)).find((m) => m !== null);
          if (collision) {
            report({
              ...base,
              confidence: 0.6,
              message: `${call.kind} runs ${collision.impl} on this contract's storage, but \`${collision.name}\` is slot ${collision.implSlot} there and slot ${collision.ownSlot} here: the delegated code overwrites other variables.`,
            });
          }
        }
      }
    }
  },
);

/** `require(!x.delegatecall(d))`: a successful call always reverts, so no state change can stick. */
function negatedInRequire(call: SyntaxNode, src: string): boolean {
  let n: SyntaxNode | null = call.parent;
  while (n && n.type === 'parenthesized_expression') n = n.parent;
  if (!n || n.type !== 'unary_expression' || n.tokens.operator !== '!') return false;
  let p: SyntaxNode | null = n.parent;
  while (p && (p.type === 'parenthesized_expression' || p.type === 'call_argument')) p = p.parent;
  return !!p && p.type === 'call_expression' && /^(require|assert)\s*\(/.test(textOf(src, p));
}

/** The whole calldata is `msg.data` in a fallback, or a caller-supplied byte string. */
function forwardsArbitraryCalldata(fn: FunctionModel, args: SyntaxNode[], callerControlled: Set<string>, src: string): boolean {
  if (args.length !== 1) return false;
  const a = unparen(args[0]!);
  if (textOf(src, a) === 'msg.data') return fn.kind === 'fallback' || fn.kind === 'receive' || fn.name === '';
  if (a.type === 'identifier' && callerControlled.has(textOf(src, a))) {
    const p = fn.params.find((q) => q.name === textOf(src, a));
    return !!p && /^bytes\b(?!\d)/.test(p.typeText.trim());
  }
  return false;
}

function storageVars(c: ContractModel): StateVariable[] {
  const out: StateVariable[] = [];
  for (const base of [...c.linearized].reverse()) for (const v of base.ownStateVariables) if (!v.isConstant && !v.isImmutable) out.push(v);
  return out;
}

/** Other contracts of the unit meant to share this contract's storage: same variable names, separate declarations. */
function implementations(contract: ContractModel, all: ContractModel[]): ContractModel[] {
  const own = new Map(storageVars(contract).map((v) => [v.name, v]));
  if (own.size === 0) return [];
  return all.filter((c) => {
    if (c === contract || c.kind === 'interface' || contract.linearized.includes(c) || c.linearized.includes(contract)) return false;
    return storageVars(c).some((v) => own.has(v.name) && own.get(v.name) !== v);
  });
}

/** Public functions of the implementation that write storage with no caller check. */
function unprotectedWriters(impl: ContractModel): FunctionModel[] {
  const out: FunctionModel[] = [];
  for (const fn of impl.functions) {
    if (!fn.isEntryPoint || fn.kind !== 'function' || fn.mutability === 'view' || fn.mutability === 'pure') continue;
    const a = analyzeFunction(fn, impl);
    if (a.senderGuarded) continue;
    if (a.flattened.some((op) => op.kind === 'state-write')) out.push(fn);
  }
  return out;
}

function layoutMismatch(contract: ContractModel, impl: ContractModel): { impl: string; name: string; ownSlot: number; implSlot: number } | null {
  const own = storageVars(contract);
  const theirs = storageVars(impl);
  for (let i = 0; i < theirs.length; i++) {
    const j = own.findIndex((v) => v.name === theirs[i]!.name);
    if (j >= 0 && j !== i) return { impl: impl.name, name: theirs[i]!.name, ownSlot: j, implSlot: i };
  }
  return null;
}


