import { describe, expect, it } from 'vitest';
import type { PrivacyTx, PrivacyEvent } from './activity.js';
import { ActivityIndex } from './index-activity.js';
import { airdropLinks, depositAddressLinks, mixerGasPriceLinks, mixerLinkedAddressLinks, mixerMultiDenominationLinks, mixerSameAddressLinks, mixerTimingLinks, selfAuthorisationLinks, type Link } from './heuristics.js';
import { analyseAddress, anonymitySets, clusterOf } from './analyse.js';

const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;
const DEFAULT_FEE = '1559:100000000000/1000000000';
let seq = 0;
function tx(from: string, to: string | null, opts: { value?: bigint; time?: number; fee?: string; events?: PrivacyEvent[] } = {}): PrivacyTx {
  seq++;
  return { chainId: 1, block: seq, time: opts.time ?? seq * 12, hash: `0x${seq.toString(16).padStart(64, '0')}`, index: 0, from, to, value: String(opts.value ?? 0n), fee: opts.fee ?? DEFAULT_FEE, events: opts.events ?? [] };
}
const ETH = 10n ** 18n;
const pool1 = addr(0x9001);
const pool01 = addr(0x9002);
const token = addr(0x7000);
const deposit = (from: string, pool: string, value: bigint, opts: { time?: number; fee?: string } = {}) => tx(from, pool, { value, ...opts, events: [{ kind: 'mixer-deposit', pool, commitment: `0x${(++seq).toString(16).padStart(64, '0')}` }] });
const withdraw = (sender: string, pool: string, to: string, opts: { time?: number; fee?: string; relayer?: string; relayerFee?: bigint } = {}) =>
  tx(sender, pool, { ...opts, events: [{ kind: 'mixer-withdrawal', pool, to, relayer: opts.relayer ?? addr(0), fee: String(opts.relayerFee ?? 0n), nullifierHash: '0x01' }] });

describe('Victor 2020 heuristics', () => {
  it('links the payers of one exchange deposit address, and not the exchange or other customers', () => {
    const hot = addr(0xe0);
    const records: PrivacyTx[] = [];
    // Three customers' deposit addresses forwarding to the hot wallet; customer 1 pays from two wallets.
    records.push(tx(addr(1), addr(0xd1), { value: ETH }), tx(addr(2), addr(0xd1), { value: 2n * ETH }), tx(addr(3), addr(0xd2), { value: ETH }), tx(addr(4), addr(0xd3), { value: ETH }));
    records.push(tx(addr(0xd1), hot, { value: 3n * ETH }), tx(addr(0xd2), hot, { value: ETH }), tx(addr(0xd3), hot, { value: ETH }));
    const links = depositAddressLinks(new ActivityIndex(records));
    expect(links.map((l) => [l.a, l.b].sort())).toEqual([[addr(1), addr(2)]]);
    expect(links[0]?.evidence).toContain(addr(0xd1));
  });

  it('does not take two forwarding addresses for an exchange', () => {
    const records = [tx(addr(1), addr(0xd1), { value: ETH }), tx(addr(2), addr(0xd1), { value: ETH }), tx(addr(0xd1), addr(0xe0), { value: ETH }), tx(addr(3), addr(0xd2), { value: ETH }), tx(addr(0xd2), addr(0xe0), { value: ETH })];
    expect(depositAddressLinks(new ActivityIndex(records))).toEqual([]);
  });

  it('links airdrop recipients to the collector they gather into, but not to a buyer who pays', () => {
    const recipients = Array.from({ length: 12 }, (_, i) => addr(0x100 + i));
    const amount = 500n * ETH;
    const drop = tx(addr(0xa0), token, { events: recipients.map((r) => ({ kind: 'transfer', token, from: addr(0), to: r, value: String(amount) }) as PrivacyEvent) });
    const gather = [recipients[1], recipients[2]].map((r) => tx(r as string, token, { events: [{ kind: 'transfer', token, from: r as string, to: recipients[0] as string, value: String(amount) }] }));
    const sold = tx(recipients[5] as string, token, { events: [{ kind: 'transfer', token, from: recipients[5] as string, to: addr(0xb0), value: String(amount) }] });
    const paid = tx(addr(0xb0), recipients[5] as string, { value: ETH / 5n });
    const links = airdropLinks(new ActivityIndex([drop, ...gather, sold, paid]));
    expect(links.map((l) => [l.a, l.b])).toEqual([
      [recipients[1], recipients[0]],
      [recipients[2], recipients[0]],
    ]);
  });

  it('links an owner and an externally owned spender, not a contract spender', () => {
    const approveEoa = tx(addr(1), token, { events: [{ kind: 'approval', token, owner: addr(1), spender: addr(2), value: '100' }] });
    const pull = tx(addr(2), token, { events: [{ kind: 'transfer', token, from: addr(1), to: addr(2), value: '100' }] });
    const approveContract = tx(addr(3), token, { events: [{ kind: 'approval', token, owner: addr(3), spender: pool1, value: '100' }] });
    const links = selfAuthorisationLinks(new ActivityIndex([approveEoa, pull, approveContract, deposit(addr(9), pool1, ETH)]));
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ a: addr(1), b: addr(2), heuristic: 'self-authorisation' });
    expect(links[0]?.evidence).toContain('used');
  });
});

describe('mixer heuristics (Béres et al. 2021, Tutela 2022)', () => {
  const relayer = addr(0xfe);
  it('address match: the withdrawal goes to a depositor, or its gas is paid by one', () => {
    const records = [deposit(addr(1), pool1, ETH), deposit(addr(2), pool1, ETH), withdraw(addr(1), pool1, addr(1)), withdraw(addr(2), pool1, addr(3)), withdraw(relayer, pool1, addr(4), { relayer, relayerFee: 1n })];
    const links = mixerSameAddressLinks(new ActivityIndex(records));
    expect(links.map((l) => [l.a, l.b])).toEqual([
      [addr(1), addr(1)],
      [addr(2), addr(3)],
    ]);
  });

  it('unique gas price links a deposit to a self-sent withdrawal; the wallet default does not', () => {
    const odd = 'legacy:23417000000';
    const records = [deposit(addr(1), pool1, ETH, { fee: odd }), deposit(addr(2), pool1, ETH), deposit(addr(5), pool1, ETH), withdraw(addr(3), pool1, addr(3), { fee: odd }), withdraw(addr(4), pool1, addr(4))];
    const links = mixerGasPriceLinks(new ActivityIndex(records));
    expect(links.map((l) => [l.a, l.b])).toEqual([[addr(1), addr(3)]]);
  });

  it('linked addresses: depositor and recipient paid each other directly', () => {
    const relayed = { relayer, relayerFee: 1n };
    const records = [tx(addr(1), addr(3), { value: ETH }), deposit(addr(1), pool1, ETH), deposit(addr(2), pool1, ETH), withdraw(relayer, pool1, addr(3), relayed), withdraw(relayer, pool1, addr(4), relayed)];
    const links = mixerLinkedAddressLinks(new ActivityIndex(records));
    expect(links.map((l) => [l.a, l.b])).toEqual([[addr(1), addr(3)]]);
  });

  it('multi-denomination: the same mix of pools withdrawn by exactly one address', () => {
    const r = { relayer, relayerFee: 1n };
    const records = [
      deposit(addr(1), pool1, ETH),
      deposit(addr(1), pool01, ETH / 10n),
      deposit(addr(1), pool01, ETH / 10n),
      deposit(addr(2), pool1, ETH),
      withdraw(relayer, pool01, addr(3), r),
      withdraw(relayer, pool1, addr(3), r),
      withdraw(relayer, pool01, addr(3), r),
      withdraw(relayer, pool1, addr(4), r),
    ];
    const links = mixerMultiDenominationLinks(new ActivityIndex(records));
    expect(links.map((l) => [l.a, l.b])).toEqual([[addr(1), addr(3)]]);
    expect(links[0]?.evidence).toMatch(/2× 0.1 ETH|1× 1 ETH/u);
  });

  it('timing: a withdrawal soon after the only recent deposit', () => {
    const r = { relayer, relayerFee: 1n };
    const records = [deposit(addr(1), pool1, ETH, { time: 1000 }), deposit(addr(2), pool1, ETH, { time: 5000 }), withdraw(relayer, pool1, addr(3), { ...r, time: 5030 }), withdraw(relayer, pool1, addr(4), { ...r, time: 9000 })];
    const links = mixerTimingLinks(new ActivityIndex(records));
    expect(links.map((l) => [l.a, l.b])).toEqual([[addr(2), addr(3)]]);
  });

  it('anonymity sets: notes in the pool, and one once a heuristic links the withdrawal', () => {
    const r = { relayer, relayerFee: 1n };
    const records = [deposit(addr(1), pool1, ETH), deposit(addr(2), pool1, ETH), deposit(addr(5), pool1, ETH), withdraw(addr(1), pool1, addr(1)), withdraw(relayer, pool1, addr(4), r)];
    const ix = new ActivityIndex(records);
    const sets = anonymitySets(ix, mixerSameAddressLinks(ix));
    const [first, second] = [...sets.values()];
    expect(first).toMatchObject({ naiveSet: 3, heuristicSet: 1, linkedBy: ['mixer-same-address'] });
    expect(second).toMatchObject({ naiveSet: 2, heuristicSet: 1 });
  });
});

describe('analyseAddress', () => {
  it('reports the cluster with the path of links, advice, and a finding-ready verdict', () => {
    const hot = addr(0xe0);
    const records = [
      tx(addr(1), addr(0xd1), { value: ETH }),
      tx(addr(2), addr(0xd1), { value: ETH }),
      tx(addr(3), addr(0xd2), { value: ETH }),
      tx(addr(4), addr(0xd3), { value: ETH }),
      tx(addr(0xd1), hot, { value: ETH }),
      tx(addr(0xd2), hot, { value: ETH }),
      tx(addr(0xd3), hot, { value: ETH }),
      tx(addr(2), token, { events: [{ kind: 'approval', token, owner: addr(2), spender: addr(6), value: '1' }] }),
      tx(addr(6), addr(7), { value: 1n }),
    ];
    const report = analyseAddress(addr(1), records, { chainId: 1 });
    expect(report.verdict).toBe('linked');
    expect(report.cluster.map((m) => m.address)).toEqual([addr(1), addr(2), addr(6)]);
    expect(report.cluster[2]?.path.map((l) => l.heuristic)).toEqual(['deposit-address', 'self-authorisation']);
    expect(report.cluster.map((m) => m.confidence)).toEqual(['confirmed', 'confirmed', 'possible']);
    expect(report.advice.join(' ')).toContain('deposit address');
    expect(analyseAddress(addr(4), records, { chainId: 1 }).verdict).toBe('no-link-found');
    expect(analyseAddress(addr(0x4444), records, { chainId: 1 }).verdict).toBe('no-activity');
  });
});

describe('clusterOf', () => {
  const link = (a: number, b: number, heuristic: Link['heuristic']): Link => ({ a: addr(a), b: addr(b), heuristic, evidence: '', txs: [] });
  it('joins households only through strong links: a probable or weak link names one address and stops there', () => {
    // Household A: 1–2–3 (exchange deposit address, airdrop). Household B: 10–11 (same address in the mixer).
    // 3 approved 10 (a friend?) and a withdrawal to 11 came soon after 2's deposit: neither merges B into A.
    const links = [link(1, 2, 'deposit-address'), link(2, 3, 'airdrop'), link(10, 11, 'mixer-same-address'), link(3, 10, 'self-authorisation'), link(2, 11, 'mixer-timing')];
    const a = clusterOf(addr(1), links);
    expect(a.filter((m) => m.confidence === 'confirmed').map((m) => m.address)).toEqual([addr(1), addr(2), addr(3)]);
    expect(a.filter((m) => m.confidence === 'possible').map((m) => m.address).sort()).toEqual([addr(10), addr(11)].sort());
    // From B's side the same: A's members appear only where a link names them.
    const b = clusterOf(addr(10), links);
    expect(b.filter((m) => m.confidence === 'confirmed').map((m) => m.address)).toEqual([addr(10), addr(11)]);
    expect(b.filter((m) => m.confidence === 'possible').map((m) => m.address).sort()).toEqual([addr(2), addr(3)].sort());
  });
});
