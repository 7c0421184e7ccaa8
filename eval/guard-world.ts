/**
 * The guard's evaluation world on the devnet (frozen with eval/guard-set.ts before any policy was tuned):
 * the devnet's Uniswap V2, tokens and WETH; an ERC-721 collection, an ERC-1155 collection, a token with the
 * legacy increaseAllowance, an EIP-2612 stablecoin, an escrow marketplace and a vault (ordinary spenders,
 * deployed before the history); the house's background traffic (swaps, liquidity, transfers, approvals)
 * for a few hundred steps; then what attackers prepare: fresh honeypot tokens with pools, a fresh
 * drainer kit, victims' earlier approvals to it, zero-value and dust transfers from lookalikes of the
 * victims' counterparties.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encodeFunctionData, erc20Abi, getAddress, keccak256, maxUint256, parseAbi, parseEther, parseUnits, stringToHex, toHex, type Address, type Hex, type PrivateKeyAccount } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startDevnet, type Devnet } from '../src/chain/devnet/index.js';
import { compileDevContracts } from '../src/chain/devnet/compile.js';
import { BackgroundTraffic, SimContext, SCENARIO_SOURCES, Rng, seededKey } from '../src/chain/scenarios/index.js';
import { DEADLINE } from '../src/chain/scenarios/context.js';

export const GUARD_FIXTURES = 'contracts/guard/GuardFixtures.sol';
export const SHARED = path.resolve(process.cwd(), '..', 'shared', 'datasets');
export const SCAMSNIFFER_FILE = path.join(SHARED, 'phishing-domains', 'scamsniffer-addresses.csv');
export const OFAC_FILE = path.join(SHARED, 'sanctions', 'sanctioned_addresses_ETH.json');
/** Permit2's canonical address (the same on every chain). */
export const PERMIT2: Address = '0x000000000022D473030F116dDEE9F6B43aC78BA3';
export const SEAPORT: Address = '0x00000000000000ADc04C56Bf30aC9d3c0aAF14dC';
export const BLUR: Address = '0x000000000000Ad05Ccc4F10045630fb830B95127';

export const fixtureAbi = parseAbi([
  'function mint(address to) returns (uint256)',
  'function mint(address to, uint256 id, uint256 amount)',
  'function mint(address to, uint256 amount)',
  'function setApprovalForAll(address operator, bool approved)',
  'function list(address collection, uint256 id, uint256 price)',
  'function deposit(address token, uint256 amount)',
  'function enableTrading(address pool)',
  'function setPool(address pool)',
  'function setFees(uint256 bps)',
  'function increaseAllowance(address spender, uint256 added) returns (bool)',
]);

export interface Poisoning {
  victim: PrivateKeyAccount;
  /** The counterparty the victim really paid. */
  real: Address;
  /** The poisoner's lookalike of it (same first and last hex digits). */
  lookalike: Address;
}

export interface GuardWorld {
  devnet: Devnet;
  ctx: SimContext;
  seed: string;
  wallets: PrivateKeyAccount[];
  nft: Address;
  items: Address;
  legacy: Address;
  permitDollar: Address;
  market: Address;
  vault: Address;
  meme: Address;
  honeypotBlocked: Address;
  honeypotTax: Address;
  drainer: Address;
  operator: Address;
  /** Victims who approved the drainer earlier (tokens, NFTs and items). */
  drainVictims: PrivateKeyAccount[];
  poisonings: Poisoning[];
  /** NFT ids each wallet holds. */
  nftsOf: Map<Address, bigint[]>;
  scamSniffer: Address[];
  sanctioned: Address[];
  /** Blocks mined when the world was ready. */
  head: number;
}

/** `victim`-style address that keeps the first `prefix` and last `suffix` hex digits of `target`. */
export function lookalike(target: Address, prefix: number, suffix: number, rng: Rng): Address {
  const t = target.toLowerCase().slice(2);
  let middle = '';
  for (let i = 0; i < 40 - prefix - suffix; i++) middle += '0123456789abcdef'[rng.int(0, 15)];
  // Never the target itself, and never one more digit in common than asked.
  const first = middle[0] === t[prefix] ? ((parseInt(middle[0] as string, 16) + 1) % 16).toString(16) : middle[0];
  const lastIdx = middle.length - 1;
  const last = middle[lastIdx] === t[39 - suffix] ? ((parseInt(middle[lastIdx] as string, 16) + 1) % 16).toString(16) : middle[lastIdx];
  middle = `${first}${middle.slice(1, lastIdx)}${last}`;
  return getAddress(`0x${t.slice(0, prefix)}${middle}${t.slice(40 - suffix)}`);
}

export function readScamSniffer(): Address[] {
  return readFileSync(SCAMSNIFFER_FILE, 'utf8').split(/\r?\n/u).slice(1).map((l) => l.split(',')[0] ?? '').filter((a) => /^0x[0-9a-fA-F]{40}$/u.test(a)).map((a) => getAddress(a.toLowerCase()));
}

export function readOfac(): Address[] {
  const data = JSON.parse(readFileSync(OFAC_FILE, 'utf8')) as unknown[];
  return data.filter((a): a is string => typeof a === 'string' && /^0x[0-9a-fA-F]{40}$/u.test(a)).map((a) => getAddress(a.toLowerCase()));
}

export async function buildWorld(options: { seed?: string; wallets?: number; steps?: number; onProgress?: (m: string) => void } = {}): Promise<GuardWorld> {
  const seed = options.seed ?? 'guard-eval-1';
  const say = options.onProgress ?? (() => undefined);
  say('starting the devnet');
  const devnet = await startDevnet({ accounts: 5 });
  try {
    const artifacts = await compileDevContracts({ sources: [...SCENARIO_SOURCES, GUARD_FIXTURES] });
    const ctx = new SimContext(devnet.describe(), artifacts);
    const rng = new Rng(seed, 'guard-world');
    const funder = ctx.funder;
    say('deploying the collections, the marketplace and the vault');
    const nft = (await ctx.deploy(funder, 'DevCollectible')).address;
    const items = (await ctx.deploy(funder, 'DevItems')).address;
    const legacy = (await ctx.deploy(funder, 'LegacyAllowanceToken')).address;
    const permitDollar = (await ctx.deploy(funder, 'PermitDollar')).address;
    const market = (await ctx.deploy(funder, 'EscrowMarket')).address;
    const vault = (await ctx.deploy(funder, 'SimpleVault')).address;

    const bg = new BackgroundTraffic(ctx, seed, { wallets: options.wallets ?? 24 });
    say('funding the wallets');
    await bg.setup();
    const wallets = bg.wallets;
    const nftsOf = new Map<Address, bigint[]>();
    for (const w of wallets) {
      const ids: bigint[] = [];
      for (let i = 0; i < 3; i++) {
        await ctx.call(funder, nft, fixtureAbi, 'mint', [w.address]);
        ids.push(BigInt(await ctx.read<bigint>(nft, parseAbi(['function next() view returns (uint256)']), 'next')));
      }
      nftsOf.set(w.address, ids);
      await ctx.call(funder, items, fixtureAbi, 'mint', [w.address, BigInt(rng.int(1, 3)), BigInt(rng.int(5, 50))]);
      await ctx.call(funder, legacy, fixtureAbi, 'mint', [w.address, parseEther(String(rng.int(100, 5000)))]);
      await ctx.call(funder, permitDollar, fixtureAbi, 'mint', [w.address, parseEther(String(rng.int(100, 5000)))]);
      // Ordinary history with the long-lived spenders: a listing on the marketplace, a vault deposit.
      if (rng.chance(0.5)) {
        await ctx.call(w, nft, fixtureAbi, 'setApprovalForAll', [market, true]);
        await ctx.call(w, market, fixtureAbi, 'list', [nft, ids[0] as bigint, parseEther('0.5')]);
      }
      if (rng.chance(0.5)) {
        const amount = parseEther('50');
        await ctx.call(w, permitDollar, erc20Abi, 'approve', [vault, amount]);
        await ctx.call(w, vault, fixtureAbi, 'deposit', [permitDollar, amount]);
      }
    }
    say(`background traffic (${options.steps ?? 250} steps)`);
    await bg.run(options.steps ?? 250);

    say('the attackers prepare: honeypots, a drainer kit, poisoned histories');
    const router = ctx.router;
    const rabi = ctx.uniswap.router.abi;
    const launch = async (name: string, symbol: string): Promise<Address> => {
      const token = (await ctx.deploy(funder, name, [`${symbol} Token`, symbol, parseEther('1000000')])).address;
      await ctx.call(funder, token, erc20Abi, 'approve', [router, maxUint256]);
      await ctx.call(funder, router, rabi, 'addLiquidityETH', [token, parseEther('500000'), 0n, 0n, funder.address, DEADLINE], { value: parseEther('20') });
      return token;
    };
    const meme = await launch('MemeToken', 'MOON');
    const honeypotBlocked = await launch('GuardedLaunchToken', 'SAFU');
    await ctx.call(funder, honeypotBlocked, fixtureAbi, 'enableTrading', [await ctx.pairOf(honeypotBlocked, ctx.weth)]);
    const honeypotTax = await launch('FeeOnSellToken', 'TAXX');
    await ctx.call(funder, honeypotTax, fixtureAbi, 'setPool', [await ctx.pairOf(honeypotTax, ctx.weth)]);
    await ctx.call(funder, honeypotTax, fixtureAbi, 'setFees', [9_900n]);

    const operatorAccount = privateKeyToAccount(seededKey(seed, 'operator'));
    const operator = operatorAccount.address;
    await ctx.fundEth(operator, parseEther('1'));
    const drainer = (await ctx.deploy(operatorAccount, 'ClaimRewards', [operator])).address;
    // The phishing worked once already: some victims approved the "rewards" contract.
    const drainVictims = wallets.slice(0, 6);
    for (const v of drainVictims) {
      await ctx.call(v, ctx.token('DAI'), erc20Abi, 'approve', [drainer, maxUint256]);
      await ctx.call(v, ctx.token('USDC'), erc20Abi, 'approve', [drainer, maxUint256]);
      await ctx.call(v, nft, fixtureAbi, 'setApprovalForAll', [drainer, true]);
      await ctx.call(v, items, fixtureAbi, 'setApprovalForAll', [drainer, true]);
    }

    // Address poisoning: the victim paid `real`; a lookalike sends zero-value transferFroms and dust.
    const poisonings: Poisoning[] = [];
    const shapes: Array<[number, number]> = [[4, 4], [5, 3], [3, 4], [6, 6], [4, 5], [3, 3]];
    for (let i = 0; i < shapes.length; i++) {
      const victim = wallets[6 + i] as PrivateKeyAccount;
      const real = wallets[(12 + i) % wallets.length] as PrivateKeyAccount;
      await ctx.call(victim, ctx.token('USDC'), erc20Abi, 'transfer', [real.address, parseUnits('100', 6)]);
      await ctx.send(victim, { to: real.address, value: parseEther('0.2') }, { method: 'transfer ETH' });
      const [p, s] = shapes[i] as [number, number];
      const fake = lookalike(real.address, p, s, rng);
      await ctx.rpc('hardhat_setBalance', [fake, toHex(parseEther('1'))]);
      await ctx.send({ address: fake, impersonated: true }, { to: ctx.token('USDC'), data: encodeFunctionData({ abi: erc20Abi, functionName: 'transferFrom', args: [victim.address, fake, 0n] }) }, { method: 'zero-value transferFrom' });
      await ctx.mintDevToken('USDC', fake, parseUnits('1', 6));
      await ctx.call({ address: fake, impersonated: true }, ctx.token('USDC'), erc20Abi, 'transfer', [victim.address, 1n]);
      poisonings.push({ victim, real: real.address, lookalike: fake });
    }
    await ctx.mine(3);
    const head = await ctx.blockNumber();
    say(`world ready at block ${head}`);
    return {
      devnet,
      ctx,
      seed,
      wallets,
      nft,
      items,
      legacy,
      permitDollar,
      market,
      vault,
      meme,
      honeypotBlocked,
      honeypotTax,
      drainer,
      operator,
      drainVictims,
      poisonings,
      nftsOf,
      scamSniffer: readScamSniffer(),
      sanctioned: readOfac(),
      head,
    };
  } catch (error) {
    await devnet.stop();
    throw error;
  }
}

/** A deterministic 32-byte value for salts and hashes in generated requests. */
export function saltOf(label: string): Hex {
  return keccak256(stringToHex(label));
}
