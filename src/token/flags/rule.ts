/**
 * What a token flag is, written beside its logic: one module per flag under `rules/`, listed once in
 * `registry.ts`. The metadata names the flag the way GoPlus (and, for the three backdoors it adds, the
 * CRPWarner study) does, says how much a true flag alone weighs in the risk score (`report.ts`), and how to
 * explain and fix it; the report turns each true flag into a `Finding` (`token/<id>`) from it.
 */
import type { Severity } from '../../core/finding.js';
import type { FlagName } from '../types.js';
import type { BytecodeContext } from './bytecode-context.js';
import type { SourceContext } from './source-context.js';

export interface TokenFlagMeta {
  /** Short id without the `token/` prefix, e.g. `hidden-mint`. */
  id: string;
  /** The tri-state flag this rule decides (the key of `TokenFlags` and of the JSON `flags` object). */
  flag: FlagName;
  title: string;
  /** The GoPlus token-security field, when GoPlus has one. */
  goplus: string | null;
  /** The CRPWarner backdoor (hidden_mint, leaking_token, limit_sell), when it is one. */
  crpwarner: string | null;
  severity: Severity;
  /** Default confidence of a finding (0..1). */
  confidence: number;
  /**
   * What a true flag alone weighs in the risk score, 0..1: how likely that signal alone means holders lose
   * money. null: not a risk by itself (reported, but adds nothing to the score).
   */
  weight: number | null;
  /** The score's reason, in a few words ("the owner can mint more tokens"). */
  say: string | null;
  /** A privilege that only matters while someone holds ownership: discounted once it is renounced for good. */
  ownerPrivilege: boolean;
  description: string;
  recommendation: string;
}

/** How runtime bytecode decides a flag: its value, and the evidence a user can check. */
export interface BytecodeRule {
  decide(ctx: BytecodeContext): void;
  /** Decided on a proxy's own code too (otherwise left unknown there: the logic is the implementation's). */
  onProxy?: boolean;
}

/** How Solidity source decides a flag (the same rule as the bytecode's, read from the model). */
export interface SourceRule {
  decide(ctx: SourceContext): void;
  /** Decided on a proxy's own code too (otherwise left unknown there: the logic is the implementation's). */
  onProxy?: boolean;
}

export interface TokenFlagRule {
  meta: TokenFlagMeta;
  bytecode?: BytecodeRule;
  source?: SourceRule;
}

/** Every rule module default-exports one of these. */
export function defineTokenFlag(meta: TokenFlagMeta, analysis: { bytecode?: BytecodeRule; source?: SourceRule } = {}): TokenFlagRule {
  return { meta, ...analysis };
}

/** The finding's tags: the flag's names in the vocabularies that have one. */
export function flagTags(meta: TokenFlagMeta): string[] {
  return ['token', ...(meta.goplus ? [`goplus:${meta.goplus}`] : []), ...(meta.crpwarner ? [`crpwarner:${meta.crpwarner}`] : [])];
}
