/**
 * The attack scenarios. Each is a real sequence of transactions on the chain, by wallets derived from the
 * seed, with contracts from contracts/scenarios/, and returns its ground truth. `env.between()` marks the
 * points where the runner may wait some blocks or interleave background traffic.
 */
import { erc20Abi, getAddress, maxUint256, parseEther, parseSignature, parseUnits, type Address, type PrivateKeyAccount } from 'viem';
import { privateKeyToAccount, privateKeyToAddress } from 'viem/accounts';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import { DEADLINE, TruthBuilder, type SimContext } from './context.js';
import { seededKey, type Rng } from './prng.js';
import type { AttackKind, GroundTruth } from './truth.js';

export interface ScenarioEnv {
  seed: string;
  attackId: string;
  rng: Rng;
  /** A point where time passes: blocks are mined, or background traffic runs. */
  between(): Promise<void>;
  /** A wallet derived from the seed and this attack (fresh: no history, no funds). */
  wallet(role: string, index?: number): PrivateKeyAccount;
  /** Addresses on the caller's sanctions list (the sanctions scenario). */
  sanctioned: Address[];
}

export interface Scenario {
  id: string;
  kind: AttackKind;
  title: string;
  run(ctx: SimContext, env: ScenarioEnv): Promise<GroundTruth>;
}

const ETH = (n: string) => parseEther(n);

/** Deploys a token, approves the router and opens a token/WETH pool with liquidity; returns the pair. */
async function launchToken(ctx: SimContext, t: TruthBuilder, dev: PrivateKeyAccount, contract: string, name: string, symbol: string, supply: bigint, poolTokens: bigint, poolEth: bigint) {
  const id = t.attackId;
  const { address: token, sent } = await ctx.deploy(dev, contract, [name, symbol, supply], { attackId: id });
  t.add('preparation', sent);
  t.add('preparation', await ctx.call(dev, token, erc20Abi, 'approve', [ctx.router, maxUint256], { attackId: id, amount: maxUint256 }));
  t.add(
    'preparation',
    await ctx.call(dev, ctx.router, ctx.uniswap.router.abi, 'addLiquidityETH', [token, poolTokens, 0n, 0n, dev.address, DEADLINE], { value: poolEth, attackId: id, amount: poolEth }),
  );
  const pair = await ctx.pairOf(token, ctx.weth);
  return { token, pair };
}

/** Victims buy the token with ETH through the router, one after the other with time in between. */
async function victimsBuy(ctx: SimContext, env: ScenarioEnv, t: TruthBuilder, token: Address, count: number, fundEach: bigint): Promise<PrivateKeyAccount[]> {
  const buyers: PrivateKeyAccount[] = [];
  for (let i = 0; i < count; i++) {
    const buyer = env.wallet('buyer', i);
    buyers.push(buyer);
    await ctx.fundEth(buyer.address, fundEach, t.attackId);
    const value = env.rng.between(fundEach / 10n, (fundEach * 6n) / 10n);
    t.add('preparation', await ctx.call(buyer, ctx.router, ctx.uniswap.router.abi, 'swapExactETHForTokens', [0n, [ctx.weth, token], buyer.address, DEADLINE], { value, attackId: t.attackId, amount: value }), 'victim');
    await env.between();
  }
  return buyers;
}

/** Sends the loot onwards to fresh addresses in a few hops (laundering). */
export async function launderEth(ctx: SimContext, env: ScenarioEnv, t: TruthBuilder, from: PrivateKeyAccount, keep: bigint): Promise<Address[]> {
  const balance = await ctx.ethBalance(from.address);
  const total = balance - keep;
  const hops = env.rng.int(2, 3);
  const sinks: Address[] = [];
  for (let i = 0; i < hops; i++) {
    const sink = env.wallet('sink', i).address;
    sinks.push(sink);
    const amount = i === hops - 1 ? total - (total / BigInt(hops)) * BigInt(hops - 1) : total / BigInt(hops);
    t.add('laundering', await ctx.send(from, { to: sink, value: amount }, { method: 'transfer ETH', amount, attackId: t.attackId }));
  }
  return sinks;
}

async function wethReserve(ctx: SimContext, pair: Address): Promise<bigint> {
  return ctx.balanceOf(ctx.weth, pair);
}

const softRug: Scenario = {
  id: 'soft-rug',
  kind: 'soft-rug-pull',
  title: 'soft rug pull: a new token and pool, buyers come in, the deployer removes most of the liquidity',
  async run(ctx, env) {
    const t = new TruthBuilder(env.attackId, 'soft-rug-pull', this.title);
    const dev = env.wallet('deployer');
    t.add('funding', await ctx.fundEth(dev.address, ETH('30'), t.attackId));
    const supply = parseUnits('1000000', 18);
    const poolEth = ETH(String(env.rng.int(8, 15)));
    const { token, pair } = await launchToken(ctx, t, dev, 'MemeToken', 'Moon Shot', `MOON${env.rng.int(1, 99)}`, supply, (supply * 9n) / 10n, poolEth);
    await env.between();
    const buyers = await victimsBuy(ctx, env, t, token, env.rng.int(3, 5), ETH('5'));
    const before = await wethReserve(ctx, pair);
    const lp = await ctx.balanceOf(pair, dev.address);
    const pulled = (lp * BigInt(env.rng.int(90, 98))) / 100n;
    t.add('exploitation', await ctx.call(dev, pair, erc20Abi, 'approve', [ctx.router, pulled], { attackId: t.attackId, amount: pulled }));
    t.add('exploitation', await ctx.call(dev, ctx.router, ctx.uniswap.router.abi, 'removeLiquidityETH', [token, pulled, 0n, 0n, dev.address, DEADLINE], { attackId: t.attackId, amount: pulled }));
    const after = await wethReserve(ctx, pair);
    await env.between();
    const sinks = await launderEth(ctx, env, t, dev, ETH('1'));
    Object.assign(t.addresses, { attacker: dev.address, victims: buyers.map((b) => b.address), token, pool: pair, launderingSinks: sinks });
    Object.assign(t.facts, { poolWethBefore: before.toString(), poolWethAfter: after.toString() });
    return t.build();
  },
};

const hardRug: Scenario = {
  id: 'hard-rug',
  kind: 'hard-rug-pull',
  title: 'hard rug pull: a hidden owner-only mint disguised as rebase(), minted and dumped into the pool',
  async run(ctx, env) {
    const t = new TruthBuilder(env.attackId, 'hard-rug-pull', this.title);
    const dev = env.wallet('deployer');
    t.add('funding', await ctx.fundEth(dev.address, ETH('30'), t.attackId));
    const supply = parseUnits('1000000', 18);
    const { token, pair } = await launchToken(ctx, t, dev, 'ElasticRewardToken', 'Elastic Yield', `EYLD${env.rng.int(1, 99)}`, supply, supply, ETH(String(env.rng.int(8, 15))));
    await env.between();
    const buyers = await victimsBuy(ctx, env, t, token, env.rng.int(3, 5), ETH('5'));
    const before = await wethReserve(ctx, pair);
    const minted = supply * BigInt(env.rng.int(50, 200));
    const abi = ctx.artifact('ElasticRewardToken').abi;
    t.add('exploitation', await ctx.call(dev, token, abi, 'rebase', [BigInt(env.rng.int(2, 40)), minted], { attackId: t.attackId, amount: minted }));
    t.add('exploitation', await ctx.call(dev, ctx.router, ctx.uniswap.router.abi, 'swapExactTokensForETH', [minted, 0n, [token, ctx.weth], dev.address, DEADLINE], { attackId: t.attackId, amount: minted }));
    const after = await wethReserve(ctx, pair);
    await env.between();
    const sinks = await launderEth(ctx, env, t, dev, ETH('1'));
    Object.assign(t.addresses, { attacker: dev.address, victims: buyers.map((b) => b.address), token, pool: pair, launderingSinks: sinks });
    Object.assign(t.facts, { hiddenMint: 'rebase(uint256,uint256)', minted: minted.toString(), poolWethBefore: before.toString(), poolWethAfter: after.toString() });
    return t.build();
  },
};

const honeypot: Scenario = {
  id: 'honeypot',
  kind: 'honeypot',
  title: 'honeypot token: buys work, sells revert for everyone but the owner, who then sells',
  async run(ctx, env) {
    const t = new TruthBuilder(env.attackId, 'honeypot', this.title);
    const dev = env.wallet('deployer');
    t.add('funding', await ctx.fundEth(dev.address, ETH('20'), t.attackId));
    const supply = parseUnits('1000000', 18);
    const { token, pair } = await launchToken(ctx, t, dev, 'GuardedLaunchToken', 'Safe Harbor', `SAFE${env.rng.int(1, 99)}`, supply, supply / 2n, ETH(String(env.rng.int(5, 10))));
    const abi = ctx.artifact('GuardedLaunchToken').abi;
    t.add('preparation', await ctx.call(dev, token, abi, 'enableTrading', [pair], { attackId: t.attackId }));
    await env.between();
    const buyers = await victimsBuy(ctx, env, t, token, env.rng.int(3, 5), ETH('5'));
    const seller = buyers[0] as PrivateKeyAccount;
    const held = await ctx.balanceOf(token, seller.address);
    t.add('exploitation', await ctx.call(seller, token, erc20Abi, 'approve', [ctx.router, held], { attackId: t.attackId, amount: held }), 'victim');
    const failedSell = await ctx.call(seller, ctx.router, ctx.uniswap.router.abi, 'swapExactTokensForETH', [held, 0n, [token, ctx.weth], seller.address, DEADLINE], {
      attackId: t.attackId,
      amount: held,
      expectRevert: true,
    });
    t.add('exploitation', failedSell, 'victim');
    await env.between();
    const before = await wethReserve(ctx, pair);
    const dump = supply / 2n;
    const ownerSell = await ctx.call(dev, ctx.router, ctx.uniswap.router.abi, 'swapExactTokensForETH', [dump, 0n, [token, ctx.weth], dev.address, DEADLINE], { attackId: t.attackId, amount: dump });
    t.add('exploitation', ownerSell);
    const after = await wethReserve(ctx, pair);
    Object.assign(t.addresses, { attacker: dev.address, victims: buyers.map((b) => b.address), token, pool: pair });
    Object.assign(t.facts, { victimSellTx: failedSell.hash, victimSellStatus: failedSell.status, ownerSellTx: ownerSell.hash, poolWethBefore: before.toString(), poolWethAfter: after.toString() });
    return t.build();
  },
};

const honeypotTax: Scenario = {
  id: 'honeypot-tax',
  kind: 'honeypot-sell-tax',
  title: 'sell-tax honeypot: after buyers come in the owner raises the sell tax to 99 %',
  async run(ctx, env) {
    const t = new TruthBuilder(env.attackId, 'honeypot-sell-tax', this.title);
    const dev = env.wallet('deployer');
    t.add('funding', await ctx.fundEth(dev.address, ETH('20'), t.attackId));
    const supply = parseUnits('1000000', 18);
    const { token, pair } = await launchToken(ctx, t, dev, 'FeeOnSellToken', 'Fair Fee', `FAIR${env.rng.int(1, 99)}`, supply, supply / 2n, ETH(String(env.rng.int(5, 10))));
    const abi = ctx.artifact('FeeOnSellToken').abi;
    t.add('preparation', await ctx.call(dev, token, abi, 'setPool', [pair], { attackId: t.attackId }));
    await env.between();
    const buyers = await victimsBuy(ctx, env, t, token, env.rng.int(3, 5), ETH('5'));
    t.add('exploitation', await ctx.call(dev, token, abi, 'setFees', [9_900n], { attackId: t.attackId, amount: 9_900n }));
    await env.between();
    const seller = buyers[0] as PrivateKeyAccount;
    const held = await ctx.balanceOf(token, seller.address);
    t.add('exploitation', await ctx.call(seller, token, erc20Abi, 'approve', [ctx.router, held], { attackId: t.attackId, amount: held }), 'victim');
    const [, quoted] = await ctx.read<bigint[]>(ctx.router, ctx.uniswap.router.abi, 'getAmountsOut', [held, [token, ctx.weth]]);
    const ethBefore = await ctx.ethBalance(seller.address);
    const sell = await ctx.call(seller, ctx.router, ctx.uniswap.router.abi, 'swapExactTokensForETHSupportingFeeOnTransferTokens', [held, 0n, [token, ctx.weth], seller.address, DEADLINE], {
      attackId: t.attackId,
      amount: held,
    });
    t.add('exploitation', sell, 'victim');
    const gas = sell.receipt.gasUsed * sell.receipt.effectiveGasPrice;
    const received = (await ctx.ethBalance(seller.address)) - ethBefore + gas;
    const dump = supply / 2n;
    t.add('exploitation', await ctx.call(dev, ctx.router, ctx.uniswap.router.abi, 'swapExactTokensForETHSupportingFeeOnTransferTokens', [dump, 0n, [token, ctx.weth], dev.address, DEADLINE], { attackId: t.attackId, amount: dump }));
    Object.assign(t.addresses, { attacker: dev.address, victims: buyers.map((b) => b.address), token, pool: pair });
    Object.assign(t.facts, { sellFeeBps: 9_900, victimSellTx: sell.hash, victimQuotedWei: (quoted ?? 0n).toString(), victimReceivedWei: received.toString() });
    return t.build();
  },
};

const approvalPhishing: Scenario = {
  id: 'approval-phishing',
  kind: 'approval-phishing',
  title: 'approval phishing: victims approve (or sign a permit for) a fresh address, which drains them with transferFrom',
  async run(ctx, env) {
    const t = new TruthBuilder(env.attackId, 'approval-phishing', this.title);
    const id = t.attackId;
    const phisher = env.wallet('phisher');
    const dai = ctx.token('DAI');
    // A permit-enabled stablecoin issued by the funder (not part of the attack).
    const { address: pusd } = await ctx.deploy(ctx.funder, 'PermitDollar', [], { attackId: id });
    const victims = [env.wallet('victim', 0), env.wallet('victim', 1), env.wallet('victim', 2)];
    for (const v of victims) {
      await ctx.fundEth(v.address, ETH('1'), id);
      await ctx.mintDevToken('DAI', v.address, parseUnits(String(env.rng.int(1_000, 20_000)), 18), id);
    }
    const permitVictim = victims[2] as PrivateKeyAccount;
    const pusdAbi = ctx.artifact('PermitDollar').abi;
    const pusdAmount = parseUnits(String(env.rng.int(5_000, 50_000)), 18);
    await ctx.call(ctx.funder, pusd, pusdAbi, 'mint', [permitVictim.address, pusdAmount], { attackId: id, amount: pusdAmount });
    await env.between();
    t.add('funding', await ctx.fundEth(phisher.address, ETH('2'), id));
    // The approvals the phishing site obtains.
    for (const v of victims.slice(0, 2)) {
      t.add('preparation', await ctx.call(v, dai, erc20Abi, 'approve', [phisher.address, maxUint256], { attackId: id, amount: maxUint256 }), 'victim');
      await env.between();
    }
    const signature = await permitVictim.signTypedData({
      domain: { name: 'Permit Dollar', version: '1', chainId: ctx.chain.id, verifyingContract: pusd },
      types: { Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }] },
      primaryType: 'Permit',
      message: { owner: permitVictim.address, spender: phisher.address, value: maxUint256, nonce: 0n, deadline: DEADLINE },
    });
    const { v, r, s } = parseSignature(signature);
    t.add('preparation', await ctx.call(phisher, pusd, pusdAbi, 'permit', [permitVictim.address, phisher.address, maxUint256, DEADLINE, Number(v), r, s], { attackId: id, amount: maxUint256 }));
    // The drain.
    let stolenDai = 0n;
    for (const victim of victims.slice(0, 2)) {
      const bal = await ctx.balanceOf(dai, victim.address);
      stolenDai += bal;
      t.add('exploitation', await ctx.call(phisher, dai, erc20Abi, 'transferFrom', [victim.address, phisher.address, bal], { attackId: id, amount: bal }));
    }
    t.add('exploitation', await ctx.call(phisher, pusd, erc20Abi, 'transferFrom', [permitVictim.address, phisher.address, pusdAmount], { attackId: id, amount: pusdAmount }));
    await env.between();
    // Laundering: the DAI is swapped for ETH, which moves on.
    t.add('laundering', await ctx.call(phisher, dai, erc20Abi, 'approve', [ctx.router, stolenDai], { attackId: id, amount: stolenDai }));
    t.add('laundering', await ctx.call(phisher, ctx.router, ctx.uniswap.router.abi, 'swapExactTokensForETH', [stolenDai, 0n, [dai, ctx.weth], phisher.address, DEADLINE], { attackId: id, amount: stolenDai }));
    const sinks = await launderEth(ctx, env, t, phisher, ETH('0.5'));
    Object.assign(t.addresses, { attacker: phisher.address, victims: victims.map((x) => x.address), tokens: [dai, pusd], launderingSinks: sinks });
    Object.assign(t.facts, { stolenDai: stolenDai.toString(), stolenPusd: pusdAmount.toString(), permitVictim: permitVictim.address });
    return t.build();
  },
};

const reentrancy: Scenario = {
  id: 'reentrancy',
  kind: 'reentrancy',
  title: 'reentrancy: a freshly funded address deploys an attack contract and drains a vulnerable vault',
  async run(ctx, env) {
    const t = new TruthBuilder(env.attackId, 'reentrancy', this.title);
    const id = t.attackId;
    const team = env.wallet('protocol');
    await ctx.fundEth(team.address, ETH('1'), id);
    const { address: vault } = await ctx.deploy(team, 'EtherVault', [], { attackId: id });
    const vaultAbi = ctx.artifact('EtherVault').abi;
    const depositors: Address[] = [];
    for (let i = 0; i < env.rng.int(4, 7); i++) {
      const d = env.wallet('depositor', i);
      depositors.push(d.address);
      const value = ETH(String(env.rng.int(1, 8)));
      await ctx.fundEth(d.address, value + ETH('1'), id);
      t.add('preparation', await ctx.call(d, vault, vaultAbi, 'deposit', [], { value, attackId: id, amount: value }), 'victim');
      await env.between();
    }
    const before = await ctx.ethBalance(vault);
    const attacker = env.wallet('attacker');
    t.add('funding', await ctx.fundEth(attacker.address, ETH('3'), id));
    await env.between();
    const { address: exploit, sent } = await ctx.deploy(attacker, 'VaultReentrancyAttacker', [vault], { attackId: id });
    t.add('preparation', sent);
    const stake = ETH('1');
    const abi = ctx.artifact('VaultReentrancyAttacker').abi;
    t.add('exploitation', await ctx.call(attacker, exploit, abi, 'attack', [], { value: stake, attackId: id, amount: stake }));
    t.add('exploitation', await ctx.call(attacker, exploit, abi, 'collect', [], { attackId: id }));
    const after = await ctx.ethBalance(vault);
    await env.between();
    const sinks = await launderEth(ctx, env, t, attacker, ETH('0.5'));
    Object.assign(t.addresses, { attacker: attacker.address, victims: depositors, vault, attackContract: exploit, launderingSinks: sinks });
    Object.assign(t.facts, { vaultBalanceBefore: before.toString(), vaultBalanceAfter: after.toString() });
    return t.build();
  },
};

const priceManipulation: Scenario = {
  id: 'price-manipulation',
  kind: 'price-manipulation',
  title: "price manipulation: a flash swap pumps a thin pool's spot price and a lender reading it is drained",
  async run(ctx, env) {
    const t = new TruthBuilder(env.attackId, 'price-manipulation', this.title);
    const id = t.attackId;
    const team = env.wallet('protocol');
    await ctx.fundEth(team.address, ETH('20'), id);
    const supply = parseUnits('1000000', 18);
    const { address: collateral } = await ctx.deploy(team, 'MemeToken', ['Collateral Token', `CLT${env.rng.int(1, 99)}`, supply], { attackId: id });
    await ctx.call(team, collateral, erc20Abi, 'approve', [ctx.router, maxUint256], { attackId: id, amount: maxUint256 });
    await ctx.call(team, ctx.router, ctx.uniswap.router.abi, 'addLiquidityETH', [collateral, parseUnits('10000', 18), 0n, 0n, team.address, DEADLINE], { value: ETH('10'), attackId: id, amount: ETH('10') });
    const thinPool = await ctx.pairOf(collateral, ctx.weth);
    const { address: lender } = await ctx.deploy(team, 'SpotPriceLender', [ctx.weth, collateral, thinPool], { attackId: id });
    const lenderAbi = ctx.artifact('SpotPriceLender').abi;
    const wethAbi = ctx.uniswap.weth.abi;
    const suppliers: Address[] = [];
    for (let i = 0; i < 3; i++) {
      const s = env.wallet('supplier', i);
      suppliers.push(s.address);
      const amount = ETH(String(env.rng.int(8, 12)));
      await ctx.fundEth(s.address, amount + ETH('1'), id);
      t.add('preparation', await ctx.call(s, ctx.weth, wethAbi, 'deposit', [], { value: amount, attackId: id, amount }), 'victim');
      t.add('preparation', await ctx.call(s, ctx.weth, erc20Abi, 'approve', [lender, amount], { attackId: id, amount }), 'victim');
      t.add('preparation', await ctx.call(s, lender, lenderAbi, 'supply', [amount], { attackId: id, amount }), 'victim');
      await env.between();
    }
    const before = await ctx.balanceOf(ctx.weth, lender);
    const attacker = env.wallet('attacker');
    t.add('funding', await ctx.fundEth(attacker.address, ETH('2'), id));
    await env.between();
    const flashPool = await ctx.pairOf(ctx.token('DAI'), ctx.weth);
    const { address: exploit, sent } = await ctx.deploy(attacker, 'FlashSwapPriceAttacker', [lender, flashPool, ctx.router], { attackId: id });
    t.add('preparation', sent);
    const priceBefore = await ctx.read<bigint>(lender, lenderAbi, 'collateralPrice');
    const flash = ETH('20');
    t.add('exploitation', await ctx.call(attacker, exploit, ctx.artifact('FlashSwapPriceAttacker').abi, 'attack', [flash], { attackId: id, amount: flash }));
    const after = await ctx.balanceOf(ctx.weth, lender);
    const profit = await ctx.balanceOf(ctx.weth, attacker.address);
    await env.between();
    t.add('laundering', await ctx.call(attacker, ctx.weth, wethAbi, 'withdraw', [profit], { attackId: id, amount: profit }));
    const sinks = await launderEth(ctx, env, t, attacker, ETH('0.5'));
    Object.assign(t.addresses, { attacker: attacker.address, victims: suppliers, lender, pricePool: thinPool, flashPool, collateral, attackContract: exploit, launderingSinks: sinks });
    Object.assign(t.facts, { lenderWethBefore: before.toString(), lenderWethAfter: after.toString(), attackerProfitWeth: profit.toString(), collateralPriceBefore: priceBefore.toString() });
    return t.build();
  },
};

const washTrading: Scenario = {
  id: 'wash-trading',
  kind: 'wash-trading',
  title: 'wash trading: a ring of colluding wallets funded by one organiser trades a token back and forth',
  async run(ctx, env) {
    const t = new TruthBuilder(env.attackId, 'wash-trading', this.title);
    const id = t.attackId;
    const organiser = env.wallet('organiser');
    t.add('funding', await ctx.fundEth(organiser.address, ETH('40'), id));
    const supply = parseUnits('1000000', 18);
    const { token, pair } = await launchToken(ctx, t, organiser, 'MemeToken', 'Volume Coin', `VOL${env.rng.int(1, 99)}`, supply, supply, ETH('20'));
    const ring = Array.from({ length: env.rng.int(3, 5) }, (_, i) => env.wallet('ring', i));
    for (const w of ring) t.add('funding', await ctx.send(organiser, { to: w.address, value: ETH('3') }, { method: 'transfer ETH', amount: ETH('3'), attackId: id }));
    for (const w of ring) t.add('preparation', await ctx.call(w, token, erc20Abi, 'approve', [ctx.router, maxUint256], { attackId: id, amount: maxUint256 }));
    const rounds = env.rng.int(6, 10);
    let trades = 0;
    for (let r = 0; r < rounds; r++) {
      const buyer = ring[r % ring.length] as PrivateKeyAccount;
      const next = ring[(r + 1) % ring.length] as PrivateKeyAccount;
      const value = env.rng.between(ETH('0.5'), ETH('1.5'));
      t.add('exploitation', await ctx.call(buyer, ctx.router, ctx.uniswap.router.abi, 'swapExactETHForTokens', [0n, [ctx.weth, token], buyer.address, DEADLINE], { value, attackId: id, amount: value }));
      const got = await ctx.balanceOf(token, buyer.address);
      t.add('exploitation', await ctx.call(buyer, token, erc20Abi, 'transfer', [next.address, got], { attackId: id, amount: got }));
      t.add('exploitation', await ctx.call(next, ctx.router, ctx.uniswap.router.abi, 'swapExactTokensForETH', [got, 0n, [token, ctx.weth], next.address, DEADLINE], { attackId: id, amount: got }));
      trades += 2;
      if (env.rng.chance(0.4)) await env.between();
    }
    for (const w of ring) {
      const bal = await ctx.ethBalance(w.address);
      const back = bal - ETH('0.2');
      if (back > 0n) t.add('laundering', await ctx.send(w, { to: organiser.address, value: back }, { method: 'transfer ETH', amount: back, attackId: id }));
    }
    Object.assign(t.addresses, { attacker: organiser.address, ring: ring.map((w) => w.address), token, pool: pair });
    Object.assign(t.facts, { rounds, trades });
    return t.build();
  },
};

const treasuryDrain: Scenario = {
  id: 'treasury-drain',
  kind: 'treasury-drain',
  title: 'treasury drain: a treasury that only ever paid small amounts sends almost everything to a fresh address',
  async run(ctx, env) {
    const t = new TruthBuilder(env.attackId, 'treasury-drain', this.title);
    const id = t.attackId;
    const dai = ctx.token('DAI');
    const treasury = env.wallet('treasury');
    await ctx.fundEth(treasury.address, ETH('2'), id);
    await ctx.mintDevToken('DAI', treasury.address, parseUnits(String(env.rng.int(500_000, 2_000_000)), 18), id);
    // Its usual life: a few small payouts to the same payees (not part of the attack).
    const payees = [env.wallet('payee', 0).address, env.wallet('payee', 1).address];
    for (let i = 0; i < env.rng.int(3, 5); i++) {
      const amount = parseUnits(String(env.rng.int(500, 3_000)), 18);
      await ctx.call(treasury, dai, erc20Abi, 'transfer', [env.rng.pick(payees), amount], { attackId: id, amount });
      await env.between();
    }
    const held = await ctx.balanceOf(dai, treasury.address);
    const drained = (held * BigInt(env.rng.int(90, 98))) / 100n;
    const receiver = env.wallet('receiver');
    t.add('exploitation', await ctx.call(treasury, dai, erc20Abi, 'transfer', [receiver.address, drained], { attackId: id, amount: drained }));
    await env.between();
    t.add('funding', await ctx.fundEth(receiver.address, ETH('0.5'), id));
    const swap = drained / 10n;
    t.add('laundering', await ctx.call(receiver, dai, erc20Abi, 'approve', [ctx.router, swap], { attackId: id, amount: swap }));
    t.add('laundering', await ctx.call(receiver, ctx.router, ctx.uniswap.router.abi, 'swapExactTokensForETH', [swap, 0n, [dai, ctx.weth], receiver.address, DEADLINE], { attackId: id, amount: swap }));
    const rest = drained - swap;
    const sink = env.wallet('sink').address;
    t.add('laundering', await ctx.call(receiver, dai, erc20Abi, 'transfer', [sink, rest], { attackId: id, amount: rest }));
    Object.assign(t.addresses, { attacker: receiver.address, victim: treasury.address, treasury: treasury.address, usualPayees: payees, token: dai, launderingSinks: [sink] });
    Object.assign(t.facts, { treasuryBalanceBefore: held.toString(), drained: drained.toString() });
    return t.build();
  },
};

/** A key whose address starts and ends like `target` (first `prefix` and last `suffix` hex digits). */
export function lookalikeKey(seed: string, label: string, target: Address, prefix = 2, suffix = 1): `0x${string}` {
  const want = target.toLowerCase().slice(2);
  for (let i = 0; i < 1_000_000; i++) {
    const key = seededKey(seed, label, i);
    const a = privateKeyToAddress(key).toLowerCase().slice(2);
    if (a.slice(0, prefix) === want.slice(0, prefix) && a.slice(40 - suffix) === want.slice(40 - suffix)) return key;
  }
  throw new ArgusError(ERROR_CODES.INTERNAL, 'no lookalike address found');
}

const addressPoisoning: Scenario = {
  id: 'address-poisoning',
  kind: 'address-poisoning',
  title: "address poisoning: zero-value and dust transfers from a lookalike of the victim's usual counterparty; the victim pays it",
  async run(ctx, env) {
    const t = new TruthBuilder(env.attackId, 'address-poisoning', this.title);
    const id = t.attackId;
    const usdc = ctx.token('USDC');
    const victim = env.wallet('victim');
    const counterparty = env.wallet('counterparty').address;
    await ctx.fundEth(victim.address, ETH('1'), id);
    await ctx.mintDevToken('USDC', victim.address, parseUnits(String(env.rng.int(20_000, 100_000)), 6), id);
    for (let i = 0; i < env.rng.int(2, 4); i++) {
      const amount = parseUnits(String(env.rng.int(500, 5_000)), 6);
      await ctx.call(victim, usdc, erc20Abi, 'transfer', [counterparty, amount], { attackId: id, amount });
      await env.between();
    }
    const poisoner = env.wallet('poisoner');
    const lookalike = privateKeyToAccount(lookalikeKey(env.seed, `${env.attackId}:lookalike`, counterparty, 2, 1));
    t.add('funding', await ctx.fundEth(poisoner.address, ETH('1'), id));
    t.add('funding', await ctx.fundEth(lookalike.address, ETH('0.1'), id));
    t.add('funding', await ctx.mintDevToken('USDC', lookalike.address, 10n, id));
    // Zero-value transferFrom: a Transfer(victim -> lookalike, 0) that anyone may emit.
    t.add('exploitation', await ctx.call(poisoner, usdc, erc20Abi, 'transferFrom', [victim.address, lookalike.address, 0n], { attackId: id, amount: 0n }));
    // Dust from the lookalike, so it shows in the victim's incoming history.
    t.add('exploitation', await ctx.call(lookalike, usdc, erc20Abi, 'transfer', [victim.address, 1n], { attackId: id, amount: 1n }));
    await env.between();
    // The victim copies the wrong address from its history.
    const paid = parseUnits(String(env.rng.int(1_000, 10_000)), 6);
    t.add('exploitation', await ctx.call(victim, usdc, erc20Abi, 'transfer', [lookalike.address, paid], { attackId: id, amount: paid }), 'victim');
    const held = await ctx.balanceOf(usdc, lookalike.address);
    t.add('laundering', await ctx.call(lookalike, usdc, erc20Abi, 'transfer', [poisoner.address, held], { attackId: id, amount: held }));
    Object.assign(t.addresses, { attacker: poisoner.address, lookalike: lookalike.address, victim: victim.address, counterparty, token: usdc });
    Object.assign(t.facts, { lostToLookalike: paid.toString() });
    return t.build();
  },
};

const sanctions: Scenario = {
  id: 'sanctions',
  kind: 'sanctions',
  title: "sanctions: funds sent to and received from an address on the caller's sanctions list",
  async run(ctx, env) {
    const t = new TruthBuilder(env.attackId, 'sanctions', this.title);
    const id = t.attackId;
    const listed = env.sanctioned[0] ? getAddress(env.sanctioned[0]) : env.wallet('sanctioned').address;
    const user = env.wallet('user');
    await ctx.fundEth(user.address, ETH('10'), id);
    await ctx.mintDevToken('DAI', user.address, parseUnits('50000', 18), id);
    const value = ETH(String(env.rng.int(1, 5)));
    t.add('exploitation', await ctx.send(user, { to: listed, value }, { method: 'transfer ETH', amount: value, attackId: id }));
    const daiAmount = parseUnits(String(env.rng.int(1_000, 40_000)), 18);
    t.add('exploitation', await ctx.call(user, ctx.token('DAI'), erc20Abi, 'transfer', [listed, daiAmount], { attackId: id, amount: daiAmount }));
    await env.between();
    // Funds out of the listed address (impersonated on the devnet) to a fresh address.
    const receiver = env.wallet('receiver').address;
    const out = value / 2n;
    t.add('laundering', await ctx.send({ address: listed, impersonated: true }, { to: receiver, value: out }, { method: 'transfer ETH', amount: out, attackId: id }));
    Object.assign(t.addresses, { sanctioned: listed, attacker: listed, counterparties: [user.address, receiver] });
    Object.assign(t.facts, { listSupplied: env.sanctioned.length > 0 });
    return t.build();
  },
};

export const SCENARIOS: readonly Scenario[] = [softRug, hardRug, honeypot, honeypotTax, approvalPhishing, reentrancy, priceManipulation, washTrading, treasuryDrain, addressPoisoning, sanctions];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id || s.kind === id);
}
