/**
 * The richer ordinary background (issue 17): honest protocols teams run and users use around the attacks,
 * from contracts/scenarios/Ordinary.sol. An OpenZeppelin ERC-4626 vault on WETH (deposits mint shares, a
 * first large deposit many times the supply), a paid NFT mint and a fixed-price market, a lending pool for
 * WETH against DAI whose constructor names the NFT collection, a 2-of-3 team multisig paying people, an
 * upgradeable vault behind an ERC-1967 proxy that its team upgrades now and then, new teams deploying
 * lending pools, WETH wraps and unwraps. Amounts and choices come from the seeded PRNG.
 */
import { encodeFunctionData, erc20Abi, maxUint256, parseEther, parseUnits, type Abi, type Address, type PrivateKeyAccount } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { SimContext } from './context.js';
import { seededKey, type Rng } from './prng.js';

export type OrdinaryKind =
  | 'vaultDeposit'
  | 'vaultRedeem'
  | 'nftMint'
  | 'nftList'
  | 'nftBuy'
  | 'lendSupply'
  | 'lendWithdraw'
  | 'lendBorrow'
  | 'lendRepay'
  | 'multisigPay'
  | 'proxyDeposit'
  | 'proxyWithdraw'
  | 'teamUpgrade'
  | 'teamDeploy'
  | 'mintWithdraw'
  | 'wrap'
  | 'unwrap';

export const ORDINARY_WEIGHTS: Array<[OrdinaryKind, number]> = [
  ['vaultDeposit', 8],
  ['vaultRedeem', 5],
  ['nftMint', 6],
  ['nftList', 4],
  ['nftBuy', 4],
  ['lendSupply', 6],
  ['lendWithdraw', 3],
  ['lendBorrow', 5],
  ['lendRepay', 3],
  ['multisigPay', 2],
  ['proxyDeposit', 4],
  ['proxyWithdraw', 2],
  ['teamUpgrade', 1],
  ['teamDeploy', 1],
  ['mintWithdraw', 1],
  ['wrap', 4],
  ['unwrap', 3],
];

interface Listing {
  seller: PrivateKeyAccount;
  tokenId: bigint;
  price: bigint;
}

export class OrdinaryProtocols {
  private vault!: Address;
  private collection!: Address;
  private market!: Address;
  private lending!: Address;
  private multisig!: Address;
  private proxy!: Address;
  private readonly team: PrivateKeyAccount[];
  private readonly owned = new Map<Address, bigint[]>();
  private readonly listings: Listing[] = [];
  private readonly approvedForAll = new Set<Address>();
  private readonly approved = new Set<string>();
  private upgrades = 0;
  private proposals = 0;
  private deployments = 0;

  constructor(
    private readonly ctx: SimContext,
    private readonly rng: Rng,
    private readonly seed: string,
  ) {
    this.team = [0, 1, 2].map((i) => privateKeyToAccount(seededKey(seed, 'ordinary-team', i)));
  }

  private abi(name: string): Abi {
    return this.ctx.artifact(name).abi;
  }

  async setup(users: readonly PrivateKeyAccount[]): Promise<void> {
    const ctx = this.ctx;
    const [lead] = this.team as [PrivateKeyAccount];
    for (const t of this.team) await ctx.fundEth(t.address, parseEther('200'));
    this.vault = (await ctx.deploy(lead, 'YieldVault', [ctx.weth])).address;
    this.collection = (await ctx.deploy(lead, 'PaidMintCollection', ['Ordinary Apes', 'OAPE', parseEther('0.05')])).address;
    this.market = (await ctx.deploy(lead, 'NftMarket', [])).address;
    this.lending = (await ctx.deploy(lead, 'TeamLendingPool', [ctx.weth, ctx.token('DAI'), this.collection, parseUnits('0.0005', 18)])).address;
    this.multisig = (await ctx.deploy(lead, 'TeamMultisig', [this.team.map((t) => t.address)])).address;
    await ctx.send(lead, { to: this.multisig, value: parseEther('50') }, { method: 'transfer ETH', amount: parseEther('50') });
    await ctx.mintDevToken('DAI', this.multisig, parseUnits('500000', 18));
    const impl = (await ctx.deploy(lead, 'UpgradeableVaultV1', [ctx.weth])).address;
    const init = encodeFunctionData({ abi: this.abi('UpgradeableVaultV1'), functionName: 'initialize', args: [lead.address, ctx.weth] });
    this.proxy = (await ctx.deploy(lead, 'TeamProxy', [impl, init])).address;
    // Some WETH for the wallets that use the new protocols.
    for (const u of users) await ctx.call(u, ctx.weth, ctx.uniswap.weth.abi as Abi, 'deposit', [], { value: parseEther('5'), amount: parseEther('5') });
  }

  private async ensureApproval(w: PrivateKeyAccount, token: Address, spender: Address): Promise<void> {
    const key = `${w.address}:${token}:${spender}`;
    if (this.approved.has(key)) return;
    await this.ctx.call(w, token, erc20Abi, 'approve', [spender, maxUint256], { amount: maxUint256 });
    this.approved.add(key);
  }

  private async wethPart(w: PrivateKeyAccount, maxPct: number): Promise<bigint> {
    const bal = await this.ctx.balanceOf(this.ctx.weth, w.address);
    return (bal * BigInt(this.rng.int(1, maxPct))) / 100n;
  }

  /** One ordinary action by `w` (or by the teams); false when it had nothing to do. */
  async step(kind: OrdinaryKind, w: PrivateKeyAccount, users: readonly PrivateKeyAccount[]): Promise<boolean> {
    const ctx = this.ctx;
    const rng = this.rng;
    const weth = ctx.weth;
    const wabi = ctx.uniswap.weth.abi as Abi;
    switch (kind) {
      case 'wrap': {
        const value = rng.between(parseEther('0.1'), parseEther('3'));
        await ctx.call(w, weth, wabi, 'deposit', [], { value, amount: value });
        return true;
      }
      case 'unwrap': {
        const amount = await this.wethPart(w, 40);
        if (amount === 0n) return false;
        await ctx.call(w, weth, wabi, 'withdraw', [amount], { amount });
        return true;
      }
      case 'vaultDeposit': {
        const amount = await this.wethPart(w, 60);
        if (amount === 0n) return false;
        await this.ensureApproval(w, weth, this.vault);
        await ctx.call(w, this.vault, this.abi('YieldVault'), 'deposit', [amount, w.address], { amount });
        return true;
      }
      case 'vaultRedeem': {
        const shares = await ctx.balanceOf(this.vault, w.address);
        if (shares === 0n) return false;
        const part = (shares * BigInt(rng.int(10, 100))) / 100n;
        await ctx.call(w, this.vault, this.abi('YieldVault'), 'redeem', [part, w.address, w.address], { amount: part });
        return true;
      }
      case 'nftMint': {
        const count = BigInt(rng.int(1, 3));
        const value = parseEther('0.05') * count;
        await ctx.call(w, this.collection, this.abi('PaidMintCollection'), 'mint', [count], { value, amount: value });
        const last = await ctx.read<bigint>(this.collection, this.abi('PaidMintCollection'), 'minted');
        const mine = this.owned.get(w.address) ?? [];
        for (let i = 0n; i < count; i++) mine.push(last - i);
        this.owned.set(w.address, mine);
        return true;
      }
      case 'nftList': {
        const mine = this.owned.get(w.address) ?? [];
        const tokenId = mine.pop();
        if (tokenId === undefined) return false;
        if (!this.approvedForAll.has(w.address)) {
          await ctx.call(w, this.collection, this.abi('PaidMintCollection'), 'setApprovalForAll', [this.market, true]);
          this.approvedForAll.add(w.address);
        }
        const price = rng.between(parseEther('0.03'), parseEther('0.5'));
        await ctx.call(w, this.market, this.abi('NftMarket'), 'list', [this.collection, tokenId, price], { amount: price });
        this.listings.push({ seller: w, tokenId, price });
        return true;
      }
      case 'nftBuy': {
        const i = this.listings.findIndex((l) => l.seller.address !== w.address);
        if (i < 0) return false;
        const [l] = this.listings.splice(i, 1) as [Listing];
        await ctx.call(w, this.market, this.abi('NftMarket'), 'buy', [this.collection, l.tokenId], { value: l.price, amount: l.price });
        const mine = this.owned.get(w.address) ?? [];
        mine.push(l.tokenId);
        this.owned.set(w.address, mine);
        return true;
      }
      case 'lendSupply': {
        const amount = await this.wethPart(w, 50);
        if (amount === 0n) return false;
        await this.ensureApproval(w, weth, this.lending);
        await ctx.call(w, this.lending, this.abi('TeamLendingPool'), 'supply', [amount], { amount });
        return true;
      }
      case 'lendWithdraw': {
        const supplied = await ctx.read<bigint>(this.lending, this.abi('TeamLendingPool'), 'supplied', [w.address]);
        const cash = await ctx.balanceOf(weth, this.lending);
        let amount = (supplied * BigInt(rng.int(10, 100))) / 100n;
        if (amount > cash) amount = cash;
        if (amount === 0n) return false;
        await ctx.call(w, this.lending, this.abi('TeamLendingPool'), 'withdrawSupply', [amount], { amount });
        return true;
      }
      case 'lendBorrow': {
        const dai = ctx.token('DAI');
        const col = (await ctx.balanceOf(dai, w.address)) / BigInt(rng.int(4, 10));
        if (col === 0n) return false;
        await this.ensureApproval(w, dai, this.lending);
        await ctx.call(w, this.lending, this.abi('TeamLendingPool'), 'depositCollateral', [col], { amount: col });
        const cash = await ctx.balanceOf(weth, this.lending);
        let amount = (col * parseUnits('0.0005', 18)) / 10n ** 18n / BigInt(rng.int(3, 6));
        if (amount > cash) amount = cash / 2n;
        if (amount === 0n) return true;
        await ctx.call(w, this.lending, this.abi('TeamLendingPool'), 'borrow', [amount], { amount });
        return true;
      }
      case 'lendRepay': {
        const debt = await ctx.read<bigint>(this.lending, this.abi('TeamLendingPool'), 'debt', [w.address]);
        const held = await ctx.balanceOf(weth, w.address);
        const amount = debt < held ? debt : held;
        if (amount === 0n) return false;
        await this.ensureApproval(w, weth, this.lending);
        await ctx.call(w, this.lending, this.abi('TeamLendingPool'), 'repay', [amount], { amount });
        return true;
      }
      case 'multisigPay': {
        const [a, b] = rng.chance(0.5) ? [this.team[0], this.team[1]] : [this.team[2], this.team[0]];
        const payee = rng.pick(users).address;
        const abi = this.abi('TeamMultisig');
        let to: Address = payee;
        let value = 0n;
        let data: `0x${string}` = '0x';
        if (rng.chance(0.5)) value = rng.between(parseEther('0.1'), parseEther('2'));
        else {
          to = ctx.token('DAI');
          data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [payee, parseUnits(String(rng.int(500, 5_000)), 18)] });
        }
        if ((await ctx.ethBalance(this.multisig)) < parseEther('5')) await ctx.send(a as PrivateKeyAccount, { to: this.multisig, value: parseEther('30') }, { method: 'transfer ETH', amount: parseEther('30') });
        await ctx.call(a as PrivateKeyAccount, this.multisig, abi, 'submit', [to, value, data], { amount: value });
        await ctx.call(b as PrivateKeyAccount, this.multisig, abi, 'confirm', [BigInt(this.proposals++)]);
        return true;
      }
      case 'proxyDeposit': {
        const amount = await this.wethPart(w, 40);
        if (amount === 0n) return false;
        await this.ensureApproval(w, weth, this.proxy);
        await ctx.call(w, this.proxy, this.abi('UpgradeableVaultV2'), 'deposit', [amount], { amount });
        return true;
      }
      case 'proxyWithdraw': {
        const bal = await ctx.read<bigint>(this.proxy, this.abi('UpgradeableVaultV2'), 'balances', [w.address]);
        if (bal === 0n) return false;
        await ctx.call(w, this.proxy, this.abi('UpgradeableVaultV2'), 'withdraw', [bal], { amount: bal });
        return true;
      }
      case 'teamUpgrade': {
        const lead = this.team[0] as PrivateKeyAccount;
        const next = this.upgrades % 2 === 0 ? await ctx.deploy(lead, 'UpgradeableVaultV2', []) : await ctx.deploy(lead, 'UpgradeableVaultV1', [ctx.weth]);
        await ctx.call(lead, this.proxy, this.abi('UpgradeableVaultV2'), 'upgradeTo', [next.address]);
        this.upgrades++;
        return true;
      }
      case 'teamDeploy': {
        // A new team: funded by the exchange, deploys a lending pool naming the collection and seeds it.
        const newTeam = privateKeyToAccount(seededKey(this.seed, 'ordinary-new-team', this.deployments++));
        await ctx.fundEth(newTeam.address, parseEther('20'));
        const pool = await ctx.deploy(newTeam, 'TeamLendingPool', [weth, ctx.token('DAI'), this.collection, parseUnits('0.0005', 18)]);
        const seedAmount = parseEther(String(rng.int(2, 10)));
        await ctx.call(newTeam, weth, wabi, 'deposit', [], { value: seedAmount, amount: seedAmount });
        await ctx.call(newTeam, weth, erc20Abi, 'approve', [pool.address, seedAmount], { amount: seedAmount });
        await ctx.call(newTeam, pool.address, this.abi('TeamLendingPool'), 'supply', [seedAmount], { amount: seedAmount });
        return true;
      }
      case 'mintWithdraw': {
        if ((await ctx.ethBalance(this.collection)) === 0n) return false;
        await ctx.call(this.team[0] as PrivateKeyAccount, this.collection, this.abi('PaidMintCollection'), 'withdraw', []);
        return true;
      }
    }
  }
}

export type { Rng };
