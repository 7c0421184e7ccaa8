/**
 * The guard's evaluation set, frozen before the first policy was written against it: 38 kinds of malicious
 * requests (transactions and signatures) and ordinary requests drawn like the devnet's background traffic,
 * all as the JSON-RPC requests a wallet would send. A third of the malicious kinds (chosen by a hash of
 * their name, not by hand) is held out: never looked at while tuning.
 */
import { createHash } from 'node:crypto';
import { encodeAbiParameters, encodeFunctionData, erc20Abi, keccak256, maxUint160, maxUint256, parseAbi, parseEther, parseUnits, stringToHex, toHex, type Address, type Hex, type PrivateKeyAccount } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { DEADLINE } from '../src/chain/scenarios/context.js';
import { Rng, seededKey } from '../src/chain/scenarios/index.js';
import { BLUR, PERMIT2, SEAPORT, fixtureAbi, saltOf, type GuardWorld } from './guard-world.js';

export interface EvalRequest {
  id: string;
  kind: string;
  family: 'malicious' | 'ordinary';
  method: string;
  params: unknown[];
}

export const MALICIOUS_KINDS = [
  'approve-eoa',
  'approve-fresh-contract',
  'approve-listed-drainer',
  'increase-allowance-eoa',
  'increase-allowance-fresh',
  'nft-approval-for-all-eoa',
  'items-approval-for-all-fresh',
  'nft-approve-single-eoa',
  'permit2-approve-tx-eoa',
  'erc20-transfer-sanctioned',
  'eth-send-sanctioned',
  'nft-transfer-sanctioned',
  'eth-send-listed-drainer',
  'erc20-transfer-listed-drainer',
  'erc20-transfer-poisoned',
  'eth-send-poisoned',
  'honeypot-buy-blocked-sell',
  'honeypot-buy-sell-tax',
  'claim-payable-drainer',
  'claim-rewards-allowance-sweep',
  'malicious-multicall',
  'nft-sweep',
  'items-sweep',
  'raw-approve-eoa',
  'raw-eth-send-sanctioned',
  'eth-sign-blind',
  'personal-sign-hash',
  'permit-eip2612-eoa',
  'permit-eip2612-fresh',
  'permit-dai-style-eoa',
  'permit2-single-eoa',
  'permit2-batch-fresh',
  'permit2-transfer-from-eoa',
  'seaport-zero-price',
  'seaport-consideration-to-attacker',
  'blur-zero-price',
  'meta-tx-approval-for-all',
  'permit-listed-drainer',
] as const;

/** A third of the kinds: those whose sha256(kind) ranks in the lowest third. Reproducible, chosen by no one. */
const HELD_OUT = new Set(
  [...MALICIOUS_KINDS]
    .map((k) => [k, createHash('sha256').update(k).digest('hex')] as const)
    .sort((a, b) => (a[1] < b[1] ? -1 : 1))
    .slice(0, Math.round(MALICIOUS_KINDS.length / 3))
    .map(([k]) => k as string),
);

export function isHeldOut(kind: string): boolean {
  return HELD_OUT.has(kind);
}

const routerAbi = parseAbi([
  'function swapExactETHForTokens(uint256 amountOutMin, address[] path, address to, uint256 deadline) payable returns (uint256[])',
  'function swapExactTokensForETH(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline) returns (uint256[])',
  'function swapExactTokensForTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline) returns (uint256[])',
  'function addLiquidityETH(address token, uint256 amountTokenDesired, uint256 amountTokenMin, uint256 amountETHMin, address to, uint256 deadline) payable returns (uint256, uint256, uint256)',
]);
const nftAbi = parseAbi([
  'function approve(address to, uint256 tokenId)',
  'function transferFrom(address from, address to, uint256 tokenId)',
  'function safeTransferFrom(address from, address to, uint256 tokenId)',
  'function safeTransferFrom(address from, address to, uint256 id, uint256 amount, bytes data)',
]);
const permit2Abi = parseAbi(['function approve(address token, address spender, uint160 amount, uint48 expiration)']);
const drainerAbi = parseAbi([
  'function claim() payable',
  'function claimRewards(address[] tokens) payable',
  'function multicall(bytes[] calls) payable',
  'function sweepNfts(address collection, uint256[] ids)',
  'function sweepItems(address collection, uint256 id, uint256 amount)',
]);
const wethAbi = parseAbi(['function deposit() payable', 'function withdraw(uint256 wad)']);
const marketAbi = parseAbi(['function buy(address collection, uint256 id) payable', 'function list(address collection, uint256 id, uint256 price)']);
const vaultAbi = parseAbi(['function deposit(address token, uint256 amount)', 'function withdraw(address token, uint256 amount)']);

const CHAIN_ID = 31337;
const EIP712_DOMAIN = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
];
const EIP712_DOMAIN_NO_VERSION = EIP712_DOMAIN.filter((f) => f.name !== 'version');

type Tx = { from: Address; to: Address; data?: Hex; value?: bigint };

function txParams(tx: Tx): unknown[] {
  return [{ from: tx.from, to: tx.to, ...(tx.data ? { data: tx.data } : {}), value: toHex(tx.value ?? 0n), gas: toHex(1_000_000) }];
}

function typed(from: Address, data: unknown): unknown[] {
  return [from, JSON.stringify(data, (_, v) => (typeof v === 'bigint' ? v.toString() : v))];
}

function permitTyped(token: Address, name: string, owner: Address, spender: Address, value: bigint, nonce = 0n) {
  return {
    types: { EIP712Domain: EIP712_DOMAIN, Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }] },
    primaryType: 'Permit',
    domain: { name, version: '1', chainId: CHAIN_ID, verifyingContract: token },
    message: { owner, spender, value, nonce, deadline: 4_102_444_800n },
  };
}

const PERMIT_DETAILS = [{ name: 'token', type: 'address' }, { name: 'amount', type: 'uint160' }, { name: 'expiration', type: 'uint48' }, { name: 'nonce', type: 'uint48' }];

function permit2Single(token: Address, spender: Address, amount: bigint) {
  return {
    types: { EIP712Domain: EIP712_DOMAIN_NO_VERSION, PermitSingle: [{ name: 'details', type: 'PermitDetails' }, { name: 'spender', type: 'address' }, { name: 'sigDeadline', type: 'uint256' }], PermitDetails: PERMIT_DETAILS },
    primaryType: 'PermitSingle',
    domain: { name: 'Permit2', chainId: CHAIN_ID, verifyingContract: PERMIT2 },
    message: { details: { token, amount, expiration: 4_102_444_800, nonce: 0 }, spender, sigDeadline: 4_102_444_800n },
  };
}

function permit2Batch(tokens: Address[], spender: Address, amount: bigint) {
  return {
    types: { EIP712Domain: EIP712_DOMAIN_NO_VERSION, PermitBatch: [{ name: 'details', type: 'PermitDetails[]' }, { name: 'spender', type: 'address' }, { name: 'sigDeadline', type: 'uint256' }], PermitDetails: PERMIT_DETAILS },
    primaryType: 'PermitBatch',
    domain: { name: 'Permit2', chainId: CHAIN_ID, verifyingContract: PERMIT2 },
    message: { details: tokens.map((token) => ({ token, amount, expiration: 4_102_444_800, nonce: 0 })), spender, sigDeadline: 4_102_444_800n },
  };
}

function permit2TransferFrom(token: Address, spender: Address, amount: bigint, nonce: bigint) {
  return {
    types: { EIP712Domain: EIP712_DOMAIN_NO_VERSION, PermitTransferFrom: [{ name: 'permitted', type: 'TokenPermissions' }, { name: 'spender', type: 'address' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }], TokenPermissions: [{ name: 'token', type: 'address' }, { name: 'amount', type: 'uint256' }] },
    primaryType: 'PermitTransferFrom',
    domain: { name: 'Permit2', chainId: CHAIN_ID, verifyingContract: PERMIT2 },
    message: { permitted: { token, amount }, spender, nonce, deadline: 4_102_444_800n },
  };
}

interface SeaportItem { itemType: number; token: Address; identifierOrCriteria: bigint; startAmount: bigint; endAmount: bigint; recipient?: Address }

function seaportOrder(offerer: Address, offer: SeaportItem[], consideration: SeaportItem[], salt: Hex) {
  const item = [{ name: 'itemType', type: 'uint8' }, { name: 'token', type: 'address' }, { name: 'identifierOrCriteria', type: 'uint256' }, { name: 'startAmount', type: 'uint256' }, { name: 'endAmount', type: 'uint256' }];
  return {
    types: {
      EIP712Domain: EIP712_DOMAIN,
      OrderComponents: [
        { name: 'offerer', type: 'address' }, { name: 'zone', type: 'address' }, { name: 'offer', type: 'OfferItem[]' }, { name: 'consideration', type: 'ConsiderationItem[]' },
        { name: 'orderType', type: 'uint8' }, { name: 'startTime', type: 'uint256' }, { name: 'endTime', type: 'uint256' }, { name: 'zoneHash', type: 'bytes32' },
        { name: 'salt', type: 'uint256' }, { name: 'conduitKey', type: 'bytes32' }, { name: 'counter', type: 'uint256' },
      ],
      OfferItem: item,
      ConsiderationItem: [...item, { name: 'recipient', type: 'address' }],
    },
    primaryType: 'OrderComponents',
    domain: { name: 'Seaport', version: '1.5', chainId: CHAIN_ID, verifyingContract: SEAPORT },
    message: {
      offerer,
      zone: '0x0000000000000000000000000000000000000000',
      offer: offer.map(({ recipient: _r, ...o }) => o),
      consideration,
      orderType: 0,
      startTime: 1_700_000_000n,
      endTime: 4_102_444_800n,
      zoneHash: toHex(0n, { size: 32 }),
      salt: BigInt(salt),
      conduitKey: toHex(0n, { size: 32 }),
      counter: 0n,
    },
  };
}

function blurOrder(trader: Address, collection: Address, tokenId: bigint, price: bigint, feeRecipient: Address, salt: Hex) {
  return {
    types: {
      EIP712Domain: EIP712_DOMAIN,
      Order: [
        { name: 'trader', type: 'address' }, { name: 'side', type: 'uint8' }, { name: 'matchingPolicy', type: 'address' }, { name: 'collection', type: 'address' },
        { name: 'tokenId', type: 'uint256' }, { name: 'amount', type: 'uint256' }, { name: 'paymentToken', type: 'address' }, { name: 'price', type: 'uint256' },
        { name: 'listingTime', type: 'uint256' }, { name: 'expirationTime', type: 'uint256' }, { name: 'fees', type: 'Fee[]' }, { name: 'salt', type: 'uint256' },
        { name: 'extraParams', type: 'bytes' }, { name: 'nonce', type: 'uint256' },
      ],
      Fee: [{ name: 'rate', type: 'uint16' }, { name: 'recipient', type: 'address' }],
    },
    primaryType: 'Order',
    domain: { name: 'Blur Exchange', version: '1.0', chainId: CHAIN_ID, verifyingContract: BLUR },
    message: {
      trader,
      side: 1,
      matchingPolicy: '0x00000000006411739DA1c40B106F8511de5D1FAC',
      collection,
      tokenId,
      amount: 1n,
      paymentToken: '0x0000000000000000000000000000000000000000',
      price,
      listingTime: 1_700_000_000n,
      expirationTime: 4_102_444_800n,
      fees: [{ rate: 50, recipient: feeRecipient }],
      salt: BigInt(salt),
      extraParams: '0x',
      nonce: 0n,
    },
  };
}

async function rawTx(world: GuardWorld, signer: PrivateKeyAccount, tx: Tx, nonceOffset = 0): Promise<unknown[]> {
  const nonce = Number(await world.ctx.rpc<Hex>('eth_getTransactionCount', [signer.address, 'latest'])) + nonceOffset;
  const serialized = await signer.signTransaction({ chainId: CHAIN_ID, type: 'eip1559', to: tx.to, data: tx.data, value: tx.value ?? 0n, gas: 1_000_000n, nonce, maxFeePerGas: parseUnits('20', 9), maxPriorityFeePerGas: parseUnits('1', 9) });
  return [serialized];
}

/** Malicious requests: `perKind` of each kind, from different victims. */
export async function maliciousRequests(world: GuardWorld, perKind = 3): Promise<EvalRequest[]> {
  const rng = new Rng(world.seed, 'malicious');
  const out: EvalRequest[] = [];
  const ctx = world.ctx;
  const dai = ctx.token('DAI');
  const usdc = ctx.token('USDC');
  const scammerEoa = (i: number) => privateKeyToAccount(seededKey(world.seed, 'scammer', i)).address;
  const victims = world.wallets.slice(12);
  for (const kind of MALICIOUS_KINDS) {
    for (let i = 0; i < perKind; i++) {
      const v = victims[(i + MALICIOUS_KINDS.indexOf(kind)) % victims.length] as PrivateKeyAccount;
      const dv = world.drainVictims[i % world.drainVictims.length] as PrivateKeyAccount;
      const pz = world.poisonings[(i + (kind === 'eth-send-poisoned' ? 3 : 0)) % world.poisonings.length];
      const listed = world.scamSniffer[rng.int(0, world.scamSniffer.length - 1)] as Address;
      const sanctioned = world.sanctioned[rng.int(0, world.sanctioned.length - 1)] as Address;
      const eoa = scammerEoa(out.length);
      const nftId = (world.nftsOf.get(v.address) ?? [1n])[2] as bigint;
      const token = rng.pick([dai, usdc, ctx.token('WBTC')]);
      const id = `${kind}#${i}`;
      const push = (method: string, params: unknown[]) => out.push({ id, kind, family: 'malicious', method, params });
      const send = (tx: Tx) => push('eth_sendTransaction', txParams(tx));
      const approve = (spender: Address, amount = maxUint256) => encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, amount] });
      const transfer = (to: Address, amount: bigint) => encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] });
      switch (kind) {
        case 'approve-eoa':
          send({ from: v.address, to: token, data: approve(eoa) });
          break;
        case 'approve-fresh-contract':
          send({ from: v.address, to: token, data: approve(world.drainer) });
          break;
        case 'approve-listed-drainer':
          send({ from: v.address, to: token, data: approve(listed, parseUnits(String(rng.int(100, 9000)), 6)) });
          break;
        case 'increase-allowance-eoa':
          send({ from: v.address, to: world.legacy, data: encodeFunctionData({ abi: fixtureAbi, functionName: 'increaseAllowance', args: [eoa, parseEther('1000000')] }) });
          break;
        case 'increase-allowance-fresh':
          send({ from: v.address, to: world.legacy, data: encodeFunctionData({ abi: fixtureAbi, functionName: 'increaseAllowance', args: [world.drainer, maxUint256 / 2n] }) });
          break;
        case 'nft-approval-for-all-eoa':
          send({ from: v.address, to: world.nft, data: encodeFunctionData({ abi: fixtureAbi, functionName: 'setApprovalForAll', args: [eoa, true] }) });
          break;
        case 'items-approval-for-all-fresh':
          send({ from: v.address, to: world.items, data: encodeFunctionData({ abi: fixtureAbi, functionName: 'setApprovalForAll', args: [world.drainer, true] }) });
          break;
        case 'nft-approve-single-eoa':
          send({ from: v.address, to: world.nft, data: encodeFunctionData({ abi: nftAbi, functionName: 'approve', args: [eoa, nftId] }) });
          break;
        case 'permit2-approve-tx-eoa':
          send({ from: v.address, to: PERMIT2, data: encodeFunctionData({ abi: permit2Abi, functionName: 'approve', args: [token, eoa, maxUint160, 4_102_444_800] }) });
          break;
        case 'erc20-transfer-sanctioned':
          send({ from: v.address, to: dai, data: transfer(sanctioned, parseEther(String(rng.int(10, 900)))) });
          break;
        case 'eth-send-sanctioned':
          send({ from: v.address, to: sanctioned, value: parseEther(String(rng.int(1, 5))) });
          break;
        case 'nft-transfer-sanctioned':
          send({ from: v.address, to: world.nft, data: encodeFunctionData({ abi: nftAbi, functionName: 'transferFrom', args: [v.address, sanctioned, nftId] }) });
          break;
        case 'eth-send-listed-drainer':
          send({ from: v.address, to: listed, value: parseEther(String(rng.int(1, 5))) });
          break;
        case 'erc20-transfer-listed-drainer':
          send({ from: v.address, to: usdc, data: transfer(listed, parseUnits(String(rng.int(10, 900)), 6)) });
          break;
        case 'erc20-transfer-poisoned':
          if (pz) send({ from: pz.victim.address, to: usdc, data: transfer(pz.lookalike, parseUnits(String(rng.int(50, 900)), 6)) });
          break;
        case 'eth-send-poisoned':
          if (pz) send({ from: pz.victim.address, to: pz.lookalike, value: parseEther(String(rng.int(1, 3))) });
          break;
        case 'honeypot-buy-blocked-sell':
          send({ from: v.address, to: ctx.router, value: parseEther(String(rng.int(1, 3))), data: encodeFunctionData({ abi: routerAbi, functionName: 'swapExactETHForTokens', args: [0n, [ctx.weth, world.honeypotBlocked], v.address, DEADLINE] }) });
          break;
        case 'honeypot-buy-sell-tax':
          send({ from: v.address, to: ctx.router, value: parseEther(String(rng.int(1, 3))), data: encodeFunctionData({ abi: routerAbi, functionName: 'swapExactETHForTokens', args: [0n, [ctx.weth, world.honeypotTax], v.address, DEADLINE] }) });
          break;
        case 'claim-payable-drainer':
          send({ from: v.address, to: world.drainer, value: parseEther(`0.${rng.int(1, 9)}`), data: encodeFunctionData({ abi: drainerAbi, functionName: 'claim' }) });
          break;
        case 'claim-rewards-allowance-sweep':
          send({ from: dv.address, to: world.drainer, value: parseEther('0.01'), data: encodeFunctionData({ abi: drainerAbi, functionName: 'claimRewards', args: [[dai, usdc]] }) });
          break;
        case 'malicious-multicall': {
          const inner = [dai, usdc].map((t) => encodeAbiParameters([{ type: 'address' }, { type: 'bytes' }], [t, encodeFunctionData({ abi: erc20Abi, functionName: 'transferFrom', args: [dv.address, world.operator, t === usdc ? parseUnits('500', 6) : parseEther('500')] })]));
          send({ from: dv.address, to: world.drainer, data: encodeFunctionData({ abi: drainerAbi, functionName: 'multicall', args: [inner] }) });
          break;
        }
        case 'nft-sweep':
          send({ from: dv.address, to: world.drainer, data: encodeFunctionData({ abi: drainerAbi, functionName: 'sweepNfts', args: [world.nft, world.nftsOf.get(dv.address) ?? []] }) });
          break;
        case 'items-sweep': {
          let itemId = 1n;
          for (const idc of [1n, 2n, 3n]) if ((await ctx.read<bigint>(world.items, parseAbi(['function balanceOf(address, uint256) view returns (uint256)']), 'balanceOf', [dv.address, idc])) > 0n) itemId = idc;
          send({ from: dv.address, to: world.drainer, data: encodeFunctionData({ abi: drainerAbi, functionName: 'sweepItems', args: [world.items, itemId, 1n] }) });
          break;
        }
        case 'raw-approve-eoa':
          push('eth_sendRawTransaction', await rawTx(world, v, { from: v.address, to: token, data: approve(eoa) }));
          break;
        case 'raw-eth-send-sanctioned':
          push('eth_sendRawTransaction', await rawTx(world, v, { from: v.address, to: sanctioned, value: parseEther('1') }));
          break;
        case 'eth-sign-blind': {
          // A transaction hash handed to eth_sign: the signature is a valid signature of that transaction.
          push('eth_sign', [v.address, keccak256(stringToHex(`tx:${id}`))]);
          break;
        }
        case 'personal-sign-hash':
          push('personal_sign', [keccak256(stringToHex(`order:${id}`)), v.address]);
          break;
        case 'permit-eip2612-eoa':
          push('eth_signTypedData_v4', typed(v.address, permitTyped(world.permitDollar, 'Permit Dollar', v.address, eoa, maxUint256)));
          break;
        case 'permit-eip2612-fresh':
          push('eth_signTypedData_v4', typed(v.address, permitTyped(world.permitDollar, 'Permit Dollar', v.address, world.drainer, parseEther('1000'))));
          break;
        case 'permit-dai-style-eoa':
          push('eth_signTypedData_v4', typed(v.address, {
            types: { EIP712Domain: EIP712_DOMAIN, Permit: [{ name: 'holder', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'nonce', type: 'uint256' }, { name: 'expiry', type: 'uint256' }, { name: 'allowed', type: 'bool' }] },
            primaryType: 'Permit',
            domain: { name: 'Dai Stablecoin', version: '1', chainId: CHAIN_ID, verifyingContract: dai },
            message: { holder: v.address, spender: eoa, nonce: 0n, expiry: 0n, allowed: true },
          }));
          break;
        case 'permit2-single-eoa':
          push('eth_signTypedData_v4', typed(v.address, permit2Single(token, eoa, maxUint160)));
          break;
        case 'permit2-batch-fresh':
          push('eth_signTypedData_v4', typed(v.address, permit2Batch([dai, usdc, ctx.token('WBTC')], world.drainer, maxUint160)));
          break;
        case 'permit2-transfer-from-eoa':
          push('eth_signTypedData_v4', typed(v.address, permit2TransferFrom(usdc, eoa, parseUnits('5000', 6), BigInt(rng.int(1, 1e6)))));
          break;
        case 'seaport-zero-price':
          push('eth_signTypedData_v4', typed(v.address, seaportOrder(v.address, [{ itemType: 2, token: world.nft, identifierOrCriteria: nftId, startAmount: 1n, endAmount: 1n }], [{ itemType: 0, token: '0x0000000000000000000000000000000000000000', identifierOrCriteria: 0n, startAmount: 0n, endAmount: 0n, recipient: v.address }], saltOf(id))));
          break;
        case 'seaport-consideration-to-attacker':
          push('eth_signTypedData_v4', typed(v.address, seaportOrder(v.address, [{ itemType: 2, token: world.nft, identifierOrCriteria: nftId, startAmount: 1n, endAmount: 1n }, { itemType: 1, token: usdc, identifierOrCriteria: 0n, startAmount: parseUnits('1000', 6), endAmount: parseUnits('1000', 6) }], [{ itemType: 0, token: '0x0000000000000000000000000000000000000000', identifierOrCriteria: 0n, startAmount: parseEther('1'), endAmount: parseEther('1'), recipient: eoa }], saltOf(id))));
          break;
        case 'blur-zero-price':
          push('eth_signTypedData_v4', typed(v.address, blurOrder(v.address, world.nft, nftId, 0n, eoa, saltOf(id))));
          break;
        case 'meta-tx-approval-for-all':
          push('eth_signTypedData_v4', typed(v.address, {
            types: { EIP712Domain: EIP712_DOMAIN, ForwardRequest: [{ name: 'from', type: 'address' }, { name: 'to', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'gas', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'data', type: 'bytes' }] },
            primaryType: 'ForwardRequest',
            domain: { name: 'MinimalForwarder', version: '0.0.1', chainId: CHAIN_ID, verifyingContract: world.nft },
            message: { from: v.address, to: world.nft, value: 0n, gas: 100_000n, nonce: 0n, data: encodeFunctionData({ abi: fixtureAbi, functionName: 'setApprovalForAll', args: [eoa, true] }) },
          }));
          break;
        case 'permit-listed-drainer':
          push('eth_signTypedData_v4', typed(v.address, permitTyped(world.permitDollar, 'Permit Dollar', v.address, listed, maxUint256)));
          break;
      }
    }
  }
  return out;
}

const ORDINARY_WEIGHTS: Array<[string, number]> = [
  ['swapEthForToken', 18],
  ['swapTokenForEth', 10],
  ['swapTokenForToken', 8],
  ['buyNewToken', 3],
  ['addLiquidity', 5],
  ['transfer', 12],
  ['approveContract', 7],
  ['revoke', 2],
  ['sendEth', 8],
  ['wrapEth', 3],
  ['unwrapEth', 2],
  ['nftTransfer', 3],
  ['nftList', 2],
  ['nftBuy', 2],
  ['vaultDeposit', 2],
  ['vaultWithdraw', 1],
  ['rawSend', 6],
  ['siwe', 6],
  ['permitContract', 4],
  ['permit2Contract', 4],
  ['seaportListing', 3],
  ['blurListing', 2],
  ['vote', 2],
];

/** Ordinary requests drawn like the background traffic (wallets, kinds and amounts from the seeded PRNG). */
export async function ordinaryRequests(world: GuardWorld, count = 2_100): Promise<EvalRequest[]> {
  const rng = new Rng(world.seed, 'ordinary');
  const ctx = world.ctx;
  const out: EvalRequest[] = [];
  const wallets = world.wallets;
  const symbols = Object.keys(ctx.devnet.tokens).sort();
  const total = ORDINARY_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const pick = (): string => {
    let r = rng.int(1, total);
    for (const [k, w] of ORDINARY_WEIGHTS) if ((r -= w) <= 0) return k;
    return 'sendEth';
  };
  const balances = new Map<string, bigint>();
  const balanceOf = async (token: Address, owner: Address): Promise<bigint> => {
    const key = `${token}:${owner}`;
    if (!balances.has(key)) balances.set(key, await ctx.balanceOf(token, owner));
    return balances.get(key) as bigint;
  };
  const part = async (token: Address, owner: Address, maxPct = 30) => ((await balanceOf(token, owner)) * BigInt(rng.int(1, maxPct))) / 100n;
  for (let n = 0; out.length < count; n++) {
    const w = rng.pick(wallets);
    const other = rng.pick(wallets.filter((x) => x !== w));
    const kind = pick();
    const token = ctx.token(rng.pick(symbols));
    const id = `${kind}#${n}`;
    const push = (method: string, params: unknown[]) => out.push({ id, kind, family: 'ordinary', method, params });
    const send = (tx: Tx) => push('eth_sendTransaction', txParams(tx));
    const ids = world.nftsOf.get(w.address) ?? [];
    switch (kind) {
      case 'swapEthForToken':
        send({ from: w.address, to: ctx.router, value: rng.between(parseEther('0.01'), parseEther('2')), data: encodeFunctionData({ abi: routerAbi, functionName: 'swapExactETHForTokens', args: [0n, [ctx.weth, token], w.address, DEADLINE] }) });
        break;
      case 'buyNewToken':
        send({ from: w.address, to: ctx.router, value: rng.between(parseEther('0.01'), parseEther('0.5')), data: encodeFunctionData({ abi: routerAbi, functionName: 'swapExactETHForTokens', args: [0n, [ctx.weth, world.meme], w.address, DEADLINE] }) });
        break;
      case 'swapTokenForEth': {
        const amount = await part(token, w.address);
        if (amount > 0n) send({ from: w.address, to: ctx.router, data: encodeFunctionData({ abi: routerAbi, functionName: 'swapExactTokensForETH', args: [amount, 0n, [token, ctx.weth], w.address, DEADLINE] }) });
        break;
      }
      case 'swapTokenForToken': {
        const [a, b] = rng.chance(0.5) ? ['DAI', 'USDC'] : ['USDC', 'DAI'];
        const amount = await part(ctx.token(a as string), w.address);
        if (amount > 0n) send({ from: w.address, to: ctx.router, data: encodeFunctionData({ abi: routerAbi, functionName: 'swapExactTokensForTokens', args: [amount, 0n, [ctx.token(a as string), ctx.token(b as string)], w.address, DEADLINE] }) });
        break;
      }
      case 'addLiquidity': {
        const amount = await part(token, w.address, 5);
        if (amount > 0n) send({ from: w.address, to: ctx.router, value: parseEther('2'), data: encodeFunctionData({ abi: routerAbi, functionName: 'addLiquidityETH', args: [token, amount, 0n, 0n, w.address, DEADLINE] }) });
        break;
      }
      case 'transfer': {
        const amount = await part(token, w.address);
        if (amount > 0n) send({ from: w.address, to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [other.address, amount] }) });
        break;
      }
      case 'approveContract': {
        const spender = rng.pick([ctx.router, ctx.router, world.vault, PERMIT2]);
        const amount = rng.chance(0.5) ? maxUint256 : await part(token, w.address, 100);
        send({ from: w.address, to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, amount] }) });
        break;
      }
      case 'revoke':
        send({ from: w.address, to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [rng.chance(0.5) ? ctx.router : other.address, 0n] }) });
        break;
      case 'sendEth':
        send({ from: w.address, to: other.address, value: rng.between(parseEther('0.001'), parseEther('1')) });
        break;
      case 'wrapEth':
        send({ from: w.address, to: ctx.weth, value: rng.between(parseEther('0.01'), parseEther('1')), data: encodeFunctionData({ abi: wethAbi, functionName: 'deposit' }) });
        break;
      case 'unwrapEth': {
        const amount = await part(ctx.weth, w.address, 100);
        if (amount > 0n) send({ from: w.address, to: ctx.weth, data: encodeFunctionData({ abi: wethAbi, functionName: 'withdraw', args: [amount] }) });
        break;
      }
      case 'nftTransfer':
        if (ids[1] !== undefined) send({ from: w.address, to: world.nft, data: encodeFunctionData({ abi: nftAbi, functionName: 'safeTransferFrom', args: [w.address, other.address, ids[1]] }) });
        break;
      case 'nftList':
        if (rng.chance(0.5)) send({ from: w.address, to: world.nft, data: encodeFunctionData({ abi: fixtureAbi, functionName: 'setApprovalForAll', args: [world.market, true] }) });
        else if (ids[2] !== undefined) send({ from: w.address, to: world.market, data: encodeFunctionData({ abi: marketAbi, functionName: 'list', args: [world.nft, ids[2], rng.between(parseEther('0.05'), parseEther('3'))] }) });
        break;
      case 'nftBuy': {
        // Buy a listing someone made in the history (0.5 ETH each).
        for (const seller of wallets) {
          const sid = (world.nftsOf.get(seller.address) ?? [])[0];
          if (seller === w || sid === undefined) continue;
          const [s] = await ctx.read<readonly [Address, bigint]>(world.market, parseAbi(['function listings(address, uint256) view returns (address seller, uint256 price)']), 'listings', [world.nft, sid]);
          if (s.toLowerCase() === seller.address.toLowerCase() && rng.chance(0.3)) {
            send({ from: w.address, to: world.market, value: parseEther('0.5'), data: encodeFunctionData({ abi: marketAbi, functionName: 'buy', args: [world.nft, sid] }) });
            break;
          }
        }
        break;
      }
      case 'vaultDeposit': {
        const amount = await part(world.permitDollar, w.address, 20);
        if (amount > 0n) {
          const allowed = await ctx.read<bigint>(world.permitDollar, erc20Abi, 'allowance', [w.address, world.vault]);
          if (allowed >= amount) send({ from: w.address, to: world.vault, data: encodeFunctionData({ abi: vaultAbi, functionName: 'deposit', args: [world.permitDollar, amount] }) });
          else send({ from: w.address, to: world.permitDollar, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [world.vault, amount] }) });
        }
        break;
      }
      case 'vaultWithdraw': {
        const deposited = await ctx.read<bigint>(world.vault, parseAbi(['function deposits(address, address) view returns (uint256)']), 'deposits', [w.address, world.permitDollar]);
        if (deposited > 0n) send({ from: w.address, to: world.vault, data: encodeFunctionData({ abi: vaultAbi, functionName: 'withdraw', args: [world.permitDollar, deposited / 2n] }) });
        break;
      }
      case 'rawSend': {
        const which = rng.int(0, 2);
        const tx: Tx =
          which === 0
            ? { from: w.address, to: other.address, value: rng.between(parseEther('0.001'), parseEther('1')) }
            : which === 1
              ? { from: w.address, to: ctx.router, value: rng.between(parseEther('0.01'), parseEther('1')), data: encodeFunctionData({ abi: routerAbi, functionName: 'swapExactETHForTokens', args: [0n, [ctx.weth, token], w.address, DEADLINE] }) }
              : { from: w.address, to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [other.address, await part(token, w.address, 10)] }) };
        push('eth_sendRawTransaction', await rawTx(world, w, tx));
        break;
      }
      case 'siwe': {
        const text = `localhost:5173 wants you to sign in with your Ethereum account:\n${w.address}\n\nSign in to the dashboard.\n\nURI: http://localhost:5173\nVersion: 1\nChain ID: 31337\nNonce: ${rng.int(1e7, 9e7)}\nIssued At: 2026-12-06T12:00:00Z`;
        push('personal_sign', [stringToHex(text), w.address]);
        break;
      }
      case 'permitContract':
        push('eth_signTypedData_v4', typed(w.address, permitTyped(world.permitDollar, 'Permit Dollar', w.address, rng.chance(0.5) ? world.vault : ctx.router, parseEther(String(rng.int(1, 500))))));
        break;
      case 'permit2Contract':
        if (rng.chance(0.5)) push('eth_signTypedData_v4', typed(w.address, permit2Single(token, ctx.router, BigInt(rng.int(1, 1e9)))));
        else push('eth_signTypedData_v4', typed(w.address, permit2TransferFrom(token, ctx.router, BigInt(rng.int(1, 1e9)), BigInt(rng.int(1, 1e6)))));
        break;
      case 'seaportListing': {
        const nid = ids[2];
        if (nid === undefined) break;
        const price = rng.between(parseEther('0.05'), parseEther('3'));
        const fee = price / 40n;
        push('eth_signTypedData_v4', typed(w.address, seaportOrder(w.address, [{ itemType: 2, token: world.nft, identifierOrCriteria: nid, startAmount: 1n, endAmount: 1n }], [
          { itemType: 0, token: '0x0000000000000000000000000000000000000000', identifierOrCriteria: 0n, startAmount: price - fee, endAmount: price - fee, recipient: w.address },
          { itemType: 0, token: '0x0000000000000000000000000000000000000000', identifierOrCriteria: 0n, startAmount: fee, endAmount: fee, recipient: world.market },
        ], saltOf(id))));
        break;
      }
      case 'blurListing': {
        const nid = ids[2];
        if (nid !== undefined) push('eth_signTypedData_v4', typed(w.address, blurOrder(w.address, world.nft, nid, rng.between(parseEther('0.05'), parseEther('3')), world.market, saltOf(id))));
        break;
      }
      case 'vote':
        push('eth_signTypedData_v4', typed(w.address, {
          types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }], Vote: [{ name: 'from', type: 'address' }, { name: 'space', type: 'string' }, { name: 'timestamp', type: 'uint64' }, { name: 'proposal', type: 'bytes32' }, { name: 'choice', type: 'uint32' }] },
          primaryType: 'Vote',
          domain: { name: 'snapshot', version: '0.1.4' },
          message: { from: w.address, space: 'devdao.eth', timestamp: 1_765_000_000, proposal: saltOf(id), choice: rng.int(1, 3) },
        }));
        break;
    }
  }
  return out;
}
