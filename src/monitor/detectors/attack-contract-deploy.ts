import type { Finding } from '../../core/finding.js';
import { defineMonitorDetector, report } from './detector.js';

const FRESH_DEPLOYER = 300n;
const MIN_BALANCE = 10n ** 18n;
/** Constructor arguments looked at: the last words of the creation input. */
const ARG_WORDS = 6;

const meta = {
  id: 'attack-contract-deploy',
  title: 'Fresh address deploys a contract aimed at a pot of users\' ETH',
  severity: 'medium' as const,
  confidence: 0.7,
  kind: 'reentrancy' as const,
  description: 'An address funded moments earlier deployed a contract whose constructor arguments name another contract that holds ETH sent by several users: the usual set-up of an exploit contract.',
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

export default defineMonitorDetector(meta, () => null, async (tx, _own, env) => {
  if (tx.status !== 'success' || tx.to !== null || !tx.contractAddress || !env.chain) return [];
  const first = env.state.firstSeen.get(tx.from);
  if (first === undefined || tx.blockNumber - first > FRESH_DEPLOYER || (env.state.sent.get(tx.from) ?? 0) > 2) return [];
  const out: Finding[] = [];
  for (const target of trailingAddresses(tx.input)) {
    const senders = env.state.ethSenders.get(target);
    if (!senders || senders.size < 2 || env.knownGood.has(target)) continue;
    const balance = await env.chain.getBalance(target, tx.blockNumber);
    if (balance < MIN_BALANCE) continue;
    out.push(
      report(meta, env, {
        tx,
        stage: 'preparation',
        address: tx.from,
        role: 'attacker',
        message: `${tx.from}, first seen ${Number(tx.blockNumber - first)} blocks ago, deployed ${tx.contractAddress} pointed at ${target}, which holds ${balance} wei from ${senders.size} depositors.`,
        evidence: { deployer: tx.from, contract: tx.contractAddress, target, targetBalance: String(balance), depositors: senders.size },
      }),
    );
  }
  return out;
});
