/**
 * Every token flag rule, once, in the order of `FLAG_NAMES` (the order of the JSON `flags` object and of
 * the report's reasons at equal weight). A new flag is a module under `rules/` and a line here.
 */
import type { FlagName } from '../types.js';
import type { TokenFlagRule } from './rule.js';
import mintable from './rules/mintable.js';
import ownerChangeBalance from './rules/owner-change-balance.js';
import hiddenOwner from './rules/hidden-owner.js';
import takeBackOwnership from './rules/take-back-ownership.js';
import blacklist from './rules/blacklist.js';
import whitelist from './rules/whitelist.js';
import transferPausable from './rules/transfer-pausable.js';
import tradingCooldown from './rules/trading-cooldown.js';
import antiWhale from './rules/anti-whale.js';
import antiWhaleModifiable from './rules/anti-whale-modifiable.js';
import slippageModifiable from './rules/slippage-modifiable.js';
import personalSlippageModifiable from './rules/personal-slippage-modifiable.js';
import proxy from './rules/proxy.js';
import selfdestruct from './rules/selfdestruct.js';
import externalCall from './rules/external-call.js';
import ownerRenounced from './rules/owner-renounced.js';
import hiddenMint from './rules/hidden-mint.js';
import leakingToken from './rules/leaking-token.js';
import limitSell from './rules/limit-sell.js';

export const TOKEN_FLAG_RULES: readonly TokenFlagRule[] = [
  mintable,
  ownerChangeBalance,
  hiddenOwner,
  takeBackOwnership,
  blacklist,
  whitelist,
  transferPausable,
  tradingCooldown,
  antiWhale,
  antiWhaleModifiable,
  slippageModifiable,
  personalSlippageModifiable,
  proxy,
  selfdestruct,
  externalCall,
  ownerRenounced,
  hiddenMint,
  leakingToken,
  limitSell,
];

const byFlag = new Map(TOKEN_FLAG_RULES.map((r) => [r.meta.flag, r]));

/** The rule that decides `flag`. */
export function ruleOf(flag: FlagName): TokenFlagRule {
  const rule = byFlag.get(flag);
  if (!rule) throw new Error(`no token flag rule for ${flag}`);
  return rule;
}

