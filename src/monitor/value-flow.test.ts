import { describe, expect, it } from 'vitest';
import type { DecodedEvent } from '../chain/stream/decode.js';
import { ChainState, type TxView } from './state.js';
import { ETH, flowsOf, netChanges, Valuer } from './value-flow.js';

const WETH = '0x' + '1'.repeat(40);
const TOKEN = '0x' + '2'.repeat(40);
const POOL = '0x' + '3'.repeat(40);
const USER = '0x' + 'a'.repeat(40);
const VAULT = '0x' + 'b'.repeat(40);

const ev = (standard: DecodedEvent['standard'], event: string, address: string, args: Record<string, unknown>): DecodedEvent => ({ standard, event, address: address as `0x${string}`, blockNumber: 1n, transactionHash: '0x01', transactionIndex: 0, logIndex: 0, args });
const tx = (events: DecodedEvent[], value = 0n, to: string | null = VAULT): TxView => ({ blockNumber: 1n, hash: '0x01', index: 0, from: USER, to, value, input: '0x', status: 'success', contractAddress: null, events });

describe('value flow', () => {
  it('nets a wrap to nothing and an unwrap to ether back', () => {
    const wrap = flowsOf(tx([ev('weth', 'Deposit', WETH, { dst: USER, wad: 5n })], 5n, WETH));
    const net = netChanges(wrap);
    expect(net.get(USER)?.get(ETH)).toBe(-5n);
    expect(net.get(USER)?.get(WETH)).toBe(5n);
    const unwrap = netChanges(flowsOf(tx([ev('weth', 'Withdrawal', WETH, { src: USER, wad: 3n })], 0n, WETH)));
    expect(unwrap.get(USER)?.get(ETH)).toBe(3n);
    expect(unwrap.get(USER)?.get(WETH)).toBe(-3n);
  });

  it('values a token at its WETH pool price and WETH at par', () => {
    const state = new ChainState();
    state.wrappedEth.add(WETH);
    state.reserves.set(POOL, [1_000n * 10n ** 18n, 10n * 10n ** 18n]); // 1,000 tokens : 10 WETH
    const v = new Valuer(state, new Map([[TOKEN, { pool: POOL, tokenIs0: true }]]), new Map([[POOL, 1]]));
    expect(v.value(WETH, 7n)).toBe(7n);
    expect(v.value(TOKEN, 100n * 10n ** 18n)).toBe(10n ** 18n);
    const drained = netChanges(flowsOf(tx([ev('erc20', 'Transfer', WETH, { from: VAULT, to: USER, value: 4n * 10n ** 18n })])));
    expect(v.total(drained.get(USER))).toBe(4n * 10n ** 18n);
    expect(v.total(drained.get(VAULT))).toBe(-4n * 10n ** 18n);
  });
});
