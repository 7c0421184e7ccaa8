/**
 * The published address-linking heuristics, each a function from the indexed activity to links with their
 * evidence. Victor (2020, "Address clustering heuristics for Ethereum", FC 2020): exchange deposit-address
 * reuse, airdrop multi-participation, self-authorisation by approvals. Béres et al. (2021, "Blockchain is
 * watching you: profiling and deanonymizing Ethereum users") and Tutela (Sun et al. 2022) for mixers: the
 * same address deposits and withdraws, a unique gas price, linked addresses, multi-denomination, and the
 * timing between a deposit and a withdrawal.
 *
 * Every threshold is in `HEURISTIC_DEFAULTS`, fixed before the devnet scenario was first run; the
 * evaluation reports development and held-out seeds separately.
 */
import type { ActivityIndex, MixerDeposit, MixerWithdrawal, Movement } from './index-activity.js';

export const HEURISTICS = ['deposit-address', 'airdrop', 'self-authorisation', 'mixer-same-address', 'mixer-gas-price', 'mixer-linked-addresses', 'mixer-multi-denomination', 'mixer-timing'] as const;
export type HeuristicId = (typeof HEURISTICS)[number];

/**
 * How much one link proves. 'strong': the evidence is one account's (a deposit address is issued per
 * customer, an airdrop gathered into one wallet, the same address on both sides of the mixer, a fee setting
 * nobody else uses, the same unusual mix of denominations): it joins clusters transitively. 'probable': the
 * act is also what two people do for each other (approving a friend's wallet, paying someone directly), and
 * 'weak': a coincidence in time is enough (Béres et al. report timing as the least precise). Neither of those
 * extends a cluster beyond the one address it names, so one wrong link cannot merge two households.
 */
export type LinkStrength = 'strong' | 'probable' | 'weak';

export const HEURISTIC_META: Record<HeuristicId, { source: string; what: string; advice: string; strength: LinkStrength }> = {
  'deposit-address': {
    source: 'Victor 2020',
    what: 'both paid into the same exchange deposit address (one per customer account), which forwards to the exchange',
    advice: 'An exchange gives each account one deposit address: everything you send to it from several wallets ties those wallets to one account. Use a separate exchange account per identity, or send from one wallet only.',
    strength: 'strong',
  },
  airdrop: {
    source: 'Victor 2020',
    what: 'received the same airdrop and gathered it into one address',
    advice: 'Claiming an airdrop with several wallets and consolidating the tokens into one links them all. Keep the claims apart, or claim with one wallet.',
    strength: 'strong',
  },
  'self-authorisation': {
    source: 'Victor 2020',
    what: "approved a personal (externally owned) address to spend its tokens",
    advice: 'Approving another of your own wallets as a token spender is public and links the two. Move tokens with a plain transfer from a wallet that has no other tie, or not at all.',
    strength: 'probable',
  },
  'mixer-same-address': {
    source: 'Béres et al. 2021; Tutela 2022 (address match)',
    what: 'the mixer withdrawal went to (or was paid for by) an address that deposited into the mixer',
    advice: 'Withdrawing to, or paying the withdrawal gas from, an address that deposited undoes the mixer. Withdraw to a fresh address through a relayer.',
    strength: 'strong',
  },
  'mixer-gas-price': {
    source: 'Béres et al. 2021; Tutela 2022 (unique gas price)',
    what: 'deposit and withdrawal were sent with the same fee setting, which almost nobody else uses',
    advice: 'A custom gas price is a fingerprint. Use the wallet default, and let a relayer send the withdrawal.',
    strength: 'strong',
  },
  'mixer-linked-addresses': {
    source: 'Tutela 2022 (linked addresses)',
    what: 'the depositing and the receiving address dealt with each other directly outside the mixer',
    advice: 'Any direct transfer between the deposit and the withdrawal address, before or after, links them. Never move funds between the two sides.',
    strength: 'probable',
  },
  'mixer-multi-denomination': {
    source: 'Tutela 2022 (multi-denomination)',
    what: 'one address deposited a mix of denominations and exactly one address withdrew the same mix afterwards',
    advice: 'Depositing and withdrawing the same unusual combination of pool sizes is recognisable. Use one denomination, and spread withdrawals over different addresses and time.',
    strength: 'strong',
  },
  'mixer-timing': {
    source: 'Béres et al. 2021 (deposit-withdrawal timing)',
    what: 'the withdrawal came soon after a deposit, with no other deposit into the pool in between',
    advice: 'Withdrawing minutes after depositing leaves an anonymity set of one. Wait until many others have deposited into the same pool.',
    strength: 'weak',
  },
};

export interface Link {
  a: string;
  b: string;
  heuristic: HeuristicId;
  /** Words a user can check against the transactions. */
  evidence: string;
  txs: string[];
  /** For mixer links: the deposit and the withdrawal tied together. */
  deposit?: string;
  withdrawal?: string;
}

export const HEURISTIC_DEFAULTS = {
  /** Distinct deposit addresses forwarding to one address before it counts as an exchange. */
  exchangeMinDepositAddresses: 3,
  /** A deposit address forwards within this many seconds of receiving. */
  forwardWithinSeconds: 86_400,
  /** An airdrop: one source sending one token to at least this many recipients. */
  airdropMinRecipients: 10,
  /** Share of the airdropped amount a recipient forwards to the collector. */
  airdropForwardShare: 0.9,
  /** Addresses other than this many senders share a fee fingerprint: it is not unique. */
  uniqueFeeMaxSenders: 2,
  /** Timing: the withdrawal within this many seconds after the deposit. */
  timingWindowSeconds: 600,
};
export type HeuristicOptions = typeof HEURISTIC_DEFAULTS;

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Victor: a deposit address forwards what it receives to one exchange wallet; those who paid into it are one customer. */
export function depositAddressLinks(ix: ActivityIndex, o: HeuristicOptions = HEURISTIC_DEFAULTS): Link[] {
  const outgoing = new Map<string, Movement[]>();
  const incoming = new Map<string, Movement[]>();
  for (const m of ix.movements) {
    if (!outgoing.has(m.from)) outgoing.set(m.from, []);
    outgoing.get(m.from)?.push(m);
    if (!incoming.has(m.to)) incoming.set(m.to, []);
    incoming.get(m.to)?.push(m);
  }
  // Candidate deposit addresses: externally owned, every outgoing movement to one address, each soon after a receipt.
  const forwardsTo = new Map<string, string>();
  for (const [d, outs] of outgoing) {
    if (!ix.eoas.has(d) || ix.isService(d)) continue;
    const targets = new Set(outs.map((m) => m.to));
    if (targets.size !== 1) continue;
    const ins = incoming.get(d) ?? [];
    if (ins.length === 0) continue;
    const forwardsSoon = outs.every((m) => ins.some((i) => i.asset === m.asset && i.time <= m.time && m.time - i.time <= o.forwardWithinSeconds));
    if (forwardsSoon) forwardsTo.set(d, [...targets][0] as string);
  }
  const perExchange = new Map<string, string[]>();
  for (const [d, e] of forwardsTo) {
    if (!perExchange.has(e)) perExchange.set(e, []);
    perExchange.get(e)?.push(d);
  }
  const links: Link[] = [];
  for (const [exchange, deposits] of perExchange) {
    if (deposits.length < o.exchangeMinDepositAddresses) continue;
    for (const d of deposits) {
      const payers = new Map<string, string>();
      for (const m of incoming.get(d) ?? []) if (m.from !== exchange && !ix.isService(m.from) && !payers.has(m.from)) payers.set(m.from, m.tx);
      const list = [...payers];
      for (let i = 1; i < list.length; i++) {
        const [a, ta] = list[0] as [string, string];
        const [b, tb] = list[i] as [string, string];
        links.push({ a, b, heuristic: 'deposit-address', evidence: `both paid into deposit address ${d}, which forwards everything to ${exchange} (one of ${deposits.length} deposit addresses doing so)`, txs: [ta, tb] });
      }
    }
  }
  return links;
}

/** Victor: addresses that received one airdrop and sent (nearly) all of it to one collector, who paid nothing back. */
export function airdropLinks(ix: ActivityIndex, o: HeuristicOptions = HEURISTIC_DEFAULTS): Link[] {
  // Airdrops: (source, token) pairs reaching many recipients with one amount.
  const drops = new Map<string, { token: string; source: string; recipients: Map<string, bigint> }>();
  for (const m of ix.movements) {
    if (m.asset === 'ETH') continue;
    const key = `${m.asset}|${m.from}|${m.value}`;
    if (!drops.has(key)) drops.set(key, { token: m.asset, source: m.from, recipients: new Map() });
    drops.get(key)?.recipients.set(m.to, m.value);
  }
  const links: Link[] = [];
  for (const drop of drops.values()) {
    if (drop.recipients.size < o.airdropMinRecipients) continue;
    const collected = new Map<string, { from: string; tx: string }[]>();
    for (const [r, amount] of drop.recipients) {
      if (ix.isService(r)) continue;
      const sent = new Map<string, { value: bigint; tx: string }>();
      for (const m of ix.movements) {
        if (m.asset !== drop.token || m.from !== r) continue;
        const prev = sent.get(m.to);
        sent.set(m.to, { value: (prev?.value ?? 0n) + m.value, tx: prev?.tx ?? m.tx });
      }
      for (const [c, s] of sent) {
        if (c === drop.source || ix.isService(c)) continue;
        if (Number(s.value) < o.airdropForwardShare * Number(amount)) continue;
        // A collector that pays the sender back bought the tokens: a trade between two people, not a consolidation.
        const paidBack = ix.movements.some((m) => m.from === c && m.to === r);
        if (paidBack) continue;
        if (!collected.has(c)) collected.set(c, []);
        collected.get(c)?.push({ from: r, tx: s.tx });
      }
    }
    for (const [c, senders] of collected) {
      for (const s of senders) links.push({ a: s.from, b: c, heuristic: 'airdrop', evidence: `received the airdrop of ${drop.token} from ${drop.source} (${drop.recipients.size} recipients) and sent it on to ${c}${senders.length > 1 ? `, as ${senders.length - 1} other recipient(s) did` : ''}`, txs: [s.tx] });
    }
  }
  return links;
}

/** Victor: an approval whose spender is an externally owned address (not a contract, not a service). */
export function selfAuthorisationLinks(ix: ActivityIndex): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>();
  for (const a of ix.approvals) {
    if (a.value === 0n || a.owner === a.spender || !ix.eoas.has(a.spender) || ix.isService(a.spender) || ix.isService(a.owner)) continue;
    const key = pairKey(a.owner, a.spender);
    if (seen.has(key)) continue;
    seen.add(key);
    const used = ix.movements.find((m) => m.asset === a.token && m.from === a.owner && m.time >= a.time && m.tx !== a.tx && ix.eoas.has(a.spender));
    links.push({ a: a.owner, b: a.spender, heuristic: 'self-authorisation', evidence: `approved externally owned ${a.spender} to spend its ${a.token}${used ? ' (the allowance was then used)' : ''}`, txs: [a.tx, ...(used ? [used.tx] : [])] });
  }
  return links;
}

const depositsBefore = (ix: ActivityIndex, w: MixerWithdrawal, pool = w.pool) => ix.deposits.filter((d) => d.pool === pool && (d.block < w.block || (d.block === w.block && d.time <= w.time)) && d.tx !== w.tx);

function mixerLink(heuristic: HeuristicId, d: MixerDeposit, w: MixerWithdrawal, evidence: string, b = w.to): Link {
  return { a: d.from, b, heuristic, evidence, txs: [d.tx, w.tx], deposit: d.tx, withdrawal: w.tx };
}

/** Address match: the recipient, or the gas payer of a non-relayed withdrawal, deposited into the pool. */
export function mixerSameAddressLinks(ix: ActivityIndex): Link[] {
  const links: Link[] = [];
  for (const w of ix.withdrawals) {
    const before = depositsBefore(ix, w);
    const byRecipient = before.find((d) => d.from === w.to);
    if (byRecipient) {
      links.push(mixerLink('mixer-same-address', byRecipient, w, `withdrawal to ${w.to}, which itself deposited into the pool (tx ${byRecipient.tx})`));
      continue;
    }
    if (!ix.isRelayed(w) && w.sender !== w.to) {
      const bySender = before.find((d) => d.from === w.sender);
      if (bySender) links.push(mixerLink('mixer-same-address', bySender, w, `withdrawal to ${w.to} was sent and paid for by ${w.sender}, which deposited into the pool`));
      else if (!ix.isService(w.sender)) links.push({ a: w.sender, b: w.to, heuristic: 'mixer-same-address', evidence: `${w.sender} paid the gas of the withdrawal to ${w.to} without a relayer`, txs: [w.tx], withdrawal: w.tx });
    }
  }
  return links;
}

/** Unique gas price: a deposit and a later self-sent withdrawal share a fee setting almost nobody else uses. */
export function mixerGasPriceLinks(ix: ActivityIndex, o: HeuristicOptions = HEURISTIC_DEFAULTS): Link[] {
  const links: Link[] = [];
  for (const w of ix.withdrawals) {
    if (ix.isRelayed(w)) continue;
    const senders = ix.feeSenders.get(w.fee)?.size ?? 0;
    if (senders > o.uniqueFeeMaxSenders) continue;
    const match = ix.deposits.find((d) => d.fee === w.fee && d.time <= w.time && d.tx !== w.tx);
    if (match) links.push(mixerLink('mixer-gas-price', match, w, `deposit and withdrawal both sent with fee ${w.fee} (used by ${senders} sender(s) in ${ix.txCount} transactions)`));
  }
  return links;
}

/** Linked addresses: depositor and recipient moved value directly to each other outside the mixer. */
export function mixerLinkedAddressLinks(ix: ActivityIndex): Link[] {
  const direct = new Map<string, string>();
  for (const m of ix.movements) if (!ix.isService(m.from) && !ix.isService(m.to)) direct.set(pairKey(m.from, m.to), m.tx);
  const links: Link[] = [];
  for (const w of ix.withdrawals) {
    for (const d of depositsBefore(ix, w)) {
      if (d.from === w.to) continue;
      const tx = direct.get(pairKey(d.from, w.to));
      if (tx) {
        links.push({ ...mixerLink('mixer-linked-addresses', d, w, `depositor ${d.from} and recipient ${w.to} transacted directly (tx ${tx})`), txs: [d.tx, w.tx, tx] });
        break;
      }
    }
  }
  return links;
}

/** Multi-denomination: the multiset of pools one address deposited into is withdrawn, later, by exactly one address. */
export function mixerMultiDenominationLinks(ix: ActivityIndex): Link[] {
  const signature = (pools: string[]) => [...pools].sort().join(',');
  const byDepositor = new Map<string, MixerDeposit[]>();
  for (const d of ix.deposits) {
    if (!byDepositor.has(d.from)) byDepositor.set(d.from, []);
    byDepositor.get(d.from)?.push(d);
  }
  const byRecipient = new Map<string, MixerWithdrawal[]>();
  for (const w of ix.withdrawals) {
    if (!byRecipient.has(w.to)) byRecipient.set(w.to, []);
    byRecipient.get(w.to)?.push(w);
  }
  const links: Link[] = [];
  for (const [recipient, ws] of byRecipient) {
    const sig = signature(ws.map((w) => w.pool));
    if (new Set(ws.map((w) => w.pool)).size < 2) continue;
    const firstWithdrawal = Math.min(...ws.map((w) => w.time));
    const matches = [...byDepositor].filter(([, ds]) => signature(ds.map((d) => d.pool)) === sig && Math.max(...ds.map((d) => d.time)) <= firstWithdrawal);
    if (matches.length !== 1) continue;
    const [depositor, ds] = matches[0] as [string, MixerDeposit[]];
    const w = ws[0] as MixerWithdrawal;
    const d = ds.find((x) => x.pool === w.pool) ?? (ds[0] as MixerDeposit);
    const mix = describeMix(ix, ws.map((x) => x.pool));
    links.push({ ...mixerLink('mixer-multi-denomination', d, w, `${depositor} deposited ${mix} and only ${recipient} withdrew the same mix afterwards`), txs: [...ds.map((x) => x.tx), ...ws.map((x) => x.tx)] });
  }
  return links;
}

function describeMix(ix: ActivityIndex, pools: string[]): string {
  const count = new Map<string, number>();
  for (const p of pools) count.set(p, (count.get(p) ?? 0) + 1);
  return [...count].map(([p, n]) => `${n}× ${denominationText(ix.poolDenomination.get(p)) ?? p}`).join(' + ');
}

export function denominationText(wei: bigint | undefined): string | undefined {
  if (wei === undefined) return undefined;
  return `${Number(wei) / 1e18} ETH`;
}

/** Timing: the one deposit into the pool in the window before the withdrawal. */
export function mixerTimingLinks(ix: ActivityIndex, o: HeuristicOptions = HEURISTIC_DEFAULTS): Link[] {
  const links: Link[] = [];
  for (const w of ix.withdrawals) {
    const recent = depositsBefore(ix, w).filter((d) => w.time - d.time <= o.timingWindowSeconds);
    if (recent.length !== 1) continue;
    const d = recent[0] as MixerDeposit;
    links.push(mixerLink('mixer-timing', d, w, `withdrawn ${w.time - d.time} s after ${d.from}'s deposit, the only deposit into the pool in the ${o.timingWindowSeconds} s before`));
  }
  return links;
}

/** Every heuristic over the activity. */
export function allLinks(ix: ActivityIndex, o: HeuristicOptions = HEURISTIC_DEFAULTS): Link[] {
  return [
    ...depositAddressLinks(ix, o),
    ...airdropLinks(ix, o),
    ...selfAuthorisationLinks(ix),
    ...mixerSameAddressLinks(ix),
    ...mixerGasPriceLinks(ix, o),
    ...mixerLinkedAddressLinks(ix),
    ...mixerMultiDenominationLinks(ix),
    ...mixerTimingLinks(ix, o),
  ];
}
