/**
 * The chain half of `npm run eval:token`: whole `argus token` reports (`checkToken`) on a devnet.
 *
 * - Scam tokens of the attack scenarios, each checked AS OF THE BLOCK BEFORE ITS EXPLOITATION (the point
 *   of the check is to warn before the rug): the report must name the right reason (the honeypot's sell
 *   failing in simulation, the sell-tax token's unbounded tax setter, the hidden mint behind rebase(), the
 *   liquidity the soft-rug creator can pull) and score at least WARN_AT (a warning).
 * - Clean tokens of contracts/token-corpus/Clean.sol, compiled here with the optimizer (the static
 *   evaluation compiles without it), deployed with a pool: no flag the manifest says is false may be true,
 *   and the simulated trades must go through (not a honeypot, no tax beyond the token's own).
 * - Both judged by one rule too, the risk score a user sees: a token is flagged at WARN_AT and at the
 *   CLI's --fail-above default; a clean token flagged is a false alarm, whatever its static flags say.
 *   Each scam's reason is also looked for on the clean tokens: a reason they carry too tells nothing apart.
 */
import { createWalletClient, http, maxUint256, parseEther, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { compileDevContracts } from '../src/chain/devnet/compile.js';
import { devnetChain, startDevnet } from '../src/chain/devnet/index.js';
import { SimContext, simulate } from '../src/chain/scenarios/index.js';
import { checkToken } from '../src/token/check.js';
import { devnetDex, TradeSimulator } from '../src/token/simulate/index.js';
import { FLAG_NAMES, type TokenReport } from '../src/token/types.js';
import { loadExpected } from '../src/token/flags/corpus.js';

/** The risk score the scams are credited at (a warning); the CLI fails at DEFAULT_FAIL_ABOVE. */
export const WARN_AT = 50;

export interface ScamCase {
  kind: string;
  token: string;
  block: number;
  expected: string;
  passed: boolean;
  riskScore: number;
  reasons: string[];
}

export interface CleanCase {
  name: string;
  token: string;
  falseFlags: string[];
  honeypot: boolean | null;
  sellTax: number | null;
  riskScore: number;
  reasons: string[];
  passed: boolean;
}

export interface ChainEval {
  scams: ScamCase[];
  clean: CleanCase[];
  /** Per scam kind: how many clean tokens carry its right reason too. */
  reasonOnClean: Record<string, number>;
  medianSeconds: number;
}

/** What each scenario's report must say, checked on the report itself. */
export const RIGHT_REASON: Record<string, { says: string; holds: (r: Pick<TokenReport, 'simulation' | 'flags' | 'reasons'>) => boolean }> = {
  honeypot: { says: 'a simulated sell fails (is_honeypot)', holds: (r) => r.simulation?.is_honeypot === true },
  'honeypot-sell-tax': { says: 'the owner can set the sell tax without a bound (slippage_modifiable)', holds: (r) => r.flags.slippage_modifiable.value === true },
  'hard-rug-pull': { says: 'hidden mint (hidden_mint)', holds: (r) => r.flags.hidden_mint.value === true },
  'soft-rug-pull': { says: 'the creator holds the liquidity, neither burned nor locked', holds: (r) => r.reasons.some((x) => /holds .* of the liquidity/.test(x.reason)) },
};

const CLEAN = ['PlainToken', 'BurnableToken', 'CappedToken', 'PermitToken', 'VotesToken', 'OwnedMetadataToken', 'CappedFeeToken', 'SimpleCleanToken'] as const;

const routerAbi = [
  {
    type: 'function',
    name: 'addLiquidityETH',
    stateMutability: 'payable',
    inputs: [
      { name: 'token', type: 'address' },
      { name: 'amountTokenDesired', type: 'uint256' },
      { name: 'amountTokenMin', type: 'uint256' },
      { name: 'amountETHMin', type: 'uint256' },
      { name: 'to', type: 'address' },
      { name: 'deadline', type: 'uint256' },
    ],
    outputs: [],
  },
] as const;
const tokenAbi = [
  { type: 'function', name: 'approve', stateMutability: 'nonpayable', inputs: [{ name: 's', type: 'address' }, { name: 'v', type: 'uint256' }], outputs: [{ type: 'bool' }] },
  { type: 'function', name: 'balanceOf', stateMutability: 'view', inputs: [{ name: 'a', type: 'address' }], outputs: [{ type: 'uint256' }] },
] as const;

export async function evaluateOnChain(log: (m: string) => void = () => {}): Promise<ChainEval> {
  const devnet = await startDevnet({ port: 0 });
  const simulator = await TradeSimulator.start({ upstreamUrl: devnet.rpcUrl });
  const seconds: number[] = [];
  const timed = async (f: () => Promise<TokenReport>) => {
    const t0 = performance.now();
    const r = await f();
    seconds.push((performance.now() - t0) / 1000);
    return r;
  };
  try {
    const description = devnet.describe();
    const dex = devnetDex(description);
    log('running the honeypot, sell-tax honeypot, hard-rug and soft-rug scenarios');
    const sim = await simulate(description, { seed: 'eval-token', mode: 'alone', scenarios: ['honeypot', 'honeypot-tax', 'hard-rug', 'soft-rug'], wallets: 6 });
    const scams: ScamCase[] = [];
    for (const attack of sim.attacks) {
      const rule = RIGHT_REASON[attack.kind];
      if (!rule) continue;
      const block = Math.min(...attack.txs.filter((t) => t.stage === 'exploitation').map((t) => t.block)) - 1;
      const token = String(attack.addresses.token);
      const report = await timed(() => checkToken({ address: token, rpcUrl: devnet.rpcUrl, dex, simulator, block }));
      scams.push({ kind: attack.kind, token, block, expected: rule.says, passed: rule.holds(report) && report.riskScore >= WARN_AT, riskScore: report.riskScore, reasons: report.reasons.map((r) => `+${r.points} ${r.reason}`) });
    }

    log('deploying the clean tokens of contracts/token-corpus/Clean.sol with pools');
    const artifacts = await compileDevContracts({ sources: ['contracts/token-corpus/Clean.sol'] });
    const ctx = await SimContext.create(description);
    const account = privateKeyToAccount((description.accounts[3] as { privateKey: Hex }).privateKey);
    const wallet = createWalletClient({ account, chain: devnetChain(description.rpcUrl, description.wsUrl, description.chainId), transport: http(description.rpcUrl) });
    const expected = loadExpected();
    const clean: CleanCase[] = [];
    const reasonOnClean: Record<string, number> = Object.fromEntries(scams.map((x) => [x.kind, 0]));
    for (const name of CLEAN) {
      const artifact = artifacts[name];
      if (!artifact) throw new Error(`${name} is not in contracts/token-corpus/Clean.sol`);
      const hash = await wallet.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode as Hex, args: [] });
      const receipt = await ctx.client.waitForTransactionReceipt({ hash });
      const token = receipt.contractAddress as Address;
      const held = await ctx.client.readContract({ address: token, abi: tokenAbi, functionName: 'balanceOf', args: [account.address] });
      await ctx.client.waitForTransactionReceipt({ hash: await wallet.writeContract({ address: token, abi: tokenAbi, functionName: 'approve', args: [dex.router, maxUint256] }) });
      await ctx.client.waitForTransactionReceipt({
        hash: await wallet.writeContract({ address: dex.router, abi: routerAbi, functionName: 'addLiquidityETH', args: [token, held / 2n, 0n, 0n, account.address, 2n ** 40n], value: parseEther('10') }),
      });
      const report = await timed(() => checkToken({ address: token, rpcUrl: devnet.rpcUrl, dex, simulator }));
      const flags = expected[name]?.flags ?? {};
      const falseFlags = FLAG_NAMES.filter((f) => flags[f] === false && report.flags[f].value === true);
      const sellTax = report.simulation?.sellTax ?? null;
      // CappedFeeToken takes its own (capped, 5 %) fee; anything above that is a measurement error.
      const taxOk = sellTax !== null && sellTax <= (name === 'CappedFeeToken' ? 0.06 : 0.001);
      clean.push({ name, token, falseFlags, honeypot: report.simulation?.is_honeypot ?? null, sellTax, riskScore: report.riskScore, reasons: report.reasons.map((r) => `+${r.points} ${r.reason}`), passed: falseFlags.length === 0 && report.simulation?.is_honeypot === false && taxOk });
      for (const scam of scams) if (RIGHT_REASON[scam.kind]!.holds(report)) reasonOnClean[scam.kind] = (reasonOnClean[scam.kind] ?? 0) + 1;
    }
    const sorted = [...seconds].sort((a, b) => a - b);
    return { scams, clean, reasonOnClean, medianSeconds: sorted[Math.floor(sorted.length / 2)] ?? NaN };
  } finally {
    await simulator.stop();
    await devnet.stop();
  }
}
