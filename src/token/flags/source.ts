/**
 * Token flags from Solidity source, through the auditor's parser and model (src/audit): contracts with
 * inheritance linearised, functions with their operations (state reads and writes, guards, calls) and
 * internal calls inlined, and `senderGuarded` for "restricted to privileged callers". The rules mirror
 * those of `bytecode.ts` so that both sides agree: what privileged functions write, what the transfer path
 * (transfer, transferFrom and what they call) checks, multiplies and calls.
 * OpenZeppelin's own code is trusted for its plumbing (`_update` serves mint, burn and transfer alike): a
 * privileged function is judged by how it calls `_mint`, `_burn`, `_transfer`, `_approve`, `_update`.
 *
 * The shared facts are built once (`source-context.ts`); each flag is decided by its rule module
 * (`rules/*.ts`, `source.decide`), run here in the registry's order.
 */
import path from 'node:path';
import { buildContracts } from '../../solidity/model/build.js';
import type { ContractModel, SourceUnit } from '../../solidity/model/types.js';
import { loadCompilationUnit, parseUnit } from '../../solidity/sources.js';
import { FLAG_NAMES, unknownFlags, type TokenFlags } from '../types.js';
import { TOKEN_FLAG_RULES } from './registry.js';
import { SourceContext } from './source-context.js';
import { ERROR_CODES, InputError } from '../../core/errors.js';

export interface SourceOptions {
  /** The token contract; default: the most derived deployable contract of the file with a `transfer`. */
  contract?: string;
  /** Where `node_modules` is looked for (imports such as `@openzeppelin/...`). */
  cwd?: string;
}

/** Reads `file` and its imports, and returns the flags of its token contract. */
export async function sourceFlagsFromFile(file: string, options: SourceOptions = {}): Promise<TokenFlags> {
  const cwd = options.cwd ?? process.cwd();
  const { own, imported } = await loadCompilationUnit(file, path.relative(cwd, file) || file, { maxFileBytes: 8 * 1024 * 1024, cwd }, []);
  return flagsOfUnits(own, imported, options.contract);
}

/** Flags from source text alone (imports that are not given are unknown: their code is not seen). */
export async function sourceFlags(text: string, file = 'input.sol', options: SourceOptions = {}): Promise<TokenFlags> {
  return flagsOfUnits([await parseUnit(file, text)], [], options.contract);
}

function pickToken(contracts: ContractModel[], own: SourceUnit[], name?: string): ContractModel | null {
  if (name) return contracts.find((c) => c.name === name) ?? null;
  const candidates = contracts.filter((c) => own.includes(c.unit) && c.kind === 'contract' && c.functions.some((f) => f.name === 'transfer' || f.kind === 'fallback'));
  // The most derived: not a base of another candidate.
  return candidates.find((c) => !candidates.some((o) => o !== c && o.linearized.includes(c))) ?? null;
}

/**
 * Fails closed: source that does not parse, or holds no token contract, is refused with a clear error
 * rather than answered with every flag unknown, which a report would add up to "risk 0, nothing found".
 */
function flagsOfUnits(own: SourceUnit[], imported: SourceUnit[], contractName?: string): TokenFlags {
  for (const unit of own) {
    const p = unit.problems[0];
    if (p) {
      throw new InputError(ERROR_CODES.PARSE, unit.path, `${unit.path}:${p.line}:${p.column}: the source does not parse (${p.kind === 'missing' ? `missing '${p.token ?? '?'}'` : 'syntax error'}), so the token was not analysed; fix the file or check the deployed bytecode instead`, { line: p.line, column: p.column });
    }
  }
  const { contracts } = buildContracts([...own, ...imported]);
  const token = pickToken(contracts, own, contractName);
  const flags = unknownFlags();
  if (!token) {
    const names = contracts.filter((c) => own.includes(c.unit) && c.kind === 'contract').map((c) => c.name);
    const file = own[0]?.path ?? 'input';
    throw new InputError(
      ERROR_CODES.USAGE,
      file,
      contractName
        ? `${file}: no contract named ${contractName} (contracts: ${names.join(', ') || 'none'})`
        : `${file}: no token contract found (a contract with transfer or a fallback)${names.length ? `; contracts: ${names.join(', ')}: name one with --contract` : ''}`,
    );
  }
  // Library functions attached with `using for` (`store.push(...)` on a Checkpoints trace) are internal code.
  const libraryFns = new Set(contracts.filter((c) => c.kind === 'library').flatMap((c) => c.ownFunctions.filter((f) => f.visibility === 'internal' || f.visibility === 'private').map((f) => f.name)));
  const ctx = new SourceContext(token, flags, libraryFns);
  const { base, delegating } = ctx.proxyFacts;
  // On a proxy only what its own code shows is decided: the token's logic is in the implementation.
  const proxy = base !== undefined || delegating.length > 0;
  for (const rule of TOKEN_FLAG_RULES) if (rule.source && (!proxy || rule.source.onProxy)) rule.source.decide(ctx);
  if (!proxy) for (const name of FLAG_NAMES) if (flags[name].value === false) flags[name].evidence = [];
  return flags;
}
