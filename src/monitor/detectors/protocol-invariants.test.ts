import { describe, expect, it } from 'vitest';
import type { DecodedEvent } from '../../chain/stream/decode.js';
import { ChainState, type TxView } from '../state.js';
import type { DetectorEnv } from './detector.js';
import { decodeValue, encodeValue } from '../codec.js';
import invariants, { logRatio } from './protocol-invariants.js';

const ZERO = '0x0000000000000000000000000000000000000000';
const VAULT = '0x' + 'c'.repeat(40);
const WETH = '0x' + 'e'.repeat(40);
const POOL = '0x' + 'd'.repeat(40);
const user = (i: number) => '0x' + (i + 1).toString(16).padStart(40, '0');
const E18 = 10n ** 18n;

let n = 0;
const transfer = (token: string, from: string, to: string, value: bigint): DecodedEvent => ({ standard: 'erc20', event: 'Transfer', address: token as `0x${string}`, blockNumber: 1n, transactionHash: '0x01', transactionIndex: 0, logIndex: n++, args: { from, to, value } });
const sync = (r0: bigint, r1: bigint): DecodedEvent => ({ standard: 'uniswap-v2', event: 'Sync', address: POOL as `0x${string}`, blockNumber: 1n, transactionHash: '0x01', transactionIndex: 0, logIndex: n++, args: { reserve0: r0, reserve1: r1 } });
const tx = (from: string, to: string, events: DecodedEvent[]): TxView => ({ blockNumber: BigInt(++n), hash: `0x${n.toString(16).padStart(64, '0')}`, index: 0, from, to, value: 0n, input: '0x', status: 'success', contractAddress: null, events });

function env(): DetectorEnv {
  return { chainId: 1, state: new ChainState(), knownGood: new Set(), sanctioned: new Set(), sanctionLabels: new Map(), tokens: new Map() };
}

/** Runs one transaction through the detector, then lets the chain state learn it (as the engine does). */
async function step(e: DetectorEnv, own: unknown, t: TxView) {
  const found = await invariants.inspect(t, own as never, e);
  e.state.learn(t);
  return found;
}

const deposit = (who: string, assets: bigint, shares: bigint) => tx(who, VAULT, [transfer(WETH, who, VAULT, assets), transfer(VAULT, ZERO, who, shares)]);
const redeem = (who: string, assets: bigint, shares: bigint) => tx(who, VAULT, [transfer(VAULT, who, ZERO, shares), transfer(WETH, VAULT, who, assets)]);

describe('protocol-invariants', () => {
  it('logRatio handles values past a double', () => {
    expect(logRatio(2n ** 2000n, 2n ** 1999n)).toBeCloseTo(Math.LN2, 6);
  });

  it('keeps quiet through an ERC-4626 vault\'s ordinary deposits and redemptions at a slowly rising price', async () => {
    const e = env();
    const own = invariants.createState();
    for (let i = 0; i < 30; i++) {
      const price = 100n + BigInt(i); // per cent: 1.00 → 1.29 assets per share
      const assets = BigInt(1 + (i % 7)) * E18;
      const found = i % 3 === 2 ? await step(e, own, redeem(user(i % 5), assets / 2n, ((assets / 2n) * 100n) / price)) : await step(e, own, deposit(user(i % 5), assets, (assets * 100n) / price));
      expect(found).toEqual([]);
    }
  });

  it('flags a donation that multiplies the value of dust first shares, and the deposit that then mints nothing', async () => {
    const e = env();
    const own = invariants.createState();
    const attacker = user(9);
    expect(await step(e, own, deposit(attacker, 1n, 1n))).toEqual([]);
    // The donation: a plain transfer of the asset to the vault, no shares.
    const [jump] = await step(e, own, tx(attacker, WETH, [transfer(WETH, attacker, VAULT, 12n * E18)]));
    expect(jump?.evidence).toMatchObject({ invariant: 'vault-share-price', vault: VAULT });
    const victim = user(3);
    const found = await step(e, own, tx(victim, VAULT, [transfer(WETH, victim, VAULT, 5n * E18)]));
    expect(found.map((f) => f.evidence.invariant)).toContain('deposit-without-shares');
  });

  it('flags a payout without its shares burnt (rounding theft)', async () => {
    const e = env();
    const own = invariants.createState();
    for (let i = 0; i < 4; i++) await step(e, own, deposit(user(i), 5n * E18, 5n * E18));
    const thief = user(8);
    const [f] = await step(e, own, tx(thief, VAULT, [transfer(WETH, VAULT, thief, 18n * E18)]));
    expect(f?.evidence).toMatchObject({ invariant: 'vault-share-price' });
  });

  it("stays quiet through a pool's ordinary trades and flags reserves burnt in one transaction", async () => {
    const e = env();
    const own = invariants.createState();
    let r0 = 500_000n * E18;
    let r1 = 15n * E18;
    for (let i = 0; i < 12; i++) {
      // Buys and sells of a few per cent of the reserves, and a liquidity add that keeps the price.
      const [num, den] = i === 6 ? [3n, 2n] : i % 2 ? [97n, 100n] : [102n, 100n];
      r0 = (r0 * num) / den;
      r1 = i === 6 ? (r1 * num) / den : (r1 * den) / num;
      expect(await step(e, own, tx(user(i), POOL, [sync(r0, r1)]))).toEqual([]);
    }
    const [f] = await step(e, own, tx(user(9), POOL, [sync(1000n, r1)]));
    expect(f?.evidence).toMatchObject({ invariant: 'pool-spot-price', pool: POOL });
    expect(f?.subject.kind).toBe('transaction');
  });

  it('keeps judging after its state is saved as JSON and restored (a restarted monitor)', async () => {
    const e = env();
    const own = invariants.createState();
    let r0 = 500_000n * E18;
    const r1 = 15n * E18;
    for (let i = 0; i < 8; i++) {
      r0 = (r0 * (i % 2 ? 99n : 101n)) / 100n;
      await step(e, own, tx(user(i), POOL, [sync(r0, r1)]));
    }
    const restored = decodeValue(JSON.parse(JSON.stringify(encodeValue(own))));
    const [f] = await step(e, restored, tx(user(9), POOL, [sync(1000n, r1)]));
    expect(f?.evidence).toMatchObject({ invariant: 'pool-spot-price', pool: POOL });
  });
});
