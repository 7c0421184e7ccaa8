/**
 * `npm run eval:guardian`: the guardian on a devnet with interval mining (a block a second). A pausable
 * vault (contracts/guard/GuardianTargets.sol: the simulator's EtherVault with a pause and an owner sweep) is
 * protected; the attacks are the simulator's reentrancy drain (its own VaultReentrancyAttacker) and a drain
 * by a stolen admin key (sweep), three rounds each, sent to the mempool like any transaction. An attack is
 * stopped when its transaction lands reverted because the guardian's pause was mined ahead of it. Ordinary
 * withdrawals (each under half of the vault) run as a control: none may trigger a pause.
 */
import { parseAbi, parseEther, type Address, type PrivateKeyAccount } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startDevnet } from '../src/chain/devnet/index.js';
import { compileDevContracts } from '../src/chain/devnet/compile.js';
import { SimContext, SCENARIO_SOURCES } from '../src/chain/scenarios/index.js';
import { Guardian, type GuardianEvent } from '../src/guard/guardian.js';

const vaultAbi = parseAbi(['function deposit() payable', 'function withdraw()', 'function sweep(address to)', 'function unpause()', 'function paused() view returns (bool)']);
const attackerAbi = parseAbi(['function attack() payable']);

async function main(): Promise<void> {
  const say = (m: string) => process.stderr.write(`${m}\n`);
  const devnet = await startDevnet({ accounts: 8, blockTimeMs: 1000 });
  let guardian: Guardian | undefined;
  try {
    const artifacts = await compileDevContracts({ sources: [...SCENARIO_SOURCES, 'contracts/guard/GuardianTargets.sol'] });
    const ctx = new SimContext(devnet.describe(), artifacts);
    const key = (i: number) => privateKeyToAccount(devnet.accounts[i]?.privateKey as `0x${string}`);
    const owner = ctx.funder;
    const guardianKey = devnet.accounts[7]?.privateKey as `0x${string}`;
    const vault = (await ctx.deploy(owner, 'PausableEtherVault', [privateKeyToAccount(guardianKey).address])).address;
    await ctx.call(owner, vault, vaultAbi, 'deposit', [], { value: parseEther('60') });
    const users = [key(1), key(2), key(3)];
    for (const u of users) await ctx.call(u, vault, vaultAbi, 'deposit', [], { value: parseEther('10') });
    const events: GuardianEvent[] = [];
    guardian = await Guardian.start({ upstreamUrl: devnet.rpcUrl, protect: [vault], key: guardianKey, maxLossShare: 0.5, onEvent: (e) => { events.push(e); say(`guardian: ${e.message}`); } });
    const attacker = key(4);
    const thief: Address = key(5).address;
    const rounds: Array<{ kind: string; stopped: boolean; note: string }> = [];
    const restore = async () => {
      if (await ctx.read<boolean>(vault, vaultAbi, 'paused')) await ctx.call(owner, vault, vaultAbi, 'unpause', []);
      const held = await ctx.ethBalance(vault);
      if (held < parseEther('60')) await ctx.call(owner, vault, vaultAbi, 'deposit', [], { value: parseEther('60') - held });
    };
    for (let round = 0; round < 3; round++) {
      // The simulator's reentrancy attack: deploy the attacker contract, then one transaction drains.
      const contract = (await ctx.deploy(attacker as PrivateKeyAccount, 'VaultReentrancyAttacker', [vault])).address;
      const before = await ctx.ethBalance(vault);
      const sent = await ctx.call(attacker, contract, attackerAbi, 'attack', [], { value: parseEther('1'), expectRevert: true });
      const after = await ctx.ethBalance(vault);
      rounds.push({ kind: 'reentrancy drain', stopped: sent.status === 'reverted' && after >= before, note: `vault ${Number(before) / 1e18} → ${Number(after) / 1e18} ETH` });
      await restore();
      // A stolen admin key sweeps the vault.
      const b2 = await ctx.ethBalance(vault);
      const swept = await ctx.call(owner, vault, vaultAbi, 'sweep', [thief], { expectRevert: true });
      const a2 = await ctx.ethBalance(vault);
      rounds.push({ kind: 'admin-key sweep', stopped: swept.status === 'reverted' && a2 >= b2, note: `vault ${Number(b2) / 1e18} → ${Number(a2) / 1e18} ETH` });
      await restore();
    }
    // Control: ordinary withdrawals, each a sixth of the vault or less.
    const pausesBefore = guardian.stats.attacks;
    let controlOk = 0;
    for (const u of users) {
      const w = await ctx.call(u, vault, vaultAbi, 'withdraw', [], { expectRevert: true });
      if (w.status === 'success') controlOk++;
    }
    const falsePauses = guardian.stats.attacks - pausesBefore;
    const lines: string[] = [];
    lines.push('argus guard guardian on the devnet (a block every second), protecting a pausable vault (60 ETH of liquidity, 3 depositors)');
    for (const r of rounds) lines.push(`  ${r.kind.padEnd(18)} ${r.stopped ? 'stopped before exploitation' : 'NOT stopped'}  (${r.note})`);
    const stopped = rounds.filter((r) => r.stopped).length;
    lines.push(`attacks stopped before the exploitation landed: ${stopped}/${rounds.length} (kinds: reentrancy drain ${rounds.filter((r) => r.kind === 'reentrancy drain' && r.stopped).length}/3, admin-key sweep ${rounds.filter((r) => r.kind === 'admin-key sweep' && r.stopped).length}/3)`);
    lines.push(`ordinary withdrawals: ${controlOk}/${users.length} went through, ${falsePauses} false pauses`);
    lines.push(`guardian: ${guardian.stats.pendingSeen} pending transactions seen, ${guardian.stats.simulated} simulated, ${guardian.stats.attacks} attacks, ${guardian.stats.responses} responses sent`);
    lines.push("the simulator's other kinds (rug pulls, honeypots, approval phishing, wash trading, address poisoning, sanctions, price manipulation) are not covered: they are not drains of a pausable protocol, or (price manipulation) not built against a pausable target yet");
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await guardian?.stop();
    await devnet.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
