/**
 * The decoders on logs and calls hand-built from the standard ABIs (the stream tests decode real devnet
 * logs: ERC-20 transfers and Uniswap V2 swaps).
 */
import { describe, expect, it } from 'vitest';
import { encodeAbiParameters, encodeEventTopics, encodeFunctionData, keccak256, toBytes, toEventSelector, toFunctionSelector, type Abi, type Address, type Hex, type Log } from 'viem';
import {
  decodeBlock,
  decodeLogs,
  decodePermitCall,
  ERC1155_EVENTS_ABI,
  ERC20_EVENTS_ABI,
  ERC721_EVENTS_ABI,
  PERMIT_CALLS_ABI,
  PERMIT2_ADDRESS,
  PERMIT2_CALLS_ABI,
  PERMIT2_EVENTS_ABI,
  UNISWAP_V2_PAIR_EVENTS_ABI,
  UNISWAP_V3_POOL_EVENTS_ABI,
} from './decode.js';

const A = '0x1111111111111111111111111111111111111111' as Address;
const B = '0x2222222222222222222222222222222222222222' as Address;
const C = '0x3333333333333333333333333333333333333333' as Address;
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as Address;
const TX = ('0x' + 'ab'.repeat(32)) as Hex;

let logIndex = 0;
/** A log as a node returns it, encoded with viem from the event's ABI. */
function makeLog(abi: Abi, eventName: string, args: Record<string, unknown>, address: Address = TOKEN): Log<bigint, number, false> {
  const item = abi.find((x) => x.type === 'event' && x.name === eventName);
  if (!item || item.type !== 'event') throw new Error(eventName);
  const topics = encodeEventTopics({ abi: [item], eventName, args } as never) as Hex[];
  const unindexed = item.inputs.filter((i) => !i.indexed);
  const data = encodeAbiParameters(unindexed, unindexed.map((i) => args[i.name as string]));
  return {
    address,
    topics: topics as [Hex, ...Hex[]],
    data,
    blockHash: ('0x' + 'cd'.repeat(32)) as Hex,
    blockNumber: 7n,
    transactionHash: TX,
    transactionIndex: 0,
    logIndex: logIndex++,
    removed: false,
  };
}

describe('decodeLogs', () => {
  it('tells ERC-20 from ERC-721 Transfer and Approval by their indexed topics', () => {
    const logs = [
      makeLog(ERC20_EVENTS_ABI, 'Transfer', { from: A, to: B, value: 5n }),
      makeLog(ERC721_EVENTS_ABI, 'Transfer', { from: A, to: B, tokenId: 42n }),
      makeLog(ERC20_EVENTS_ABI, 'Approval', { owner: A, spender: C, value: 2n ** 256n - 1n }),
      makeLog(ERC721_EVENTS_ABI, 'Approval', { owner: A, approved: C, tokenId: 42n }),
      makeLog(ERC721_EVENTS_ABI, 'ApprovalForAll', { owner: A, operator: C, approved: true }),
    ];
    const out = decodeLogs(logs);
    expect(out.map((e) => `${e.standard}.${e.event}`)).toEqual(['erc20.Transfer', 'erc721.Transfer', 'erc20.Approval', 'erc721.Approval', 'erc721/1155.ApprovalForAll']);
    expect(out[0]?.args).toEqual({ from: A, to: B, value: 5n });
    expect(out[1]?.args).toEqual({ from: A, to: B, tokenId: 42n });
    expect(out[2]?.args.value).toBe(2n ** 256n - 1n);
    expect(out[4]?.args.approved).toBe(true);
    expect(out[0]).toMatchObject({ address: TOKEN, blockNumber: 7n, transactionHash: TX, logIndex: logs[0]?.logIndex });
  });

  it('decodes ERC-1155 single and batch transfers', () => {
    const out = decodeLogs([
      makeLog(ERC1155_EVENTS_ABI, 'TransferSingle', { operator: C, from: A, to: B, id: 1n, value: 10n }),
      makeLog(ERC1155_EVENTS_ABI, 'TransferBatch', { operator: C, from: A, to: B, ids: [1n, 2n], values: [3n, 4n] }),
    ]);
    expect(out.map((e) => `${e.standard}.${e.event}`)).toEqual(['erc1155.TransferSingle', 'erc1155.TransferBatch']);
    expect(out[1]?.args).toEqual({ operator: C, from: A, to: B, ids: [1n, 2n], values: [3n, 4n] });
  });

  it('decodes Uniswap V2 Swap, Mint, Burn, Sync and V3 Swap', () => {
    const out = decodeLogs([
      makeLog(UNISWAP_V2_PAIR_EVENTS_ABI, 'Swap', { sender: A, amount0In: 1n, amount1In: 0n, amount0Out: 0n, amount1Out: 9n, to: B }),
      makeLog(UNISWAP_V2_PAIR_EVENTS_ABI, 'Mint', { sender: A, amount0: 100n, amount1: 200n }),
      makeLog(UNISWAP_V2_PAIR_EVENTS_ABI, 'Burn', { sender: A, amount0: 100n, amount1: 200n, to: B }),
      makeLog(UNISWAP_V2_PAIR_EVENTS_ABI, 'Sync', { reserve0: 10n, reserve1: 20n }),
      makeLog(UNISWAP_V3_POOL_EVENTS_ABI, 'Swap', { sender: A, recipient: B, amount0: -5n, amount1: 7n, sqrtPriceX96: 2n ** 96n, liquidity: 1000n, tick: -42 }),
    ]);
    expect(out.map((e) => `${e.standard}.${e.event}`)).toEqual(['uniswap-v2.Swap', 'uniswap-v2.Mint', 'uniswap-v2.Burn', 'uniswap-v2.Sync', 'uniswap-v3.Swap']);
    expect(out[0]?.args.amount1Out).toBe(9n);
    expect(out[3]?.args).toEqual({ reserve0: 10n, reserve1: 20n });
    expect(out[4]?.args).toMatchObject({ amount0: -5n, amount1: 7n, tick: -42 });
  });

  it('skips unknown events and malformed logs instead of guessing', () => {
    const good = makeLog(ERC20_EVENTS_ABI, 'Transfer', { from: A, to: B, value: 1n });
    const unknown = { ...good, topics: [('0x' + '00'.repeat(32)) as Hex] as [Hex] };
    const truncated = { ...good, data: '0x1234' as Hex, logIndex: 99 };
    const twoTopics = { ...good, topics: good.topics.slice(0, 2) as [Hex, Hex], logIndex: 100 };
    const out = decodeLogs([unknown, truncated, twoTopics, good]);
    expect(out).toHaveLength(1);
    expect(out[0]?.logIndex).toBe(good.logIndex);
  });
});

describe('decodePermitCall', () => {
  const tx = { from: A, to: TOKEN, hash: TX, blockNumber: 7n, transactionIndex: 3 };
  const r = ('0x' + '11'.repeat(32)) as Hex;
  it('decodes an EIP-2612 permit call', () => {
    const input = encodeFunctionData({ abi: [PERMIT_CALLS_ABI[0]], functionName: 'permit', args: [A, B, 1000n, 2000000000n, 27, r, r] });
    const e = decodePermitCall({ ...tx, input }, true);
    expect(e).toMatchObject({ standard: 'eip2612', event: 'Permit', address: TOKEN, logIndex: null, transactionIndex: 3 });
    expect(e?.args).toEqual({ via: 'permit', owner: A, spender: B, value: 1000n, deadline: 2000000000n, succeeded: true });
  });

  it("decodes DAI's permit and the router's remove-liquidity-with-permit", () => {
    const dai = encodeFunctionData({ abi: [PERMIT_CALLS_ABI[1]], functionName: 'permit', args: [A, B, 0n, 0n, true, 28, r, r] });
    expect(decodePermitCall({ ...tx, input: dai })?.args).toMatchObject({ via: 'permit-dai', owner: A, spender: B, value: 2n ** 256n - 1n });
    const router = encodeFunctionData({ abi: PERMIT_CALLS_ABI, functionName: 'removeLiquidityWithPermit', args: [A, B, 55n, 0n, 0n, A, 9n, false, 27, r, r] });
    expect(decodePermitCall({ ...tx, to: C, input: router })?.args).toMatchObject({ via: 'removeLiquidityWithPermit', owner: A, spender: C, value: 55n, tokens: [A, B] });
  });

  it('ignores other calls and garbage with a permit selector', () => {
    expect(decodePermitCall({ ...tx, input: '0xa9059cbb' })).toBeNull();
    expect(decodePermitCall({ ...tx, input: '0xd505accf1234' })).toBeNull();
    expect(decodePermitCall({ ...tx, to: null, input: '0xd505accf' })).toBeNull();
  });

  it('keeps transaction order in decodeBlock, a permit call before the logs of its transaction', () => {
    const input = encodeFunctionData({ abi: [PERMIT_CALLS_ABI[0]], functionName: 'permit', args: [A, B, 1n, 1n, 27, r, r] });
    const approval = makeLog(ERC20_EVENTS_ABI, 'Approval', { owner: A, spender: B, value: 1n });
    const earlier = { ...makeLog(ERC20_EVENTS_ABI, 'Transfer', { from: A, to: B, value: 1n }), transactionIndex: 0 };
    const out = decodeBlock(
      [{ ...tx, transactionIndex: 0, input: '0x' } as never, { ...tx, transactionIndex: 1, input } as never],
      [
        { status: 'success', logs: [earlier] },
        { status: 'success', logs: [{ ...approval, transactionIndex: 1 }] },
      ],
    );
    expect(out.map((e) => `${e.transactionIndex}.${e.event}`)).toEqual(['0.Transfer', '1.Permit', '1.Approval']);
  });
});

describe('Permit2', () => {
  const sig = ('0x' + '22'.repeat(65)) as Hex;
  const tx = { from: C, to: PERMIT2_ADDRESS as Address, hash: TX, blockNumber: 7n, transactionIndex: 2 };

  it('uses the published event signatures (topic = keccak256 of the signature)', () => {
    const signatures = [
      'Permit(address,address,address,uint160,uint48,uint48)',
      'Approval(address,address,address,uint160,uint48)',
      'Lockdown(address,address,address)',
      'NonceInvalidation(address,address,address,uint48,uint48)',
      'UnorderedNonceInvalidation(address,uint256,uint256)',
    ];
    expect(PERMIT2_EVENTS_ABI.map((e) => toEventSelector(e))).toEqual(signatures.map((s) => keccak256(toBytes(s))));
    // Topics as Permit2 emits them on mainnet.
    expect(toEventSelector(PERMIT2_EVENTS_ABI[0])).toBe('0xc6a377bfc4eb120024a8ac08eef205be16b817020812c73223e81d1bdb9708ec');
    expect(toEventSelector(PERMIT2_EVENTS_ABI[1])).toBe('0xda9fa7c1b00402c17d0161b249b1ab8bbec047c5a52207b9c112deffd817036b');
    // Not ERC-20's Approval.
    expect(toEventSelector(PERMIT2_EVENTS_ABI[1])).not.toBe(toEventSelector(ERC20_EVENTS_ABI[1]));
    // Function selectors of permit(single/batch) and permitTransferFrom(single/batch).
    expect(PERMIT2_CALLS_ABI.filter((f) => f.type === 'function').map((f) => toFunctionSelector(f))).toEqual(['0x2b67b570', '0x2a2d80d1', '0x30f28b7a', '0xedd9444b']);
  });

  it('decodes Permit, Approval, Lockdown, NonceInvalidation and UnorderedNonceInvalidation logs', () => {
    const abi = PERMIT2_EVENTS_ABI as Abi;
    const logs = [
      makeLog(abi, 'Permit', { owner: A, token: TOKEN, spender: B, amount: 2n ** 160n - 1n, expiration: 1_900_000_000, nonce: 3 }, PERMIT2_ADDRESS),
      makeLog(abi, 'Approval', { owner: A, token: TOKEN, spender: B, amount: 500n, expiration: 0 }, PERMIT2_ADDRESS),
      makeLog(abi, 'Lockdown', { owner: A, token: TOKEN, spender: B }, PERMIT2_ADDRESS),
      makeLog(abi, 'NonceInvalidation', { owner: A, token: TOKEN, spender: B, newNonce: 9, oldNonce: 4 }, PERMIT2_ADDRESS),
      makeLog(abi, 'UnorderedNonceInvalidation', { owner: A, word: 1n, mask: 255n }, PERMIT2_ADDRESS),
      makeLog(ERC20_EVENTS_ABI, 'Approval', { owner: A, spender: PERMIT2_ADDRESS, value: 1n }),
    ];
    const out = decodeLogs(logs);
    expect(out.map((e) => `${e.standard}.${e.event}`)).toEqual([
      'permit2.Permit',
      'permit2.Approval',
      'permit2.Lockdown',
      'permit2.NonceInvalidation',
      'permit2.UnorderedNonceInvalidation',
      'erc20.Approval',
    ]);
    expect(out[0]).toMatchObject({ address: PERMIT2_ADDRESS, blockNumber: 7n, transactionHash: TX, logIndex: logs[0]?.logIndex });
    expect(out[0]?.args).toEqual({ owner: A, token: TOKEN, spender: B, amount: 2n ** 160n - 1n, expiration: 1_900_000_000, nonce: 3 });
    expect(out[1]?.args).toEqual({ owner: A, token: TOKEN, spender: B, amount: 500n, expiration: 0 });
    expect(out[2]?.args).toEqual({ owner: A, token: TOKEN, spender: B });
    expect(out[3]?.args).toEqual({ owner: A, token: TOKEN, spender: B, newNonce: 9, oldNonce: 4 });
    expect(out[4]?.args).toEqual({ owner: A, word: 1n, mask: 255n });
  });

  it('skips a Permit2 log with the wrong number of topics', () => {
    const good = makeLog(PERMIT2_EVENTS_ABI as Abi, 'Approval', { owner: A, token: TOKEN, spender: B, amount: 1n, expiration: 1 }, PERMIT2_ADDRESS);
    expect(decodeLogs([{ ...good, topics: good.topics.slice(0, 3) as [Hex, Hex, Hex] }])).toEqual([]);
  });

  it('decodes permit calls (single and batch) like EIP-2612 permits', () => {
    const single = encodeFunctionData({
      abi: PERMIT2_CALLS_ABI,
      functionName: 'permit',
      args: [A, { details: { token: TOKEN, amount: 100n, expiration: 1_800_000_000, nonce: 1 }, spender: B, sigDeadline: 1_700_000_000n }, sig],
    });
    const e = decodePermitCall({ ...tx, input: single }, true);
    expect(e).toMatchObject({ standard: 'permit2', event: 'Permit', address: PERMIT2_ADDRESS, logIndex: null, transactionIndex: 2 });
    expect(e?.args).toEqual({ via: 'permit', owner: A, spender: B, token: TOKEN, value: 100n, expiration: 1_800_000_000, nonce: 1, deadline: 1_700_000_000n, succeeded: true });

    const batch = encodeFunctionData({
      abi: PERMIT2_CALLS_ABI,
      functionName: 'permit',
      args: [
        A,
        {
          details: [
            { token: TOKEN, amount: 1n, expiration: 5, nonce: 0 },
            { token: C, amount: 2n, expiration: 6, nonce: 7 },
          ],
          spender: B,
          sigDeadline: 9n,
        },
        sig,
      ],
    });
    expect(decodePermitCall({ ...tx, input: batch })?.args).toEqual({
      via: 'permit-batch',
      owner: A,
      spender: B,
      deadline: 9n,
      tokens: [TOKEN, C],
      permits: [
        { token: TOKEN, value: 1n, expiration: 5, nonce: 0 },
        { token: C, value: 2n, expiration: 6, nonce: 7 },
      ],
    });
  });

  it('decodes permitTransferFrom calls (single and batch); the caller is the spender', () => {
    const single = encodeFunctionData({
      abi: PERMIT2_CALLS_ABI,
      functionName: 'permitTransferFrom',
      args: [{ permitted: { token: TOKEN, amount: 50n }, nonce: 77n, deadline: 88n }, { to: B, requestedAmount: 40n }, A, sig],
    });
    expect(decodePermitCall({ ...tx, input: single }, false)?.args).toEqual({
      via: 'permitTransferFrom',
      owner: A,
      spender: C,
      token: TOKEN,
      value: 50n,
      to: B,
      requestedAmount: 40n,
      nonce: 77n,
      deadline: 88n,
      succeeded: false,
    });
    const batch = encodeFunctionData({
      abi: PERMIT2_CALLS_ABI,
      functionName: 'permitTransferFrom',
      args: [
        {
          permitted: [
            { token: TOKEN, amount: 1n },
            { token: C, amount: 2n },
          ],
          nonce: 1n,
          deadline: 2n,
        },
        [
          { to: B, requestedAmount: 1n },
          { to: A, requestedAmount: 0n },
        ],
        A,
        sig,
      ],
    });
    const e = decodePermitCall({ ...tx, input: batch });
    expect(e).toMatchObject({ standard: 'permit2', event: 'Permit' });
    expect(e?.args).toMatchObject({ via: 'permitTransferFrom-batch', owner: A, spender: C, nonce: 1n, deadline: 2n, tokens: [TOKEN, C] });
    expect(e?.args.permits).toEqual([
      { token: TOKEN, value: 1n, to: B, requestedAmount: 1n },
      { token: C, value: 2n, to: A, requestedAmount: 0n },
    ]);
  });

  it('ignores truncated Permit2 calldata and keeps the call before its logs in decodeBlock', () => {
    expect(decodePermitCall({ ...tx, input: '0x2b67b5701234' })).toBeNull();
    const input = encodeFunctionData({
      abi: PERMIT2_CALLS_ABI,
      functionName: 'permit',
      args: [A, { details: { token: TOKEN, amount: 1n, expiration: 1, nonce: 0 }, spender: B, sigDeadline: 1n }, sig],
    });
    const log = { ...makeLog(PERMIT2_EVENTS_ABI as Abi, 'Permit', { owner: A, token: TOKEN, spender: B, amount: 1n, expiration: 1, nonce: 0 }, PERMIT2_ADDRESS), transactionIndex: 0 };
    const out = decodeBlock([{ ...tx, transactionIndex: 0, input } as never], [{ status: 'success', logs: [log] }]);
    expect(out.map((e) => `${e.standard}.${e.event}.${e.logIndex === null ? 'call' : 'log'}`)).toEqual(['permit2.Permit.call', 'permit2.Permit.log']);
  });
});
