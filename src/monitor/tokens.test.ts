import { describe, expect, it } from 'vitest';
import { encodeAbiParameters, stringToHex, type Hex } from 'viem';
import type { StreamBlock } from '../chain/stream/block-stream.js';
import type { CallOutcome, ChainAccess } from './detectors/detector.js';
import { MonitorEngine } from './engine.js';
import { DECIMALS_SELECTOR, SYMBOL_SELECTOR, TokenBook, decodeDecimals, decodeSymbol, fetchTokenInfo, sanitizeSymbol } from './tokens.js';
import { syntheticBlock } from '../../test/fixtures/synthetic-block.js';

const A = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;
const ZERO = A(0);
const DAI = A(0xda1);
const USDC = A(0x05dc);
const MKR = A(0x3c4);
const BROKEN = A(0xbad);
const GREEDY = A(0x6a5);
const DEPLOYER = A(0xd0);
const W = (i: number) => A(0x100 + i);
const E18 = 10n ** 18n;

const str = (s: string) => encodeAbiParameters([{ type: 'string' }], [s]);
const uint = (n: bigint) => encodeAbiParameters([{ type: 'uint256' }], [n]);
const bytes32 = (s: string) => stringToHex(s, { size: 32 });

/**
 * A fake chain: DAI (18) and USDC (6) answer with strings, MKR with a bytes32 symbol, BROKEN reverts both;
 * `down` makes every call throw as a dead endpoint does. Counts the calls per token.
 */
function fakeChain() {
  const answers: Record<string, Record<string, Hex | 'revert'>> = {
    [DAI]: { [SYMBOL_SELECTOR]: str('DAI'), [DECIMALS_SELECTOR]: uint(18n) },
    [USDC]: { [SYMBOL_SELECTOR]: str('USDC'), [DECIMALS_SELECTOR]: uint(6n) },
    [MKR]: { [SYMBOL_SELECTOR]: bytes32('MKR'), [DECIMALS_SELECTOR]: uint(18n) },
    [BROKEN]: { [SYMBOL_SELECTOR]: 'revert', [DECIMALS_SELECTOR]: 'revert' },
  };
  const calls = new Map<string, number>();
  const chain: ChainAccess & { down: boolean; calls: Map<string, number> } = {
    down: false,
    calls,
    getBalance: () => Promise.resolve(0n),
    call: ({ to, data, blockNumber }): Promise<CallOutcome> => {
      if (chain.down) return Promise.reject(new Error('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:8545') }));
      calls.set(to, (calls.get(to) ?? 0) + 1);
      // geth reports a call that ran out of gas as an error (code -32000), not as a revert.
      if (to === GREEDY) return Promise.reject(new Error('An internal error was received.', { cause: Object.assign(new Error('RPC Request failed.'), { code: -32000, details: 'out of gas' }) }));
      expect(blockNumber).toBeTypeOf('bigint');
      const a = answers[to]?.[data];
      // An address without code answers every call with empty data.
      if (a === undefined) return Promise.resolve({ reverted: false, data: '0x' });
      return Promise.resolve(a === 'revert' ? { reverted: true, reason: 'execution reverted' } : { reverted: false, data: a });
    },
  };
  return chain;
}

describe('decoding symbol() and decimals()', () => {
  it('reads a string symbol and a bytes32 one (MKR)', () => {
    expect(decodeSymbol(str('USDC'))).toBe('USDC');
    expect(decodeSymbol(bytes32('MKR'))).toBe('MKR');
    expect(decodeSymbol(str('USD₮0'))).toBe('USD₮0');
  });

  it('gives null for empty, truncated, non-UTF-8 or nonsense answers', () => {
    expect(decodeSymbol('0x')).toBeNull();
    expect(decodeSymbol('0x1234')).toBeNull();
    expect(decodeSymbol(str('USDC').slice(0, 2 + 64 * 2 + 4) as Hex)).toBeNull(); // the string's length runs past the data
    expect(decodeSymbol(`0x${'ff'.repeat(32)}`)).toBeNull(); // bytes32 that is not UTF-8
    expect(decodeSymbol(`0x${'0'.repeat(63)}`)).toBeNull(); // odd length
    expect(decodeSymbol(str(' \u202e\u0000 '))).toBeNull(); // nothing printable
  });

  it('reads decimals as a uint8', () => {
    expect(decodeDecimals(uint(6n))).toBe(6);
    expect(decodeDecimals(uint(0n))).toBe(0);
    expect(decodeDecimals(uint(255n))).toBe(255);
    expect(decodeDecimals(uint(256n))).toBeNull();
    expect(decodeDecimals(uint(2n ** 255n))).toBeNull();
    expect(decodeDecimals('0x')).toBeNull();
    expect(decodeDecimals('0x06')).toBeNull();
  });

  it('sanitises symbols: no spaces, brackets, quotes, controls or bidi overrides; at most 16 characters', () => {
    expect(sanitizeSymbol('USDC.e')).toBe('USDC.e');
    expect(sanitizeSymbol('UNI-V2')).toBe('UNI-V2');
    expect(sanitizeSymbol('US DC')).toBe('USDC');
    expect(sanitizeSymbol('USDC (0x9a67…7508)')).toBe('USDC0x9a677508');
    expect(sanitizeSymbol('\u202eCDSU\u200b')).toBe('CDSU');
    expect(sanitizeSymbol('a\nb\t"c"<d>')).toBe('abcd');
    expect(sanitizeSymbol('WAY_TOO_LONG_SYMBOL_NAME')).toBe('WAY_TOO_LONG_SYM…');
    expect(sanitizeSymbol('DOT.')).toBe('DOT');
    expect(sanitizeSymbol('   ')).toBeNull();
  });
});

describe('token metadata lookup', () => {
  it('asks a token for its symbol and decimals; a revert or an empty answer is unknown', async () => {
    const chain = fakeChain();
    expect(await fetchTokenInfo(chain, USDC, 5n)).toEqual({ symbol: 'USDC', decimals: 6 });
    expect(await fetchTokenInfo(chain, MKR, 5n)).toEqual({ symbol: 'MKR', decimals: 18 });
    expect(await fetchTokenInfo(chain, BROKEN, 5n)).toEqual({ symbol: null, decimals: null });
    expect(await fetchTokenInfo(chain, A(0xeeee), 5n)).toEqual({ symbol: null, decimals: null });
    expect(await fetchTokenInfo(chain, GREEDY, 5n)).toEqual({ symbol: null, decimals: null });
  });

  it('asks each token once, unknown answers included, and keeps nothing from a batch an outage broke', async () => {
    const chain = fakeChain();
    const book = new TokenBook();
    chain.down = true;
    await expect(book.learn([DAI, USDC], chain, 1n)).rejects.toThrow(/fetch failed/);
    expect(book.size).toBe(0);
    chain.down = false;
    await book.learn([DAI, USDC, BROKEN, DAI.toUpperCase().replace('0X', '0x')], chain, 1n);
    await book.learn([DAI, BROKEN, MKR], chain, 2n);
    expect(book.get(DAI)).toEqual({ symbol: 'DAI', decimals: 18 });
    expect(book.get(BROKEN)).toEqual({ symbol: null, decimals: null });
    expect(book.get(MKR)?.symbol).toBe('MKR');
    expect(Object.fromEntries(chain.calls)).toEqual({ [DAI]: 2, [USDC]: 2, [BROKEN]: 2, [MKR]: 2 });
    const copy = new TokenBook();
    copy.load(JSON.parse(JSON.stringify(book.snapshot())));
    expect(copy.get(USDC)).toEqual({ symbol: 'USDC', decimals: 6 });
    copy.load(undefined);
    expect(copy.size).toBe(0);
  });

  it('finds the tokens of transfers, approvals and permits in a block, and those not known yet', async () => {
    const b = syntheticBlock(1, [
      { from: W(1), to: DAI, events: [transfer(DAI, W(1), W(2), 5n), { standard: 'erc20', event: 'Approval', address: USDC, args: { owner: W(1), spender: W(2), value: 1n } }] },
      { from: W(1), to: A(0x2222), events: [{ standard: 'permit2', event: 'Permit', address: A(0x2222), args: { owner: W(1), spender: W(3), token: MKR.toUpperCase().replace('0X', '0x') } }, transfer(DAI, W(2), W(3), 1n)] },
      { from: W(1), to: A(0x3333), events: [{ standard: 'uniswap-v2', event: 'Sync', address: A(0x3333), args: {} }] },
    ]);
    const book = new TokenBook();
    expect(book.unknownIn(b)).toEqual([DAI, USDC, MKR]);
    await book.learn([USDC], fakeChain(), 1n);
    expect(book.unknownIn(b)).toEqual([DAI, MKR]);
  });
});


const transfer = (token: string, from: string, to: string, value: bigint) => ({ standard: 'erc20', event: 'Transfer', address: token, args: { from, to, value } });

/** USDC and BROKEN minted, a habit of small transfers of each, then a huge one of each (large-transfer fires). */
function history(): StreamBlock[] {
  const blocks: StreamBlock[] = [syntheticBlock(1, [{ from: DEPLOYER, to: null, created: USDC, events: [transfer(USDC, ZERO, DEPLOYER, 1_000_000n * 10n ** 6n), transfer(BROKEN, ZERO, DEPLOYER, 1_000_000n * E18)] }])];
  for (let n = 2; n <= 8; n++) blocks.push(syntheticBlock(n, [{ from: DEPLOYER, to: USDC, events: [transfer(USDC, DEPLOYER, W(n), BigInt(10 + n) * 10n ** 6n)] }, { from: DEPLOYER, to: BROKEN, events: [transfer(BROKEN, DEPLOYER, W(n), BigInt(10 + n) * E18)] }]));
  blocks.push(syntheticBlock(9, [{ from: DEPLOYER, to: USDC, events: [transfer(USDC, DEPLOYER, W(50), 900_000n * 10n ** 6n)] }]));
  blocks.push(syntheticBlock(10, [{ from: DEPLOYER, to: BROKEN, events: [transfer(BROKEN, DEPLOYER, W(51), 900_000n * E18)] }]));
  return blocks;
}

const explanations = (e: MonitorEngine) => e.findings.filter((f) => f.detector === 'monitor/large-transfer').map((f) => f.explanation);

describe('the engine with token metadata', () => {
  it('explains amounts in the token\'s units with chain access, in base units without', async () => {
    const withChain = new MonitorEngine({ chainId: 1, chain: fakeChain(), only: ['large-transfer'] });
    await withChain.processBlocks(history());
    const [usdc, broken] = explanations(withChain);
    expect(usdc).toMatch(new RegExp(`^${DEPLOYER} sent 900,000 USDC \\(${USDC}\\) to ${W(50)}: `));
    expect(broken).toMatch(new RegExp(`^${DEPLOYER} sent 900000000000000000000000 base units of token ${BROKEN} to ${W(51)}: `));
    // Evidence stays raw.
    expect(withChain.findings[0]?.evidence.value).toBe('900000000000');

    const without = new MonitorEngine({ chainId: 1, only: ['large-transfer'] });
    await without.processBlocks(history());
    expect(without.tokens.size).toBe(0);
    expect(explanations(without)[0]).toMatch(new RegExp(`sent 900000000000 base units of token ${USDC} to`));
  });

  it('throws on an outage before any detector has run, and the retried block gives the same text', async () => {
    const chain = fakeChain();
    const engine = new MonitorEngine({ chainId: 1, chain, only: ['large-transfer'] });
    const blocks = history();
    for (const b of blocks.slice(0, 8)) await engine.processBlock(b);
    // USDC and BROKEN are known by now; a block naming a new token needs the chain.
    const fresh = syntheticBlock(9, [
      { from: DEPLOYER, to: DAI, events: [transfer(DAI, DEPLOYER, W(60), 1n)] },
      { from: DEPLOYER, to: USDC, events: [transfer(USDC, DEPLOYER, W(50), 900_000n * 10n ** 6n)] },
    ]);
    const before = engine.snapshot();
    chain.down = true;
    await expect(engine.processBlock(fresh)).rejects.toThrow(/fetch failed/);
    expect(engine.snapshot()).toBe(before);
    chain.down = false;
    const found = await engine.processBlock(fresh);
    expect(found.map((f) => f.explanation)).toEqual([explanations(await replayed(blocks.slice(0, 8).concat([fresh])))[0]]);
    expect(engine.tokens.get(DAI)).toEqual({ symbol: 'DAI', decimals: 18 });
  });

  it('keeps the metadata in its snapshot: a restarted engine asks nothing again and writes the same text', async () => {
    const whole = await replayed(history());
    const first = new MonitorEngine({ chainId: 1, chain: fakeChain(), only: ['large-transfer'] });
    for (const b of history().slice(0, 5)) await first.processBlock(b);
    const chain = fakeChain();
    const second = new MonitorEngine({ chainId: 1, chain, only: ['large-transfer'] });
    second.restore(first.snapshot());
    for (const b of history().slice(5)) await second.processBlock(b);
    expect(chain.calls.size).toBe(0);
    expect(explanations(second)).toEqual(explanations(whole));
    expect(second.snapshot()).toBe(whole.snapshot());
  });

  it('restores a snapshot from before tokens were kept, and asks those tokens again', async () => {
    const first = new MonitorEngine({ chainId: 1, chain: fakeChain(), only: ['large-transfer'] });
    for (const b of history().slice(0, 5)) await first.processBlock(b);
    const old = JSON.parse(first.snapshot()) as Record<string, unknown>;
    delete old.tokens;
    const chain = fakeChain();
    const second = new MonitorEngine({ chainId: 1, chain, only: ['large-transfer'] });
    second.restore(JSON.stringify(old));
    expect(second.tokens.size).toBe(0);
    for (const b of history().slice(5)) await second.processBlock(b);
    expect(explanations(second)[0]).toContain('900,000 USDC');
    expect(chain.calls.get(USDC)).toBe(2);
  });
});

async function replayed(blocks: StreamBlock[]): Promise<MonitorEngine> {
  const e = new MonitorEngine({ chainId: 1, chain: fakeChain(), only: ['large-transfer'] });
  await e.processBlocks(blocks);
  return e;
}
