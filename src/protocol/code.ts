/**
 * What a contract's runtime code says about it, without its source: the functions it offers (the
 * dispatcher's selectors) and the functions it calls on others (PUSH4 constants that are not its own
 * selectors: the selector an external call is encoded with is a constant in the caller's code). From
 * those: pause and mint entry points, upgrade entry points (UUPS), and oracle dependence: a pair's spot
 * reserves, a cumulative price (TWAP) or a Chainlink-style aggregator.
 */
import { toFunctionSelector } from 'viem';
import { disassemble, dispatcher } from '../evm/disasm.js';

const sel = (sig: string) => toFunctionSelector(sig).toLowerCase();

export const SELECTORS = {
  pause: ['pause()', 'setPaused(bool)', 'pauseAll()'].map(sel),
  paused: sel('paused()'),
  mint: ['mint(address,uint256)', 'mint(uint256)', 'mintTo(address,uint256)', 'issue(uint256)'].map(sel),
  upgrade: ['upgradeToAndCall(address,bytes)', 'upgradeTo(address)'].map(sel),
  proxiable: sel('proxiableUUID()'),
  owner: sel('owner()'),
  hasRole: sel('hasRole(bytes32,address)'),
  totalSupply: sel('totalSupply()'),
  balanceOf: sel('balanceOf(address)'),
  getReserves: sel('getReserves()'),
  slot0: sel('slot0()'),
  twap: ['price0CumulativeLast()', 'price1CumulativeLast()', 'observe(uint32[])', 'consult(address,uint256)', 'currentCumulativePrices(address)'].map(sel),
  chainlink: ['latestRoundData()', 'latestAnswer()', 'getRoundData(uint80)'].map(sel),
};

export interface CodeFacts {
  size: number;
  own: Set<string>;
  calls: Set<string>;
}

export function codeFacts(hex: string): CodeFacts {
  const code = disassemble(hex);
  const own = new Set(dispatcher(code).map((d) => d.selector.toLowerCase()));
  const calls = new Set<string>();
  for (const i of code.instrs) {
    if (i.size !== 4 || i.push === undefined) continue;
    const s = `0x${i.push.toString(16).padStart(8, '0')}`;
    if (!own.has(s)) calls.add(s);
  }
  return { size: (hex.length - 2) / 2, own, calls };
}

export interface OracleUse {
  /** Reads a pair's reserves (or a V3 pool's slot0) of the current block, with no cumulative price. */
  spot: boolean;
  /** Reads cumulative prices or observations: a time-weighted average. */
  twap: boolean;
  /** Calls a Chainlink-style aggregator. */
  chainlink: boolean;
  evidence: string[];
}

export function oracleUse(facts: CodeFacts): OracleUse {
  const has = (list: string[]) => list.filter((s) => facts.calls.has(s));
  const twap = has(SELECTORS.twap);
  const spot = has([SELECTORS.getReserves, SELECTORS.slot0]);
  const chainlink = has(SELECTORS.chainlink);
  const evidence = [
    ...(spot.length ? [`calls getReserves/slot0 (${spot.join(', ')})`] : []),
    ...(twap.length ? [`calls cumulative-price functions (${twap.join(', ')})`] : []),
    ...(chainlink.length ? [`calls a Chainlink-style aggregator (${chainlink.join(', ')})`] : []),
  ];
  // A TWAP reader also reads the reserves (to extend the cumulative price to now): that is not spot pricing.
  return { spot: spot.length > 0 && twap.length === 0, twap: twap.length > 0, chainlink: chainlink.length > 0, evidence };
}
