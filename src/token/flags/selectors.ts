/**
 * Function names by selector, for the flags a name can reveal (a `blacklist` function) and for telling the
 * standard ERC-20 / ownership surface apart from the rest. Names are evidence, not proof: the structural
 * rules in `bytecode.ts` look past them. Selectors are computed from the signatures at load time.
 */
import { toFunctionSelector } from 'viem';

export type SelectorRole =
  | 'standard'
  | 'ownership'
  | 'mint'
  | 'blacklist'
  | 'whitelist'
  | 'pause'
  | 'fee'
  | 'personal-fee'
  | 'anti-whale'
  | 'cooldown'
  | 'cap'
  | 'proxy';

const SIGNATURES: Record<SelectorRole, string[]> = {
  // The ERC-20 surface and its common OpenZeppelin extensions: never a backdoor by themselves.
  standard: [
    'transfer(address,uint256)', 'transferFrom(address,address,uint256)', 'approve(address,uint256)', 'balanceOf(address)',
    'totalSupply()', 'allowance(address,address)', 'name()', 'symbol()', 'decimals()', 'increaseAllowance(address,uint256)',
    'decreaseAllowance(address,uint256)', 'permit(address,address,uint256,uint256,uint8,bytes32,bytes32)', 'nonces(address)',
    'DOMAIN_SEPARATOR()', 'eip712Domain()', 'burn(uint256)', 'burnFrom(address,uint256)', 'delegate(address)',
    'delegateBySig(address,uint256,uint256,uint8,bytes32,bytes32)', 'delegates(address)', 'getVotes(address)',
    'getPastVotes(address,uint256)', 'getPastTotalSupply(uint256)', 'checkpoints(address,uint32)', 'numCheckpoints(address)',
    'clock()', 'CLOCK_MODE()', 'deposit()', 'withdraw(uint256)', 'paused()', 'owner()', 'getOwner()',
  ],
  ownership: ['renounceOwnership()', 'transferOwnership(address)', 'acceptOwnership()', 'pendingOwner()'],
  mint: [
    'mint(address,uint256)', 'mint(uint256)', 'mintTo(address,uint256)', 'issue(uint256)', '_mint(address,uint256)', 'mint(address)', 'mintTokens(address,uint256)',
    'mintToken(address,uint256)', 'Mint(uint256)', 'Mint(address,uint256)', 'mint(address,uint256,bytes)', 'mintFor(address,uint256)',
  ],
  blacklist: [
    'blacklist(address)', 'addBot(address)', 'addBots(address[])', 'setBots(address[])', 'setBlacklist(address,bool)', 'blacklistAddress(address,bool)',
    'addToBlacklist(address)', 'removeFromBlacklist(address)', 'isBlacklisted(address)', 'setBot(address,bool)', 'blockBots(address[])', 'isBot(address)',
    'delBot(address)', 'bots(address)', 'unblacklist(address)',
  ],
  whitelist: [
    'whitelist(address)', 'setWhitelist(address,bool)', 'addToWhitelist(address)', 'removeFromWhitelist(address)', 'whitelisted(address)',
    'isWhitelisted(address)', 'setWhitelisted(address,bool)', 'addWhitelist(address[])',
  ],
  pause: ['pause()', 'unpause()', 'setPaused(bool)', 'setTradingEnabled(bool)', 'pauseTrading()', 'stopTrading()'],
  fee: [
    'setFee(uint256)', 'setFees(uint256)', 'setFees(uint256,uint256)', 'setTax(uint256)', 'setTaxes(uint256,uint256)', 'setSellFee(uint256)', 'setBuyFee(uint256)',
    'setTaxFeePercent(uint256)', 'setLiquidityFeePercent(uint256)', 'updateFees(uint256,uint256)', 'setSellTax(uint256)', 'setBuyTax(uint256)',
    'updateSellFees(uint256,uint256,uint256)', 'updateBuyFees(uint256,uint256,uint256)',
  ],
  'personal-fee': ['setFeeFor(address,uint256)', 'setCustomFee(address,uint256)', 'setAccountFee(address,uint256)', 'setTaxFor(address,uint256)'],
  'anti-whale': [
    'setMaxTxAmount(uint256)', 'setMaxTx(uint256)', 'setMaxWallet(uint256)', 'setMaxWalletAmount(uint256)', 'setMaxTxPercent(uint256)', 'setMaxWalletSize(uint256)',
    'updateMaxTxnAmount(uint256)', 'updateMaxWalletAmount(uint256)', 'removeLimits()', '_maxTxAmount()', 'maxTxAmount()', 'maxWalletAmount()', '_maxWalletSize()',
  ],
  cooldown: ['setCooldown(uint256)', 'setCooldownEnabled(bool)', 'cooldownEnabled()', 'setTransferDelayEnabled(bool)', 'cooldownSeconds()'],
  cap: ['cap()'],
  proxy: ['implementation()', 'upgradeTo(address)', 'upgradeToAndCall(address,bytes)', 'proxiableUUID()'],
};

export interface KnownSelector {
  role: SelectorRole;
  signature: string;
}

export const KNOWN_SELECTORS: ReadonlyMap<string, KnownSelector> = (() => {
  const out = new Map<string, KnownSelector>();
  for (const [role, sigs] of Object.entries(SIGNATURES) as Array<[SelectorRole, string[]]>) {
    for (const signature of sigs) {
      const sel = toFunctionSelector(`function ${signature}`);
      if (!out.has(sel)) out.set(sel, { role, signature });
    }
  }
  return out;
})();

/** The role of a function by its name alone (for source, where the parameter types are also known but names suffice). */
export const ROLE_BY_NAME: ReadonlyMap<string, SelectorRole> = (() => {
  const out = new Map<string, SelectorRole>();
  for (const [role, sigs] of Object.entries(SIGNATURES) as Array<[SelectorRole, string[]]>) {
    for (const sig of sigs) {
      const name = sig.slice(0, sig.indexOf('('));
      if (!out.has(name)) out.set(name, role);
    }
  }
  return out;
})();

export const SELECTOR = {
  transfer: toFunctionSelector('function transfer(address,uint256)'),
  transferFrom: toFunctionSelector('function transferFrom(address,address,uint256)'),
  balanceOf: toFunctionSelector('function balanceOf(address)'),
  totalSupply: toFunctionSelector('function totalSupply()'),
  allowance: toFunctionSelector('function allowance(address,address)'),
  owner: toFunctionSelector('function owner()'),
  getOwner: toFunctionSelector('function getOwner()'),
} as const;

/** keccak256("Transfer(address,address,uint256)") */
export const TRANSFER_TOPIC = 0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3efn;
/** bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1) */
export const EIP1967_IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbcn;
/** keccak256("PROXIABLE"): the EIP-1822 (UUPS) slot. */
export const EIP1822_SLOT = 0xc5f16f0fcc639fa48a6947836d9850f504798523bf8c9a3a87d5876cf622bcf7n;
