/**
 * The richer ordinary background (issue 17): honest protocols teams run and users use around the attacks,
 * from contracts/scenarios/Ordinary.sol. An OpenZeppelin ERC-4626 vault on WETH (deposits mint shares, a
 * first large deposit many times the supply), a paid NFT mint and a fixed-price market, a lending pool for
 * WETH against DAI whose constructor names the NFT collection, a 2-of-3 team multisig paying people, an
 * upgradeable vault behind an ERC-1967 proxy that its team upgrades now and then, new teams deploying
 * lending pools, WETH wraps and unwraps. Amounts and choices come from the seeded PRNG.
 *
 * The extended set (`extended`, contracts/scenarios/OrdinaryExtended.sol; kept apart so that the exploit
 * scenarios' seeds replay the background they were frozen with): a lending market whose price the team's
 * Safe-like multisig sets, with borrowers near their limit and ordinary liquidators repaying them for the
 * 5 % bonus when the price falls; the multisig paying people, changing the price, upgrading the vault it
 * owns, and changing its own owners and threshold; new teams deploying a market and a multisig and handing
 * the market's ownership to it.
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
  | 'unwrap'
  | 'marketSupply'
  | 'marketWithdraw'
  | 'marketBorrow'
  | 'marketRepay'
  | 'liquidate'
  | 'safePay'
  | 'safePriceChange'
  | 'safeUpgrade'
  | 'safeOwnerChange'
  | 'teamLaunch';

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

/** The extended set's weights, on the same scale as ORDINARY_WEIGHTS (which they join when `extended`). */
export const EXTENDED_WEIGHTS: Array<[OrdinaryKind, number]> = [
  ['marketSupply', 4],
  ['marketWithdraw', 2],
  ['marketBorrow', 4],
  ['marketRepay', 2],
  ['liquidate', 3],
  ['safePay', 2],
  ['safePriceChange', 2],
  ['safeUpgrade', 1],
  ['safeOwnerChange', 1],
  ['teamLaunch', 1],
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
  // The extended set.
  private market2!: Address;
  private safe!: Address;
  private safeProxy!: Address;
  private price = 0n;
  private readonly safeOwners: PrivateKeyAccount[] = [];
  private safeThreshold = 2;
  private safeProposals = 0;
  private safeUpgrades = 0;
  private newOwners = 0;
  private launches = 0;
  private readonly borrowers = new Set<PrivateKeyAccount>();

  constructor(
    private readonly ctx: SimContext,
    private readonly rng: Rng,
    private readonly seed: string,
    readonly extended = false,
  ) {
    this.team = [0, 1, 2].map((i) => privateKeyToAccount(seededKey(seed, 'ordinary-team', i)));
  }

  /** The weights this instance draws its kinds from. */
  get weights(): Array<[OrdinaryKind, number]> {
    return this.extended ? [...ORDINARY_WEIGHTS, ...EXTENDED_WEIGHTS] : ORDINARY_WEIGHTS;
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
    if (this.extended) await this.setupExtended();
  }

  /** DAI's price in wei from the devnet's DAI/WETH pool (the market starts at the exchange's price). */
  private async daiPrice(): Promise<bigint> {
    const ctx = this.ctx;
    const dai = ctx.token('DAI');
    const pair = await ctx.pairOf(dai, ctx.weth);
    const [r0, r1] = await ctx.read<readonly [bigint, bigint, number]>(pair, ctx.uniswap.pair.abi, 'getReserves');
    const token0 = await ctx.read<Address>(pair, ctx.uniswap.pair.abi, 'token0');
    const [rd, rw] = token0.toLowerCase() === dai.toLowerCase() ? [r0, r1] : [r1, r0];
    return rd === 0n ? parseUnits('0.0005', 18) : (rw * 10n ** 18n) / rd;
  }

  /** The market, owned by the team's Safe-like multisig (ownership handed over by the deployer), and a vault the multisig owns. */
  private async setupExtended(): Promise<void> {
    const ctx = this.ctx;
    const [lead] = this.team as [PrivateKeyAccount];
    this.safeOwners.push(...this.team);
    this.price = await this.daiPrice();
    this.market2 = (await ctx.deploy(lead, 'PricedLendingPool', [ctx.weth, ctx.token('DAI'), this.price])).address;
    this.safe = (await ctx.deploy(lead, 'TeamSafe', [this.team.map((t) => t.address), 2n])).address;
    await ctx.call(lead, this.market2, this.abi('PricedLendingPool'), 'transferOwnership', [this.safe]);
    await ctx.send(lead, { to: this.safe, value: parseEther('40') }, { method: 'transfer ETH', amount: parseEther('40') });
    await ctx.mintDevToken('DAI', this.safe, parseUnits('300000', 18));
    // The team seeds its market with WETH.
    const seedAmount = parseEther('60');
    await ctx.call(lead, ctx.weth, ctx.uniswap.weth.abi as Abi, 'deposit', [], { value: seedAmount, amount: seedAmount });
    await ctx.call(lead, ctx.weth, erc20Abi, 'approve', [this.market2, seedAmount], { amount: seedAmount });
    await ctx.call(lead, this.market2, this.abi('PricedLendingPool'), 'supply', [seedAmount], { amount: seedAmount });
    const impl = (await ctx.deploy(lead, 'UpgradeableVaultV1', [ctx.weth])).address;
    const init = encodeFunctionData({ abi: this.abi('UpgradeableVaultV1'), functionName: 'initialize', args: [this.safe, ctx.weth] });
    this.safeProxy = (await ctx.deploy(lead, 'TeamProxy', [impl, init])).address;
  }

  /** A proposal to the team's multisig, confirmed by as many other owners as the threshold needs (the last confirmation executes it). */
  private async safeExecute(to: Address, value: bigint, data: `0x${string}`): Promise<void> {
    const ctx = this.ctx;
    const abi = this.abi('TeamSafe');
    const owners = [...this.safeOwners];
    const proposer = this.rng.pick(owners);
    await ctx.call(proposer, this.safe, abi, 'propose', [to, value, data], { amount: value });
    const id = BigInt(this.safeProposals++);
    const others = owners.filter((o) => o !== proposer);
    for (let i = 1; i < this.safeThreshold; i++) {
      const k = this.rng.int(0, others.length - 1);
      const [signer] = others.splice(k, 1) as [PrivateKeyAccount];
      await ctx.call(signer, this.safe, abi, 'confirm', [id]);
    }
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
      default:
        return this.extendedStep(kind, w, users);
    }
  }

  private async extendedStep(kind: OrdinaryKind, w: PrivateKeyAccount, users: readonly PrivateKeyAccount[]): Promise<boolean> {
    if (!this.extended) return false;
    const ctx = this.ctx;
    const rng = this.rng;
    const weth = ctx.weth;
    const dai = ctx.token('DAI');
    const mabi = this.abi('PricedLendingPool');
    switch (kind) {
      case 'marketSupply': {
        const amount = await this.wethPart(w, 40);
        if (amount === 0n) return false;
        await this.ensureApproval(w, weth, this.market2);
        await ctx.call(w, this.market2, mabi, 'supply', [amount], { amount });
        return true;
      }
      case 'marketWithdraw': {
        const supplied = await ctx.read<bigint>(this.market2, mabi, 'supplied', [w.address]);
        const cash = await ctx.balanceOf(weth, this.market2);
        let amount = (supplied * BigInt(rng.int(10, 100))) / 100n;
        if (amount > cash) amount = cash;
        if (amount === 0n) return false;
        await ctx.call(w, this.market2, mabi, 'withdrawSupply', [amount], { amount });
        return true;
      }
      case 'marketBorrow': {
        // Collateral in, then a loan at 40–69 % of its value (the market allows 70 %).
        const col = (await ctx.balanceOf(dai, w.address)) / BigInt(rng.int(3, 8));
        if (col === 0n) return false;
        await this.ensureApproval(w, dai, this.market2);
        await ctx.call(w, this.market2, mabi, 'depositCollateral', [col], { amount: col });
        const value = await ctx.read<bigint>(this.market2, mabi, 'collateralValue', [w.address]);
        const debt = await ctx.read<bigint>(this.market2, mabi, 'debt', [w.address]);
        let amount = (value * BigInt(rng.int(40, 69))) / 100n - debt;
        const cash = await ctx.balanceOf(weth, this.market2);
        if (amount > cash / 2n) amount = cash / 2n;
        if (amount <= 0n) return true;
        await ctx.call(w, this.market2, mabi, 'borrow', [amount], { amount });
        this.borrowers.add(w);
        return true;
      }
      case 'marketRepay': {
        const debt = await ctx.read<bigint>(this.market2, mabi, 'debt', [w.address]);
        const held = await ctx.balanceOf(weth, w.address);
        let amount = (debt * BigInt(rng.int(30, 100))) / 100n;
        if (amount > held) amount = held;
        if (amount === 0n) return false;
        await this.ensureApproval(w, weth, this.market2);
        await ctx.call(w, this.market2, mabi, 'repay', [amount], { amount });
        return true;
      }
      case 'liquidate': {
        // An ordinary liquidator (any user watching the market) repays part of an unhealthy loan for the bonus.
        for (const b of this.borrowers) {
          if (b === w) continue;
          if (!(await ctx.read<boolean>(this.market2, mabi, 'liquidatable', [b.address]))) continue;
          const debt = await ctx.read<bigint>(this.market2, mabi, 'debt', [b.address]);
          let amount = (debt * BigInt(rng.int(20, 50))) / 100n;
          const held = await ctx.balanceOf(weth, w.address);
          if (amount > held) amount = held;
          if (amount === 0n) return false;
          await this.ensureApproval(w, weth, this.market2);
          await ctx.call(w, this.market2, mabi, 'liquidate', [b.address, amount], { amount });
          return true;
        }
        return false;
      }
      case 'safePay': {
        const payee = rng.pick(users).address;
        if ((await ctx.ethBalance(this.safe)) < parseEther('5')) await ctx.send(rng.pick(this.safeOwners), { to: this.safe, value: parseEther('3') }, { method: 'transfer ETH', amount: parseEther('3') });
        if (rng.chance(0.5)) await this.safeExecute(payee, rng.between(parseEther('0.1'), parseEther('2')), '0x');
        else await this.safeExecute(dai, 0n, encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [payee, parseUnits(String(rng.int(500, 5_000)), 18)] }));
        return true;
      }
      case 'safePriceChange': {
        // The team follows the market: the price moves -14 %…+12 %, within half and twice the exchange's price.
        const base = await this.daiPrice();
        let next = (this.price * BigInt(rng.int(86, 112))) / 100n;
        if (next < base / 2n) next = base / 2n;
        if (next > base * 2n) next = base * 2n;
        await this.safeExecute(this.market2, 0n, encodeFunctionData({ abi: this.abi('PricedLendingPool'), functionName: 'setPrice', args: [next] }));
        this.price = next;
        return true;
      }
      case 'safeUpgrade': {
        // A new implementation deployed by a team member, the upgrade executed by the multisig that owns the vault.
        const dev = rng.pick(this.safeOwners);
        const next = this.safeUpgrades++ % 2 === 0 ? await ctx.deploy(dev, 'UpgradeableVaultV2', []) : await ctx.deploy(dev, 'UpgradeableVaultV1', [weth]);
        await this.safeExecute(this.safeProxy, 0n, encodeFunctionData({ abi: this.abi('UpgradeableVaultV2'), functionName: 'upgradeTo', args: [next.address] }));
        return true;
      }
      case 'safeOwnerChange': {
        const sabi = this.abi('TeamSafe');
        if (this.safeOwners.length <= 3 || rng.chance(0.4)) {
          // A new member joins (funded by the exchange for gas), sometimes with a higher threshold.
          const member = privateKeyToAccount(seededKey(this.seed, 'ordinary-safe-owner', this.newOwners++));
          await ctx.fundEth(member.address, parseEther('5'));
          await this.safeExecute(this.safe, 0n, encodeFunctionData({ abi: sabi, functionName: 'addOwner', args: [member.address] }));
          this.safeOwners.push(member);
        } else if (this.safeThreshold === 2 && this.safeOwners.length >= 4 && rng.chance(0.3)) {
          await this.safeExecute(this.safe, 0n, encodeFunctionData({ abi: sabi, functionName: 'changeThreshold', args: [3n] }));
          this.safeThreshold = 3;
        } else {
          // A member leaves; the threshold comes back to 2 first when it would no longer fit.
          if (this.safeThreshold > this.safeOwners.length - 1 || rng.chance(0.5)) {
            await this.safeExecute(this.safe, 0n, encodeFunctionData({ abi: sabi, functionName: 'changeThreshold', args: [2n] }));
            this.safeThreshold = 2;
          }
          const leaving = this.safeOwners[rng.int(0, this.safeOwners.length - 1)] as PrivateKeyAccount;
          await this.safeExecute(this.safe, 0n, encodeFunctionData({ abi: sabi, functionName: 'removeOwner', args: [leaving.address] }));
          this.safeOwners.splice(this.safeOwners.indexOf(leaving), 1);
        }
        return true;
      }
      case 'teamLaunch': {
        // A new team: funded by the exchange, deploys a market and a 2-of-3 multisig, hands the market's
        // ownership to the multisig, and seeds the market with WETH.
        const n = this.launches++;
        const members = [0, 1, 2].map((i) => privateKeyToAccount(seededKey(this.seed, `ordinary-launch-${n}`, i)));
        const [dev] = members as [PrivateKeyAccount];
        await ctx.fundEth(dev.address, parseEther(String(rng.int(15, 40))));
        const market = await ctx.deploy(dev, 'PricedLendingPool', [weth, dai, await this.daiPrice()]);
        const safe = await ctx.deploy(dev, 'TeamSafe', [members.map((m) => m.address), 2n]);
        await ctx.call(dev, market.address, mabi, 'transferOwnership', [safe.address]);
        const seedAmount = parseEther(String(rng.int(2, 10)));
        await ctx.call(dev, weth, ctx.uniswap.weth.abi as Abi, 'deposit', [], { value: seedAmount, amount: seedAmount });
        await ctx.call(dev, weth, erc20Abi, 'approve', [market.address, seedAmount], { amount: seedAmount });
        await ctx.call(dev, market.address, mabi, 'supply', [seedAmount], { amount: seedAmount });
        return true;
      }
      default:
        return false;
    }
  }
}

export type { Rng };
