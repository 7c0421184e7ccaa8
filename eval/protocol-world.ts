/**
 * Devnet protocols whose settings are known because this file set them: the devnet's Uniswap V2 pair and
 * tokens, the governance devnet's OpenZeppelin Governor + Timelock DAO (a UUPS pool it owns, a token whose
 * minter it is), and the protocol fixtures (contracts/protocol/ProtocolFixtures.sol): a Safe-like 2-of-3
 * multisig holding a token's admin and pause roles, transparent and beacon proxies, and lenders priced by
 * spot reserves, a TWAP and a Chainlink-style feed. After the set-up, two privileged changes are made (an
 * ownership transfer; a pause executed by the multisig), so "recent changes" has something to find.
 *
 * `expect` is written here from what was deployed, not read back through the code under test.
 */
import { encodeDeployData, encodeFunctionData, getAddress, parseEther, zeroHash, type Abi, type Address, type Hex } from 'viem';
import { startDevnet, type Devnet } from '../src/chain/devnet/index.js';
import { compileDevContracts } from '../src/chain/devnet/compile.js';
import type { Artifact } from '../src/chain/devnet/artifacts.js';
import { rpc } from '../src/chain/rpc/json-rpc.js';
import { deployDao, type DaoDeployment } from '../src/governance/devnet.js';
import { sendLocal } from '../src/governance/tx.js';

export interface ProtocolCase {
  name: string;
  address: Address;
  expect: Record<string, string>;
}

export interface ProtocolWorld {
  devnet: Devnet;
  url: string;
  accounts: Address[];
  dao: DaoDeployment;
  safe: Address;
  cases: ProtocolCase[];
  /** The head once everything was set up, before the two privileged changes. */
  setupBlock: bigint;
  fixtures: Record<string, Artifact>;
  deploy(name: string, args?: readonly unknown[], from?: Address): Promise<Address>;
  call(to: Address, name: string, fn: string, args?: readonly unknown[], from?: Address): Promise<void>;
  /** Runs `fn` on `to` through the 2-of-3 multisig (two owners approve, one executes). */
  viaSafe(to: Address, name: string, fn: string, args?: readonly unknown[]): Promise<void>;
}

export const FIXTURE_SOURCES = ['contracts/protocol/ProtocolFixtures.sol'];

export async function buildProtocolWorld(options: { changes?: boolean } = {}): Promise<ProtocolWorld> {
  const fixtures = await compileDevContracts({ sources: FIXTURE_SOURCES });
  const devnet = await startDevnet({ accounts: 10 });
  const url = devnet.rpcUrl;
  const accounts = (await rpc<Address[]>(url, 'eth_accounts')).map((a) => getAddress(a));
  const [a0, , , , , a5, a6, a7, a8, a9] = accounts as [Address, Address, Address, Address, Address, Address, Address, Address, Address, Address];
  const dao = await deployDao(url, accounts.slice(0, 5));
  const abi = (name: string) => (fixtures[name] as Artifact).abi as Abi;
  const deploy = async (name: string, args: readonly unknown[] = [], from: Address = a0): Promise<Address> => {
    const a = fixtures[name] as Artifact;
    const r = await sendLocal(url, { from, data: encodeDeployData({ abi: a.abi as Abi, bytecode: a.bytecode, args } as Parameters<typeof encodeDeployData>[0]) });
    return getAddress(r.contractAddress as Address);
  };
  const data = (name: string, fn: string, args: readonly unknown[]) => encodeFunctionData({ abi: abi(name), functionName: fn, args } as Parameters<typeof encodeFunctionData>[0]);
  const call = async (to: Address, name: string, fn: string, args: readonly unknown[] = [], from: Address = a0) => {
    await sendLocal(url, { from, to, data: data(name, fn, args) });
  };
  const safe = await deploy('SafeLikeMultisig', [[a5, a6, a7], 2n]);
  const viaSafe = async (to: Address, name: string, fn: string, args: readonly unknown[] = []) => {
    const d = data(name, fn, args);
    const nonce = BigInt(await rpc<Hex>(url, 'eth_call', [{ to: safe, data: data('SafeLikeMultisig', 'nonce', []) }, 'latest']));
    const hash = await rpc<Hex>(url, 'eth_call', [{ to: safe, data: data('SafeLikeMultisig', 'txHash', [to, 0n, d, nonce]) }, 'latest']);
    await call(safe, 'SafeLikeMultisig', 'approveHash', [hash], a5);
    await call(safe, 'SafeLikeMultisig', 'approveHash', [hash], a6);
    await call(safe, 'SafeLikeMultisig', 'execTransaction', [to, 0n, d], a7);
  };

  const roleToken = await deploy('PausableRoleToken', [safe, safe, a8, a0, parseEther('1000000')]);
  const logic = await deploy('VaultLogic');
  const init = (owner: Address) => data('VaultLogic', 'initialize', [owner]);
  const transparent = await deploy('VaultTransparentProxy', [logic, a0, init(a0)]);
  const beacon = await deploy('VaultBeacon', [logic, safe]);
  const beaconVault = await deploy('VaultBeaconProxy', [beacon, init(dao.timelock)]);
  const pair = devnet.pools.find((p) => p.name === 'WETH/DAI')?.address as Address;
  const spot = await deploy('SpotPriceLender', [pair]);
  const twap = await deploy('TwapPriceLender', [pair]);
  const feed = await deploy('DevAggregator', [2000n * 10n ** 8n]);
  const chainlink = await deploy('ChainlinkPriceLender', [feed]);
  const setupBlock = BigInt(await rpc<Hex>(url, 'eth_blockNumber', []));
  if (options.changes !== false) {
    await call(spot, 'SpotPriceLender', 'transferOwnership', [a9]);
    await viaSafe(roleToken, 'PausableRoleToken', 'pause');
  }

  const byGovernor = 'timelock 3600s by governor';
  const none = { upgrader: '-', pause: 'no', mint: 'no' };
  const cases: ProtocolCase[] = [
    { name: 'Uniswap V2 pair WETH/DAI', address: pair, expect: { kind: 'contract', proxy: 'none', ...none, owner: '-', admin: '-', oracle: 'none', 'recent changes': '0', 'top holder %': '100', 'top LP holder %': '100' } },
    { name: 'DevToken DAI (Ownable, owner mints)', address: devnet.tokens.DAI?.address as Address, expect: { proxy: 'none', upgrader: '-', owner: 'eoa', admin: '-', pause: 'no', mint: 'eoa', oracle: 'none', 'recent changes': '0' } },
    { name: 'DAO voting token (ERC20Votes)', address: dao.token, expect: { proxy: 'none', ...none, owner: '-', admin: '-', oracle: 'none', 'top holder %': '30' } },
    { name: 'DAO protocol token (MINTER_ROLE: timelock)', address: dao.mintable, expect: { proxy: 'none', upgrader: '-', owner: '-', admin: byGovernor, pause: 'no', mint: byGovernor, oracle: 'none' } },
    { name: 'DAO lending pool (UUPS, owned by the timelock)', address: dao.pool, expect: { kind: 'contract', proxy: 'uups', upgrader: byGovernor, owner: byGovernor, admin: '-', pause: 'no', mint: 'no', oracle: 'none', 'recent changes': '0' } },
    { name: 'DAO timelock (self-administered)', address: dao.timelock, expect: { proxy: 'none', upgrader: '-', owner: '-', admin: byGovernor, pause: 'no', mint: 'no' } },
    { name: 'Role token (admin and pauser: 2-of-3 multisig; minter: a key)', address: roleToken, expect: { proxy: 'none', upgrader: '-', owner: '-', admin: 'multisig 2-of-3', pause: 'multisig 2-of-3', mint: 'eoa', paused: 'true', oracle: 'none', 'recent changes': '1', 'top holder %': '100' } },
    { name: 'Vault behind a transparent proxy (ProxyAdmin owned by a key)', address: transparent, expect: { proxy: 'transparent', upgrader: 'eoa', owner: 'eoa', pause: 'no', mint: 'no', oracle: 'none' } },
    { name: 'Vault behind a beacon (beacon owned by the multisig)', address: beaconVault, expect: { proxy: 'beacon', upgrader: 'multisig 2-of-3', owner: byGovernor, pause: 'no', mint: 'no', oracle: 'none' } },
    { name: 'Lender priced by spot reserves', address: spot, expect: { proxy: 'none', ...none, owner: 'eoa', oracle: 'spot', 'recent changes': '1' } },
    { name: 'Lender priced by a cumulative-price TWAP', address: twap, expect: { proxy: 'none', ...none, owner: 'eoa', oracle: 'twap', 'recent changes': '0' } },
    { name: 'Lender priced by a Chainlink-style feed', address: chainlink, expect: { proxy: 'none', ...none, owner: 'eoa', oracle: 'chainlink' } },
    { name: 'Chainlink-style feed (owner sets the answer)', address: feed, expect: { proxy: 'none', ...none, owner: 'eoa', oracle: 'none' } },
    { name: 'Safe-like multisig itself', address: safe, expect: { kind: 'contract', proxy: 'none', ...none, owner: '-', admin: '-', oracle: 'none' } },
    { name: 'WETH9', address: devnet.contracts.weth9, expect: { proxy: 'none', ...none, owner: '-', admin: '-', oracle: 'none' } },
    { name: 'A plain key (not a protocol)', address: a9, expect: { kind: 'eoa' } },
  ];
  void zeroHash;
  return { devnet, url, accounts, dao, safe, cases, setupBlock, fixtures, deploy, call, viaSafe };
}
