/**
 * Token flags from runtime bytecode alone, offline. Unverified tokens are the common case, and names lie
 * (a `rebase` that mints, a `sync` that sets balances), so the rules read what each external function
 * does, from the facts `evm/interpreter.ts` collects per function:
 *   - privileged: a non-panic revert guards a comparison of the caller with storage (owner, admin map);
 *   - the storage layout the standard getters reveal: balances (`balanceOf`), allowances, totalSupply, owner;
 *   - the transfer path: what `transfer` and `transferFrom` read, check and call.
 * A flag is false only when the code was fully explored and the thing is absent; null when unsure.
 * Function names (known selectors) add evidence and cover what the structure cannot tell (a list's polarity).
 *
 * The shared facts are built once (`bytecode-context.ts`); each flag is decided by its rule module
 * (`rules/*.ts`, `bytecode.decide`), run here in the registry's order.
 */
import type { FunctionFacts } from '../../evm/interpreter.js';
import { FLAG_NAMES, type TokenFlags } from '../types.js';
import { bytecodeContext, type Layout } from './bytecode-context.js';
import { TOKEN_FLAG_RULES } from './registry.js';

export type { Layout } from './bytecode-context.js';

export interface BytecodeAnalysis {
  flags: TokenFlags;
  selectors: string[];
  functions: FunctionFacts[];
  /** The storage slots the standard getters revealed (slot keys as in `evm/interpreter.ts`). */
  layout: Layout;
}

export function analyzeBytecode(hex: string): BytecodeAnalysis {
  const ctx = bytecodeContext(hex);
  const { flags, selectors, functions, layout } = ctx;
  // On a proxy only what its own code shows is decided (self-destruct, the delegation): the token's logic
  // lives in the implementation, and nothing else can be told from the proxy's code.
  const proxy = ctx.proxyCall !== undefined;
  for (const rule of TOKEN_FLAG_RULES) if (rule.bytecode && (!proxy || rule.bytecode.onProxy)) rule.bytecode.decide(ctx);
  if (!proxy) for (const name of FLAG_NAMES) if (flags[name].value === false) flags[name].evidence = [];
  return { flags, selectors, functions, layout };
}

export function bytecodeFlags(hex: string): TokenFlags {
  return analyzeBytecode(hex).flags;
}
