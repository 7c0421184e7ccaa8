/**
 * From a simulated execution to `Finding`s: what the proposal changes, judged by what governance must never
 * lose (control of its contracts, its treasury, its own safeguards) rather than by the names of functions.
 * critical = the proposal hands control or most of a treasury away or disables a safeguard; medium
 * (a warning) = needs a human look; info = a change worth listing.
 */
import { decodeFunctionData, formatEther, getAddress, keccak256, parseAbiItem, toHex, type Abi, type AbiFunction, type Address, type Hex } from 'viem';
import type { Finding, Severity } from '../core/finding.js';
import { disassemble, OP } from '../evm/disasm.js';
import { KNOWN_ABI, ROLE_NAMES } from './abi.js';
import { CONTROLLERS, type SimulationResult } from './simulate.js';

export type Verdict = 'critical' | 'warning' | 'info';

export interface DecodedCall {
  target: Address;
  value: string;
  function: string | null;
  args: unknown[];
}

const roleNames = new Map<string, string>([[`0x${'0'.repeat(64)}`, 'DEFAULT_ADMIN_ROLE'], ...ROLE_NAMES.map((n) => [keccak256(toHex(n)), n] as [string, string])]);
export const roleName = (id: string): string => roleNames.get(id.toLowerCase()) ?? id;

export function decodeCalls(sim: SimulationResult, extraAbi: Abi = []): DecodedCall[] {
  return sim.actions.targets.map((target, i) => {
    const data = (sim.sentCalldatas?.[i] ?? sim.actions.calldatas[i]) as Hex;
    // A Bravo action names its function: decode with that signature first.
    const sig = sim.actions.signatures?.[i] ?? '';
    let own: Abi = [];
    try {
      own = sig ? [parseAbiItem(`function ${sig}`) as AbiFunction] : [];
    } catch {
      // not a parseable signature: the known interfaces only
    }
    for (const abi of [own, extraAbi, KNOWN_ABI]) {
      try {
        const d = decodeFunctionData({ abi, data });
        return { target, value: String(sim.actions.values[i]), function: d.functionName, args: [...(d.args ?? [])] };
      } catch {
        // unknown selector for this ABI
      }
    }
    return { target, value: String(sim.actions.values[i]), function: data === '0x' ? null : `unknown ${data.slice(0, 10)}`, args: [] };
  });
}

/** How many times `op` occurs in runtime code (0 for no code). */
export function hasOp(code: Hex, op: number): number {
  if (code === '0x') return 0;
  return disassemble(code).instrs.filter((i) => i.op === op).length;
}

export function verdictOf(findings: Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'critical')) return 'critical';
  if (findings.some((f) => f.severity === 'high' || f.severity === 'medium')) return 'warning';
  return 'info';
}

export function checkProposal(sim: SimulationResult): Finding[] {
  const out: Finding[] = [];
  const governance = new Set<Address>([sim.governor, sim.timelock].map((a) => getAddress(a)));
  const isContract = (a: Address) => (sim.before.get(a)?.code ?? sim.after.get(a)?.code ?? '0x') !== '0x' || (sim.after.get(a)?.code ?? '0x') !== '0x';
  const fresh = (a: Address) => {
    const s = sim.before.get(a);
    return !!s && s.code === '0x' && s.nonce === 0 && s.balance === 0n;
  };
  const governedByDao = (a: Address): boolean => {
    const st = sim.before.get(a) ?? sim.after.get(a);
    if (!st || st.code === '0x') return false;
    return [st.owner, st.admin, st.controllers?.admin ?? null].some((x) => x !== null && governance.has(getAddress(x)));
  };
  const add = (detector: string, severity: Severity, title: string, address: Address, explanation: string, evidence: Record<string, unknown> = {}, confidence = 0.9) =>
    out.push({ detector: `governance/${detector}`, title, severity, confidence, tags: ['governance'], subject: { kind: 'address', chainId: sim.chainId, address, role: 'proposal' }, explanation, evidence: { proposalId: String(sim.proposalId), ...evidence } });

  if (!sim.passed) add('not-passed', 'medium', 'the proposal could not be passed on the fork', sim.governor, 'The simulator could not make the proposal succeed with the known delegates; its effects are unknown.', {});
  if (sim.passed && !sim.executed) add('execution-reverts', 'medium', 'execution reverts', sim.governor, `The proposal passes but its execution reverts on the fork: ${sim.revertReason ?? 'no reason'}.`);
  if (sim.executed && !sim.traceAvailable) add('no-trace', 'low', 'no execution trace', sim.governor, 'The node gave no trace: storage writes and internal calls are not reported (fail closed: effects read from before/after state only).');
  if (sim.ethRequired > sim.timelockEthBefore) add('eth-required', 'medium', 'the treasury lacks the ETH the proposal sends', sim.timelock, `The proposal sends ${formatEther(sim.ethRequired)} ETH; the timelock holds ${formatEther(sim.timelockEthBefore)}.`);

  // Targets: nothing to call, or code that can vanish and come back different.
  for (const [i, t] of sim.actions.targets.entries()) {
    const target = getAddress(t);
    const s = sim.before.get(target);
    if (s && s.code === '0x' && (sim.actions.calldatas[i] ?? '0x') !== '0x') add('target-no-code', 'medium', 'calldata sent to an address without code', target, 'The call does nothing today, but code could be deployed there (CREATE2) before execution.');
    if (s && hasOp(s.code, OP.SELFDESTRUCT) > 0) add('target-selfdestruct', 'critical', 'target can self-destruct', target, 'A target that can selfdestruct can be redeployed with other code between the vote and the execution (Tornado Cash, 2023).');
  }

  // Treasury outflows: ETH and ERC-20 leaving governance, by recipient.
  const flows = new Map<string, { asset: Address | 'ETH'; to: Address; amount: bigint }>();
  const addFlow = (asset: Address | 'ETH', to: Address, amount: bigint) => {
    const k = `${asset}:${to}`;
    flows.set(k, { asset, to, amount: (flows.get(k)?.amount ?? 0n) + amount });
  };
  for (const c of sim.calls) if (c.op === 'CALL' && c.value > 0n && governance.has(getAddress(c.from)) && c.to && !governance.has(c.to)) addFlow('ETH', c.to, c.value);
  if (!sim.traceAvailable) for (const [i, v] of sim.actions.values.entries()) if (v > 0n) addFlow('ETH', getAddress(sim.actions.targets[i] as Address), v);
  for (const l of sim.logs) if (l.name === 'Transfer' && typeof l.args.from === 'string' && governance.has(getAddress(l.args.from)) && typeof l.args.value === 'bigint') addFlow(l.address, getAddress(l.args.to as Address), l.args.value);
  for (const f of flows.values()) {
    const holdings = f.asset === 'ETH' ? sim.timelockEthBefore : balanceBefore(sim, f.asset);
    const share = holdings > 0n ? Number((f.amount * 10_000n) / holdings) / 10_000 : 1;
    const freshEoa = fresh(f.to);
    // A contract that answers that governance owns or administers it stays under the DAO's control as far
    // as the chain can tell; an answer a contract could fake, so it lowers a drain to a warning, never to info.
    const governed = governedByDao(f.to);
    const raw: Severity = share >= 0.5 || (freshEoa && share >= 0.1) ? 'critical' : freshEoa || share >= 0.1 ? 'medium' : 'info';
    const severity: Severity = governed && raw === 'critical' ? 'medium' : raw;
    const amount = f.asset === 'ETH' ? `${formatEther(f.amount)} ETH` : `${formatEther(f.amount)} of token ${f.asset}`;
    add('treasury-outflow', severity, `treasury outflow of ${amount} to ${f.to}`, f.to,
      `${(share * 100).toFixed(1)} % of the treasury's ${f.asset === 'ETH' ? 'ETH' : 'holding of this token'} goes to ${f.to}${freshEoa ? ', an address with no code, no transaction and no balance before' : ''}.`,
      { asset: f.asset, recipient: f.to, amount: f.amount.toString(), share, freshRecipient: freshEoa, governedRecipient: governed });
  }

  // Allowances: a treasury token another address may pull later (outside this execution's transfers).
  for (const l of sim.logs) {
    if (l.name !== 'Approval' || typeof l.args.owner !== 'string' || !governance.has(getAddress(l.args.owner)) || typeof l.args.value !== 'bigint' || l.args.value === 0n) continue;
    const spender = getAddress(l.args.spender as Address);
    if (governance.has(spender)) continue;
    const held = balanceBefore(sim, l.address) || (sim.tokenBalancesAfter.get(l.address) ?? 0n);
    const share = held > 0n ? Math.min(1, Number((l.args.value * 10_000n) / held) / 10_000) : 1;
    const freshEoa = fresh(spender);
    const severity: Severity = share >= 0.5 || (freshEoa && share >= 0.1) ? 'critical' : freshEoa || share >= 0.1 ? 'medium' : 'info';
    add('treasury-allowance', severity, `allowance of ${formatEther(l.args.value)} of token ${l.address} to ${spender}`, spender,
      `${spender} may take ${(share * 100).toFixed(1)} % of the treasury's holding of this token at any time after execution${freshEoa ? '; it is an address with no history' : ''}.`,
      { asset: l.address, spender, amount: l.args.value.toString(), share, freshRecipient: freshEoa });
  }

  // Roles, ownership and admins moving away from governance.
  for (const l of sim.logs) {
    if (l.name === 'RoleGranted' || l.name === 'RoleRevoked') {
      const account = getAddress(l.args.account as Address);
      const role = roleName(String(l.args.role));
      if (l.name === 'RoleGranted' && !governance.has(account)) {
        const eoa = !isContract(account);
        const mint = role === 'MINTER_ROLE';
        add(mint ? 'minting-rights' : 'role-granted', eoa ? 'critical' : 'medium', `${mint ? 'new minting rights' : `role ${role} granted`} on ${l.address} to ${account}`, l.address,
          `${role} on ${l.address} goes to ${account}, ${eoa ? 'an externally owned account outside governance: one key now holds a power the DAO voted to keep' : 'a contract outside governance'}.`, { role, account, eoa });
      }
      if (l.name === 'RoleRevoked' && governance.has(account)) add('governance-loses-role', 'critical', `governance loses ${role} on ${l.address}`, l.address, `${account} (governance) no longer holds ${role} on ${l.address}.`, { role, account });
    }
  }
  for (const [a, now] of sim.after) {
    const then = sim.before.get(a);
    if (!then) continue;
    for (const key of ['owner', 'admin'] as const) {
      const next = now[key];
      if (next === then[key] || !then[key]) continue;
      const toGov = next !== null && governance.has(next);
      add(`${key}-changed`, toGov ? 'info' : 'critical', `${key} of ${a} changes to ${next ?? 'nobody'}`, a, `The ${key} of ${a} moves from ${then[key]} to ${next ?? 'nobody'}${toGov ? ' (governance)' : ', outside governance'}.`, { before: then[key], after: next });
    }
    if (now.implementation && now.implementation !== then.implementation) {
      const impl = sim.after.get(now.implementation);
      const oldImpl = then.implementation ? sim.before.get(then.implementation) : undefined;
      const code = impl?.code ?? '0x';
      const reasons: string[] = [];
      if (code === '0x') reasons.push('the new implementation has no code');
      if (hasOp(code, OP.SELFDESTRUCT) > 0) reasons.push('the new implementation can selfdestruct');
      if (hasOp(code, OP.DELEGATECALL) > hasOp(oldImpl?.code ?? '0x', OP.DELEGATECALL)) reasons.push('the new implementation can delegatecall where the old one could not');
      add('implementation-changed', reasons.length > 0 ? 'critical' : 'info', `implementation of ${a} changes to ${now.implementation}`, a,
        reasons.length > 0 ? `Upgrade of ${a}: ${reasons.join('; ')}.` : `Upgrade of ${a} from ${then.implementation} to ${now.implementation}.`, { before: then.implementation, after: now.implementation, reasons });
    }
    // Other controllers: a pending owner or admin can take over once it accepts; a minter mints at will.
    for (const key of CONTROLLERS) {
      const was = then.controllers?.[key] ?? null;
      const next = now.controllers?.[key] ?? null;
      if (next === was || (key === 'admin' && (now.admin !== null || then.admin !== null))) continue;
      const detector = key === 'minter' ? 'minting-rights' : key === 'pendingOwner' ? 'owner-changed' : 'admin-changed';
      if (next !== null && !governance.has(next)) add(detector, 'critical', `${key} of ${a} becomes ${next}`, a, `The ${key} of ${a} moves from ${was ?? 'nobody'} to ${next}, outside governance${key.startsWith('pending') ? ': it takes control as soon as it accepts' : ''}.`, { role: key, before: was, after: next });
      else if (next === null && was !== null && governance.has(was) && !key.startsWith('pending')) add(detector, 'critical', `governance stops being ${key} of ${a}`, a, `The ${key} of ${a} was governance (${was}) and is now nobody.`, { role: key, before: was, after: null });
      else if (next !== null) add(detector, 'info', `${key} of ${a} becomes ${next} (governance)`, a, `The ${key} of ${a} moves to governance.`, { role: key, before: was, after: next });
    }
    if (then.code !== '0x' && now.code === '0x') add('code-destroyed', 'critical', `${a} loses its code`, a, 'A contract is destroyed by the proposal.');
  }
  for (const p of sim.probes) add('stranger-takeover', 'critical', `after execution anyone can take control of ${p.address}`, p.address, `A stranger calling ${p.selector} on the new code: ${p.effect} (a re-initialiser or unguarded function, as in Audius 2022).`, { selector: p.selector, effect: p.effect });

  // Governance safeguards.
  const b = sim.paramsBefore;
  const n = sim.paramsAfter;
  const cut = (name: string, x: bigint | null, y: bigint | null, address: Address) => {
    if (x === null || y === null || x === y) return;
    const severity: Severity = y < x ? (y === 0n || y * 2n < x ? 'critical' : 'medium') : 'info';
    add('governance-parameter', severity, `${name} ${y < x ? 'cut' : 'raised'} from ${x} to ${y}`, address, `${name} changes from ${x} to ${y}${severity === 'critical' ? ': a safeguard of the DAO is removed or halved, so the next proposal can pass or run before holders can react' : ''}.`, { parameter: name, before: String(x), after: String(y) });
  };
  cut('timelock delay', b.minDelay, n.minDelay, sim.timelock);
  cut('voting delay', b.votingDelay, n.votingDelay, sim.governor);
  cut('voting period', b.votingPeriod, n.votingPeriod, sim.governor);
  cut('quorum numerator', b.quorumNumerator, n.quorumNumerator, sim.governor);
  cut('quorum votes', b.quorumVotes ?? null, n.quorumVotes ?? null, sim.governor);
  if (b.proposalThreshold !== null && n.proposalThreshold !== null && b.proposalThreshold !== n.proposalThreshold) add('governance-parameter', n.proposalThreshold < b.proposalThreshold / 2n ? 'medium' : 'info', `proposal threshold from ${b.proposalThreshold} to ${n.proposalThreshold}`, sim.governor, 'The proposal threshold changes.', {});
  if (b.timelock && n.timelock && b.timelock !== n.timelock) add('timelock-replaced', 'critical', `governor's timelock replaced by ${n.timelock}`, sim.governor, 'The governor now executes through another timelock.', { before: b.timelock, after: n.timelock });

  // Code the DAO trusts (targets, recipients, spenders, new role holders) that can change after the vote.
  for (const c of sim.codeChange ?? []) {
    if (c.redeployable) add('code-can-change', sim.preCancun === null ? 'medium' : 'critical', `code at ${c.address} can be replaced between the vote and the execution`, c.address,
      `${c.path.join('; ')}. Voters approve the code they see; it can be removed and other code placed at the same address before the proposal runs (Tornado Cash, 2023)${sim.preCancun === null ? '. Whether this chain still removes code on SELFDESTRUCT could not be told' : ' — this chain runs pre-Cancun rules'}.`,
      { path: c.path, creation: c.creation ? { creator: c.creation.creator, op: c.creation.op, block: String(c.creation.blockNumber) } : null, preCancun: sim.preCancun });
    else if (c.undecided) add('code-can-change', 'medium', `could not tell whether the code at ${c.address} can be replaced`, c.address, `${c.path.join('; ')}. Check how it was deployed before voting (fail closed).`, { path: c.path });
    if (c.proxy && c.proxy.upgrader && !governance.has(c.proxy.upgrader)) add('code-can-change', 'medium', `${c.address} is a proxy ${c.proxy.upgrader} can upgrade`, c.address,
      `${c.address} runs ${c.proxy.implementation} behind a proxy whose upgrades answer ${c.proxy.upgrader}, outside governance: its code can change after the vote.`, { implementation: c.proxy.implementation, upgrader: c.proxy.upgrader });
    else if (c.proxy && !c.proxy.upgrader) add('code-can-change', 'low', `${c.address} is a proxy with an unknown upgrader`, c.address, `${c.address} runs ${c.proxy.implementation} behind a proxy; who may upgrade it could not be read.`, { implementation: c.proxy.implementation });
  }

  // The proposer: a newcomer whose power arrived just before proposing, with no earlier proposals.
  const h = sim.proposerHistory;
  if (h) {
    const fresh = h.votesWindowBefore * 2n < h.votesAtProposal;
    const first = h.earlier.length === 0;
    const words = `${h.earlier.length} earlier proposal(s) on this governor; ${formatEther(h.votesAtProposal)} votes when proposing, ${formatEther(h.votesWindowBefore)} one voting cycle before${h.firstPowerBlock !== null ? `; first voting power at block ${h.firstPowerBlock}` : ''}`;
    add('proposer-history', fresh && first ? 'medium' : 'info', fresh && first ? `first proposal by ${h.proposer}, with voting power acquired just before` : `proposer ${h.proposer}: ${h.earlier.length} earlier proposal(s)`, h.proposer,
      `${h.proposer}: ${words}.${fresh && first ? ' Most of its power arrived within one voting cycle of proposing (bought, borrowed or delegated for this vote).' : ''}`,
      { earlier: h.earlier.map((e) => ({ id: String(e.id), state: e.state, block: String(e.blockNumber) })), votesAtProposal: String(h.votesAtProposal), votesWindowBefore: String(h.votesWindowBefore), firstPowerBlock: h.firstPowerBlock === null ? null : String(h.firstPowerBlock) }, 0.7);
  }

  // Votes: power bought or borrowed inside the window before the snapshot.
  for (const v of sim.voters.filter((x) => !x.simulated && x.support === 1)) {
    const gained = v.votes - v.votesBefore;
    if (gained <= 0n || sim.quorum === 0n) continue;
    if (gained * 2n >= sim.quorum) add('vote-power-in-window', gained >= sim.quorum ? 'critical' : 'medium', `voter ${v.address} gained ${formatEther(gained)} votes inside the snapshot window`, v.address,
      `${v.address} had ${formatEther(v.votesBefore)} votes ${sim.window} blocks before the snapshot and ${formatEther(v.votes)} at it; power acquired for the vote (bought or flash-borrowed, Beanstalk 2022, Build Finance 2022) ${gained >= sim.quorum ? 'meets the quorum on its own' : 'is half the quorum'}.`,
      { votes: v.votes.toString(), votesBefore: v.votesBefore.toString(), quorum: sim.quorum.toString() });
  }
  checkCapture(sim, add);
  checkReplay(sim, add);
  return out;
}

type Add = (detector: string, severity: Severity, title: string, address: Address, explanation: string, evidence?: Record<string, unknown>, confidence?: number) => void;

/**
 * Borrowed power and instant execution, as tried on the fork (src/governance/capture.ts). Critical when
 * power borrowed inside one transaction both passes and executes the proposal before its vote ends and the
 * proposer's own power is not established (it arrived within a voting cycle of proposing): the Beanstalk
 * shape, where the attacker's proposal needs no honest vote at all. The same capture of a proposal made by
 * an established holder is a warning about the governor, not about the proposal.
 */
function checkCapture(sim: SimulationResult, add: Add): void {
  const cap = sim.capture;
  if (cap && cap.countedWeight !== null && cap.countedWeight > 0n) {
    const h = sim.proposerHistory;
    const established = !!h && h.votesWindowBefore > 0n && h.votesWindowBefore * 2n >= h.votesAtProposal;
    const sources = cap.sources.map((x) => `${formatEther(x.amount)} from ${x.address} (${x.kind === 'pair' ? 'flash swap' : 'ERC-3156 flash loan'})`).join(', ');
    const evidence = { borrowable: cap.borrowable.toString(), countedWeight: cap.countedWeight.toString(), quorum: sim.quorum.toString(), sources: cap.sources.map((x) => ({ address: x.address, kind: x.kind, amount: x.amount.toString() })), proposerEstablished: established };
    if (cap.executedWithBorrowed) {
      const p = cap.executedWithBorrowed;
      add('flash-loan-vote', established ? 'medium' : 'critical', `borrowed voting power passes and executes the proposal before its vote ends`, sim.governor,
        `The governor weighs votes when they are cast, not at the snapshot: ${formatEther(cap.countedWeight)} votes borrowed within one transaction (${sources}) were counted, and calling ${p.selector} with the proposal's ${p.form === 'id' ? 'id' : 'actions'} executed it at block ${p.block}, before its vote ends at block ${cap.deadline}, with no delay: the whole attack fits in one transaction and is repaid before anyone can vote against (Beanstalk, 2022).${established ? ' The proposer held its power before this vote; the flaw is the governor\'s, any proposal can be captured.' : ' The proposer\'s own power arrived within a voting cycle of proposing.'}`,
        { ...evidence, selector: p.selector, executedAtBlock: String(p.block), deadline: String(cap.deadline) });
    } else {
      add('flash-loan-vote', cap.countedWeight >= sim.quorum ? 'medium' : 'low', `votes acquired after the snapshot are counted`, sim.governor,
        `The governor counted ${formatEther(cap.countedWeight)} votes for power borrowed within one transaction (${sources}) after the proposal's snapshot; ${cap.countedWeight >= sim.quorum ? 'that alone meets the quorum, so the vote can be swung and the loan repaid in one transaction' : 'below the quorum'}. No function executed the proposal before its vote ends.`, evidence);
    }
  }
  if (sim.instantPath) {
    const p = sim.instantPath;
    add('instant-execution', 'medium', `the proposal can be executed before its vote ends`, sim.governor,
      `With the votes cast for it, calling ${p.selector} with the proposal's ${p.form === 'id' ? 'id' : 'actions'} executed it at block ${p.block}, while the vote was still open: an emergency path that skips the rest of the vote and any timelock.`,
      { selector: p.selector, form: p.form, executedAtBlock: String(p.block) });
  }
}

/**
 * The targets' recent traffic replayed before and after the execution (src/governance/replay.ts): a
 * proposal that makes the same user transactions take much more out of the contract than they would today
 * (twice or more, and at least 1 % of what it holds) over-distributes, whatever its description says —
 * the Compound proposal 62 shape. Transactions that succeed today and revert after are a warning too.
 */
function checkReplay(sim: SimulationResult, add: Add): void {
  const reverts = new Map<Address, { before: number; after: number; txs: number }>();
  for (const r of sim.replay ?? []) {
    reverts.set(r.contract, { before: r.revertedBefore, after: r.revertedAfter, txs: r.txs });
    if (r.after <= r.before) continue;
    const excess = r.after - r.before;
    const share = r.holding > 0n ? Number((excess * 10_000n) / r.holding) / 10_000 : 1;
    // Doubled in all, or in the one user transaction whose payout grew most (a claim paid twice what it is owed today).
    const w = r.worst;
    const doubled = r.after >= 2n * r.before || (!!w && w.after >= 2n * w.before);
    const severity: Severity = doubled && share >= 0.01 ? 'critical' : r.after * 4n >= r.before * 5n && share >= 0.001 ? 'medium' : 'info';
    if (severity === 'info') continue;
    const unit = (v: bigint) => (r.asset === 'ETH' ? `${formatEther(v)} ETH` : `${formatEther(v)} of token ${r.asset}`);
    add('replay-outflow', severity, `the same user transactions take ${r.before > 0n ? `${(Number((r.after * 100n) / r.before) / 100).toFixed(2)}x` : 'value where they took nothing'} out of ${r.contract} after the proposal`, r.contract,
      `${r.txs} recent transactions sent to ${r.contract} by its users, replayed from the same senders, pay out ${unit(r.before)} on today's state and ${unit(r.after)} once the proposal has run: ${unit(excess)} more, ${(share * 100).toFixed(1)} % of what the contract holds${w ? `; transaction ${w.hash} alone is paid ${unit(w.after)} instead of ${unit(w.before)}` : ''}. The proposal changes what existing positions are owed (mis-accrued rewards or balances, as in Compound proposal 62, 2021), not only future parameters.`,
      { contract: r.contract, asset: r.asset, before: r.before.toString(), after: r.after.toString(), holding: r.holding.toString(), share, txs: r.txs, worstTx: w ? { hash: w.hash, before: w.before.toString(), after: w.after.toString() } : null });
  }
  for (const [contract, r] of reverts) if (r.after > r.before) add('replay-reverts', 'medium', `${r.after - r.before} of ${r.txs} recent user transactions to ${contract} revert after the proposal`, contract,
    `Replayed from the same senders, ${r.before} of ${r.txs} recent transactions to ${contract} revert on today's state and ${r.after} after the proposal: users' ordinary calls break.`, { txs: r.txs, revertedBefore: r.before, revertedAfter: r.after });
}

function balanceBefore(sim: SimulationResult, token: Address): bigint {
  // Outflow plus what the governance contracts still hold after.
  let sent = 0n;
  for (const l of sim.logs) if (l.address === token && l.name === 'Transfer' && typeof l.args.value === 'bigint' && [sim.governor, sim.timelock].includes(getAddress(l.args.from as Address))) sent += l.args.value;
  const left = sim.tokenBalancesAfter?.get(token) ?? 0n;
  return sent + left;
}
