import type { Finding } from '../../core/finding.js';
import { defineMonitorDetector, report, type DetectorEnv } from './detector.js';
import { count, formatEth, formatToken } from '../../core/amounts.js';
import { transfersOf, type TxView } from '../state.js';

const FRESH_DEPLOYER = 300n;
const MIN_BALANCE = 10n ** 18n;
/** Constructor arguments looked at: the last words of the creation input. */
const ARG_WORDS = 6;

const meta = {
  id: 'attack-contract-deploy',
  title: 'Fresh address deploys a contract aimed at a pot of users\' funds',
  severity: 'medium' as const,
  confidence: 0.7,
  kind: 'reentrancy' as const,
  description: 'An address funded moments earlier deployed a contract whose constructor arguments name another contract that holds ETH or tokens deposited by several users (a vault, a lending pool): the usual set-up of an exploit contract.',
  recommendation: 'Watch the named contract closely; pause it if it can be paused and the new contract calls it.',
};

/** Addresses among the trailing 32-byte words of a creation input. */
export function trailingAddresses(input: string, words = ARG_WORDS): string[] {
  const hex = input.startsWith('0x') ? input.slice(2) : input;
  const out: string[] = [];
  for (let i = 1; i <= words && hex.length >= i * 64; i++) {
    const w = hex.slice(hex.length - i * 64, hex.length - (i - 1) * 64);
    if (/^0{24}/.test(w) && !/^0{40}/.test(w.slice(24))) out.push('0x' + w.slice(24).toLowerCase());
  }
  return out;
}

interface Own {
  /** contract -> token -> distinct depositors (ERC-20 moved from their own account into the contract). */
  tokenDepositors: Map<string, Map<string, Set<string>>>;
}

/** Remembers who deposited tokens into which contract (pools excluded: trading is not depositing). */
function learnDeposits(tx: TxView, own: Own, isPlainContract: (a: string) => boolean): void {
  if (tx.status !== 'success') return;
  for (const t of transfersOf(tx)) {
    if (t.from !== tx.from || !isPlainContract(t.to)) continue;
    let byToken = own.tokenDepositors.get(t.to);
    if (!byToken) own.tokenDepositors.set(t.to, (byToken = new Map()));
    const set = byToken.get(t.token) ?? new Set<string>();
    set.add(t.from);
    byToken.set(t.token, set);
  }
}

export default defineMonitorDetector(meta, (): Own => ({ tokenDepositors: new Map() }), async (tx, own, env) => {
  learnDeposits(tx, own, (a) => env.state.contracts.has(a) && !env.state.pools.has(a));
  if (tx.status !== 'success' || tx.to !== null || !tx.contractAddress || !env.chain) return [];
  const first = env.state.firstSeen.get(tx.from);
  if (first === undefined || tx.blockNumber - first > FRESH_DEPLOYER || (env.state.sent.get(tx.from) ?? 0) > 2) return [];
  const out: Finding[] = [];
  for (const target of trailingAddresses(tx.input)) {
    if (env.knownGood.has(target)) continue;
    const pot = await potOf(target, tx.blockNumber, own, env);
    if (!pot) continue;
    out.push(
      report(meta, env, {
        tx,
        stage: 'preparation',
        address: tx.from,
        role: 'attacker',
        message: `${tx.from}, first seen ${count(Number(tx.blockNumber - first), 'block')} ago, deployed ${tx.contractAddress} pointed at ${target}, which holds ${pot.asset === 'ETH' ? formatEth(pot.amount) : formatToken(pot.amount, pot.asset, env.tokens.get(pot.asset))} from ${pot.depositors} depositors.`,
        evidence: { deployer: tx.from, contract: tx.contractAddress, target, asset: pot.asset, targetBalance: String(pot.amount), depositors: pot.depositors },
      }),
    );
  }
  return out;
});

/** The pot a contract holds for several depositors: its ETH, or the token most of them deposited. */
async function potOf(target: string, blockNumber: bigint, own: Own, env: DetectorEnv): Promise<{ asset: string; amount: bigint; depositors: number } | undefined> {
  const senders = env.state.ethSenders.get(target);
  if (senders && senders.size >= 2 && env.chain) {
    const balance = await env.chain.getBalance(target, blockNumber);
    if (balance >= MIN_BALANCE) return { asset: 'ETH', amount: balance, depositors: senders.size };
  }
  for (const [token, depositors] of own.tokenDepositors.get(target) ?? []) {
    if (depositors.size < 2) continue;
    // Exact from Transfer events; the same floor in base units as for ETH (one token of 18 decimals).
    const amount = env.state.balance(token, target);
    if (amount >= MIN_BALANCE) return { asset: token, amount, depositors: depositors.size };
  }
  return undefined;
}
