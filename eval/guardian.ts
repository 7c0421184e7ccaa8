/**
 * `npm run eval:guardian`: the guardian on a devnet with interval mining (a block a second). A pausable
 * vault (contracts/guard/GuardianTargets.sol: the simulator's EtherVault with a pause and an owner sweep) is
 * protected; the attacks are the simulator's reentrancy drain (its own VaultReentrancyAttacker) and a drain
 * by a stolen admin key (sweep), three rounds each, sent to the mempool like any transaction. An attack is
 * stopped when its transaction lands reverted because the guardian's pause was mined ahead of it. Ordinary
 * withdrawals (each under half of the vault) run as a control: none may trigger a pause.
 */
import { createPublicClient, createWalletClient, encodeFunctionData, http, parseAbi, parseEther, type Abi, type Address, type PrivateKeyAccount } from 'viem';
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
    const pub = createPublicClient({ chain: devnet.chain, transport: http(devnet.rpcUrl) });
    // Sent like an attacker sends: gas estimated on the state before (enough for the whole drain), no waiting
    // on anyone, then the receipt read.
    const attack = async (signer: PrivateKeyAccount, to: Address, abi: Abi, functionName: string, args: unknown[], value = 0n) => {
      const data = encodeFunctionData({ abi, functionName, args });
      const gas = ((await pub.estimateGas({ account: signer.address, to, data, value })) * 3n) / 2n;
      const wallet = createWalletClient({ account: signer, chain: devnet.chain, transport: http(devnet.rpcUrl) });
      const hash = await wallet.sendTransaction({ to, data, value, gas });
      const receipt = await pub.waitForTransactionReceipt({ hash, pollingInterval: 100 });
      // Let the guardian's responses land before the next step.
      const g = privateKeyToAccount(guardianKey).address;
      for (let i = 0; i < 50; i++) {
        const [latest, pending] = await Promise.all([pub.getTransactionCount({ address: g, blockTag: 'latest' }), pub.getTransactionCount({ address: g, blockTag: 'pending' })]);
        if (latest === pending) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      return receipt.status;
    };
    const attacker = key(4);
    const thief: Address = key(5).address;
    const rounds: Array<{ kind: string; stopped: boolean; note: string }> = [];
    // From here on every transaction goes through viem (the simulation context caches nonces).
    const plain = async (signer: PrivateKeyAccount, to: Address, abi: Abi, functionName: string, args: unknown[], value = 0n) => {
      const wallet = createWalletClient({ account: signer, chain: devnet.chain, transport: http(devnet.rpcUrl) });
      const hash = await wallet.sendTransaction({ to, data: encodeFunctionData({ abi, functionName, args }), value, gas: 300_000n });
      return (await pub.waitForTransactionReceipt({ hash, pollingInterval: 100 })).status;
    };
    const restore = async () => {
      if (await ctx.read<boolean>(vault, vaultAbi, 'paused')) await plain(owner, vault, vaultAbi, 'unpause', []);
      const held = await ctx.ethBalance(vault);
      if (held < parseEther('60')) await plain(owner, vault, vaultAbi, 'deposit', [], parseEther('60') - held);
    };
    // Baseline, without the guardian: each attack drains the vault (so a stopped attack was a working one).
    const reentrancyRound = async () => {
      const art = artifacts.VaultReentrancyAttacker as { abi: Abi; bytecode: `0x${string}` };
      const deployHash = await createWalletClient({ account: attacker, chain: devnet.chain, transport: http(devnet.rpcUrl) }).deployContract({ abi: art.abi, bytecode: art.bytecode, args: [vault] });
      const contract = (await pub.waitForTransactionReceipt({ hash: deployHash, pollingInterval: 100 })).contractAddress as Address;
      const before = await ctx.ethBalance(vault);
      const status = await attack(attacker, contract, attackerAbi, 'attack', [], parseEther('10'));
      return { status, before, after: await ctx.ethBalance(vault) };
    };
    const base1 = await reentrancyRound();
    await restore();
    const b0 = await ctx.ethBalance(vault);
    const base2 = await attack(owner, vault, vaultAbi, 'sweep', [thief]);
    const a0 = await ctx.ethBalance(vault);
    await restore();
    const baseline = `without the guardian: reentrancy ${base1.status}, vault ${Number(base1.before) / 1e18} → ${Number(base1.after) / 1e18} ETH; admin-key sweep ${base2}, vault ${Number(b0) / 1e18} → ${Number(a0) / 1e18} ETH`;
    say(baseline);
    guardian = await Guardian.start({ upstreamUrl: devnet.rpcUrl, protect: [vault], key: guardianKey, maxLossShare: 0.5, onEvent: (e) => { events.push(e); say(`guardian: ${e.message}`); } });
    for (let round = 0; round < 3; round++) {
      // The simulator's reentrancy attack: deploy the attacker contract, then one transaction drains.
      const { status, before, after } = await reentrancyRound();
      rounds.push({ kind: 'reentrancy drain', stopped: status === 'reverted' && after >= before, note: `vault ${Number(before) / 1e18} → ${Number(after) / 1e18} ETH` });
      await restore();
      // A stolen admin key sweeps the vault.
      const b2 = await ctx.ethBalance(vault);
      const swept = await attack(owner, vault, vaultAbi, 'sweep', [thief]);
      const a2 = await ctx.ethBalance(vault);
      rounds.push({ kind: 'admin-key sweep', stopped: swept === 'reverted' && a2 >= b2, note: `vault ${Number(b2) / 1e18} → ${Number(a2) / 1e18} ETH` });
      await restore();
    }
    // Control: ordinary withdrawals, each a sixth of the vault or less.
    const pausesBefore = guardian.stats.attacks;
    let controlOk = 0;
    for (const u of users) if ((await plain(u, vault, vaultAbi, 'withdraw', [])) === 'success') controlOk++;
    await new Promise((r) => setTimeout(r, 2_500)); // a pause answering a withdrawal would land by now
    const falsePauses = guardian.stats.attacks - pausesBefore;
    const lines: string[] = [];
    lines.push('argus guard guardian on the devnet (a block every second), protecting a pausable vault (60 ETH of liquidity, 3 depositors of 10 ETH)');
    lines.push(baseline);
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
