import { describe, expect, it } from 'vitest';
import type { Address, Hex } from 'viem';
import type { DecodedEvent } from '../../chain/stream/decode.js';
import { decodeJson, encodeJson } from '../codec.js';
import { ChainState, type TxView } from '../state.js';
import { FEATURE_NAMES, createBaselineState, extractFeatures, learnBaseline, type BaselineState } from './features.js';

const ALICE = '0x00000000000000000000000000000000000a11ce';
const BOB = '0x0000000000000000000000000000000000000b0b';
const TOKEN = '0x0000000000000000000000000000000000000700';

function transferTx(block: number, to: string, amount: bigint, from = ALICE): TxView {
  const hash = `0x${block.toString(16).padStart(64, '0')}` as Hex;
  const event: DecodedEvent = { standard: 'erc20', event: 'Transfer', address: TOKEN as Address, blockNumber: BigInt(block), transactionHash: hash, transactionIndex: 0, logIndex: 0, args: { from, to, value: amount } };
  return { blockNumber: BigInt(block), hash, index: 0, from, to: TOKEN, value: 0n, input: '0xa9059cbb' as Hex, status: 'success', contractAddress: null, events: [event] };
}

const feature = (row: number[], name: (typeof FEATURE_NAMES)[number]) => row[FEATURE_NAMES.indexOf(name)]!;

/** Alice gets a large balance, then pays Bob about 1,000 tokens ten times. */
function history(): { state: BaselineState; chain: ChainState; block: number } {
  const state = createBaselineState();
  const chain = new ChainState();
  chain.learn(transferTx(1, ALICE, 10n ** 24n, '0x0000000000000000000000000000000000000000'));
  let block = 2;
  for (let i = 0; i < 10; i++, block++) {
    const tx = transferTx(block, BOB, 1_000n * 10n ** 18n + BigInt(i) * 10n ** 19n);
    extractFeatures(tx, state, chain);
    learnBaseline(tx, state);
    chain.learn(tx);
  }
  return { state, chain, block };
}

describe('baseline features', () => {
  it('measures an amount against the sender\'s own history for that token', () => {
    const { state, chain, block } = history();
    const usual = extractFeatures(transferTx(block, BOB, 1_050n * 10n ** 18n), state, chain);
    const drain = extractFeatures(transferTx(block, '0x00000000000000000000000000000000000d4a1e', 900_000n * 10n ** 18n), state, chain);
    expect(Math.abs(feature(usual.row, 'tokenAmountZ'))).toBeLessThan(1);
    expect(feature(drain.row, 'tokenAmountZ')).toBeGreaterThan(5);
    expect(feature(drain.row, 'balanceShareMoved')).toBeGreaterThan(0.9);
    expect(drain.context).toMatchObject({ history: 10, token: { history: 10 } });
    expect(feature(drain.row, 'historyLength')).toBeCloseTo(Math.log2(11));
    expect(feature(drain.row, 'newRecipient')).toBe(1);
  });

  it('gives a sender without history neutral z-scores', () => {
    const state = createBaselineState();
    const { row, context } = extractFeatures(transferTx(5, BOB, 10n ** 20n), state, new ChainState());
    expect(feature(row, 'tokenAmountZ')).toBe(0);
    expect(feature(row, 'ethValueZ')).toBe(0);
    expect(feature(row, 'historyLength')).toBe(0);
    expect(context.history).toBe(0);
    expect(row.every(Number.isFinite)).toBe(true);
  });

  it('survives the engine snapshot codec unchanged', () => {
    const { state, chain, block } = history();
    const copy = decodeJson(encodeJson(state)) as BaselineState;
    const tx = transferTx(block, BOB, 5_000n * 10n ** 18n);
    expect(extractFeatures(tx, copy, chain).row).toEqual(extractFeatures(tx, state, chain).row);
  });

  it('reads LP tokens handed back to their pool, and a liquidity-only burn, as ordinary (no departure)', () => {
    // Alice holds LP tokens of a pool (the token is the pool) and removes nearly all of her liquidity.
    const POOL = TOKEN;
    const { state, chain, block } = history();
    chain.pools.add(POOL);
    chain.reserves.set(POOL, [10n ** 21n, 10n ** 21n]);
    const hash = `0x${block.toString(16).padStart(64, '0')}` as Hex;
    const ev = (event: string, args: Record<string, unknown>, logIndex: number): DecodedEvent => ({ standard: event === 'Transfer' ? 'erc20' : 'uniswap-v2', event, address: POOL as Address, blockNumber: BigInt(block), transactionHash: hash, transactionIndex: 0, logIndex, args });
    const removal: TxView = {
      ...transferTx(block, POOL, 99n * 10n ** 22n),
      events: [
        ev('Transfer', { from: ALICE, to: POOL, value: 99n * 10n ** 22n }, 0),
        ev('Transfer', { from: POOL, to: '0x0000000000000000000000000000000000000000', value: 99n * 10n ** 22n }, 1),
        ev('Sync', { reserve0: 10n ** 19n, reserve1: 10n ** 19n }, 2),
        ev('Burn', { sender: ALICE, amount0: 99n * 10n ** 19n, amount1: 99n * 10n ** 19n, to: ALICE }, 3),
      ],
    };
    const { row } = extractFeatures(removal, state, chain);
    expect(feature(row, 'tokenAmountZ')).toBe(0);
    expect(feature(row, 'balanceShareMoved')).toBe(0);
    expect(feature(row, 'poolReserveChange')).toBe(0);
    // The same outflow to a stranger is still a departure.
    expect(feature(extractFeatures(transferTx(block, '0x00000000000000000000000000000000000d4a1e', 99n * 10n ** 22n), state, chain).row, 'balanceShareMoved')).toBeGreaterThan(0.9);
  });
});
