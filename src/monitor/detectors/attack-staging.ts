/**
 * Staging of an attack (issue 17's preparation signals), whatever the mechanism that follows:
 *
 * An *actor contract* is a contract deployed by a freshly funded address (first seen moments before, a
 * handful of transactions sent) whose code exposes at most MAX_ENTRIES entry points (callback hooks aside)
 * and calls functions other than the token standards' on other contracts: a tool written to be driven by
 * its deployer, not a protocol other users will use (those expose an interface: deposit, withdraw,
 * views…; and once anyone else calls it, it is one). Then:
 *
 * 1. Armed: its deployer grants it an ERC-20 allowance or `setApprovalForAll`, or stages tokens or ether
 *    in it (a transfer, or a swap whose output is delivered to it). Reported at once (medium): the last
 *    step before a tool is used.
 * 2. Rehearsed: its deployer calls the same entry point again after a first run that moved nothing to
 *    the deployer's side (a test run of the exploit) — high.
 * 3. Called back: in the trace of a call from the deployer to it, a third-party contract calls a function
 *    of it (a call without ether: a payment is not a callback) while it is mid-call (a flash-loan, swap or token hook handing control back), or a third-party
 *    contract is entered again while still mid-call — high, stage exploitation.
 *
 * Findings name the deployer (role `attacker`).
 */
import type { Finding } from '../../core/finding.js';
import { count } from '../../core/amounts.js';
import { defineMonitorDetector, report, type DetectorEnv } from './detector.js';
import { transfersOf, type TxView } from '../state.js';
import { codeTargets } from './attack-preparation.js';

/** An actor contract exposes at most this many entry points (hooks other contracts call back excepted). */
export const MAX_ENTRIES = 3;
/** "Freshly funded" for a deployer: first seen at most this many blocks before the deployment... */
const FRESH_BLOCKS = 300n;
/** ...having sent at most this many transactions (a wallet minutes old that has done a handful of things). */
const FRESH_SENT = 8;

/**
 * Hooks a contract implements for others to call back (token receipt, flash loans and swaps of the common
 * interfaces): they say the contract receives, not what it is for, so they are not counted as entries.
 */
const HOOKS = new Set([
  '0x150b7a02', '0xf23a6e61', '0xbc197c81', '0x0023de29', // ERC-721, ERC-1155 (single, batch), ERC-777 receipt
  '0x10d1e85c', '0x84800812', '0xfa461e33', '0xe9cbafb0', // uniswapV2Call, pancakeCall, uniswapV3 swap and flash callbacks
  '0x23e30c8b', '0x920f5c84', '0x1b11d0ff', '0xf04f2707', // ERC-3156 onFlashLoan, Aave v2/v3 executeOperation, Balancer receiveFlashLoan
]);

/**
 * Four-byte constants that are not calls to another contract's function: the token standards' functions
 * (every contract that moves tokens calls them), revert encodings and the selector mask solc pushes.
 */
const NOT_A_TARGET = new Set([
  '0xa9059cbb', '0x23b872dd', '0x095ea7b3', '0x70a08231', '0xdd62ed3e', '0x18160ddd', '0x313ce567', '0x95d89b41', '0x06fdde03',
  '0x42842e0e', '0xb88d4fde', '0xa22cb465', '0x6352211e', '0x081812fc', '0xe985e9c5', '0xf242432a', '0x2eb2c2d6', '0x00fdd58e',
  '0x01ffc9a7', '0xd505accf', '0x7ecebe00', '0x3644e515', '0x150b7a02', '0xf23a6e61', '0xbc197c81', '0x08c379a0', '0x4e487b71',
  '0xffffffff',
]);

const meta = {
  id: 'attack-staging',
  title: 'An attack tool staged: a fresh single-purpose contract armed, rehearsed or called back',
  severity: 'medium' as const,
  confidence: 0.65,
  kind: 'protocol-exploit' as const,
  description:
    "A freshly funded address deployed a contract with only a few entry points that calls other contracts' functions (a tool, not a protocol), and then armed it (an allowance, setApprovalForAll, tokens or ether staged in it), ran the same entry point again after a test run, or had a third-party contract call back into it mid-call.",
  recommendation: 'Watch the deployer and its contract; check which protocols the contract calls and be ready to pause them.',
};

interface Actor {
  deployer: string;
  block: bigint;
  targets: string[];
  armed: boolean;
  /** selector -> whether its runs so far moved anything to the deployer's side. */
  runs: Map<string, boolean>;
}

interface Own {
  /** deployer -> its actor contracts (address -> actor). */
  actors: Map<string, Map<string, Actor>>;
  /** actor -> its deployer (to drop an actor others start to use: then it is a protocol, not a tool). */
  deployerOf: Map<string, string>;
  alerted: Set<string>;
}

/** An actor is forgotten this many blocks after its deployment (a tool is used within hours, not weeks). */
const ACTOR_BLOCKS = 20_000n;

function freshDeployer(tx: TxView, env: DetectorEnv): boolean {
  const first = env.state.firstSeen.get(tx.from);
  return first !== undefined && tx.blockNumber - first <= FRESH_BLOCKS && (env.state.sent.get(tx.from) ?? 0) <= FRESH_SENT;
}

function learnActor(tx: TxView, own: Own, env: DetectorEnv): void {
  if (tx.to !== null || !tx.contractAddress || !freshDeployer(tx, env)) return;
  const { outgoing, entries } = codeTargets(tx.input);
  const targets = [...outgoing].filter((s) => !NOT_A_TARGET.has(s) && !HOOKS.has(s));
  if ([...entries].filter((s) => !HOOKS.has(s)).length > MAX_ENTRIES || targets.length === 0) return;
  let mine = own.actors.get(tx.from);
  if (!mine) own.actors.set(tx.from, (mine = new Map()));
  mine.set(tx.contractAddress, { deployer: tx.from, block: tx.blockNumber, targets, armed: false, runs: new Map() });
  own.deployerOf.set(tx.contractAddress, tx.from);
}

/** A contract someone other than its deployer calls is used by others: a protocol, no longer a tool. */
function forgetUsed(tx: TxView, own: Own): void {
  const deployer = tx.to ? own.deployerOf.get(tx.to) : undefined;
  if (!deployer || !tx.to || deployer === tx.from) return;
  own.deployerOf.delete(tx.to);
  const mine = own.actors.get(deployer);
  mine?.delete(tx.to);
  if (mine?.size === 0) own.actors.delete(deployer);
}

/** What the deployer staged in its actor in this transaction, if anything. */
function staged(tx: TxView, actor: string): string | undefined {
  const from = tx.from;
  for (const e of tx.events) {
    const a = e.args;
    if (e.event === 'Approval' && e.standard === 'erc20' && String(a.owner).toLowerCase() === from && String(a.spender).toLowerCase() === actor && (a.value as bigint) > 0n) return `an allowance on ${e.address.toLowerCase()}`;
    if (e.event === 'ApprovalForAll' && String(a.owner).toLowerCase() === from && String(a.operator).toLowerCase() === actor && a.approved === true) return `setApprovalForAll on ${e.address.toLowerCase()}`;
  }
  if (tx.to !== actor) {
    const t = transfersOf(tx).find((x) => x.to === actor && x.value > 0n);
    if (t) return `${t.value} base units of ${t.token}${t.from === from ? '' : ` (delivered from ${t.from})`}`;
  }
  if (tx.to === actor && tx.value > 0n && tx.input === '0x') return `${tx.value} wei`;
  return undefined;
}

/** Third-party contracts that called a function of the actor (no ether: a payment is not a callback) or were re-entered. */
async function callbacks(tx: TxView, actor: string, env: DetectorEnv): Promise<{ callers: string[]; reentered: string[] } | undefined> {
  if (!env.chain?.trace) return undefined;
  const trace = await env.chain.trace(tx.hash, tx.to, tx.contractAddress);
  if (!trace) return undefined;
  const callers = [...new Set(trace.calls.filter((c) => c.to === actor && c.from !== actor && c.from !== tx.from && c.kind !== 'STATICCALL' && c.value === 0n).map((c) => c.from))].filter((c) => !env.knownGood.has(c));
  const reentered = trace.reentered.filter((c) => c !== actor && !env.knownGood.has(c));
  return { callers, reentered };
}

export default defineMonitorDetector(meta, (): Own => ({ actors: new Map(), deployerOf: new Map(), alerted: new Set() }), async (tx, own, env) => {
  if (tx.status !== 'success') return [];
  learnActor(tx, own, env);
  forgetUsed(tx, own);
  const mine = own.actors.get(tx.from);
  if (!mine) return [];
  const out: Finding[] = [];
  for (const [address, actor] of mine) {
    if (tx.blockNumber - actor.block > ACTOR_BLOCKS) {
      mine.delete(address);
      own.deployerOf.delete(address);
      if (mine.size === 0) own.actors.delete(tx.from);
      continue;
    }
    if (tx.blockNumber === actor.block) continue;
    const base = { contract: address, deployer: actor.deployer, targetSelectors: actor.targets, deployedAtBlock: Number(actor.block) };
    const what = actor.armed ? undefined : staged(tx, address);
    if (what) {
      actor.armed = true;
      out.push(
        report(meta, env, {
          tx,
          stage: 'preparation',
          address: tx.from,
          role: 'attacker',
          message: `${tx.from}, freshly funded, deployed ${address} ${count(Number(tx.blockNumber - actor.block), 'block')} ago (a contract with few entry points that calls ${actor.targets.slice(0, 4).join(', ')} on other contracts) and has now staged ${what} in it: a tool being armed.`,
          evidence: { ...base, staged: what },
        }),
      );
    }
    if (tx.to !== address || tx.input.length < 10) continue;
    const selector = tx.input.slice(0, 10).toLowerCase();
    const side = new Set([tx.from, address]);
    const gained = transfersOf(tx).some((t) => side.has(t.to) && !side.has(t.from));
    const before = actor.runs.get(selector);
    actor.runs.set(selector, (before ?? false) || gained);
    if (before === false && !own.alerted.has(`rehearsal:${address}:${selector}`)) {
      own.alerted.add(`rehearsal:${address}:${selector}`);
      out.push(
        report(meta, env, {
          tx,
          stage: 'exploitation',
          address: tx.from,
          role: 'attacker',
          severity: 'high',
          message: `${tx.from} ran ${selector} on its fresh contract ${address} again, after a first run that moved nothing to it: a rehearsal, then the attack.`,
          evidence: { ...base, selector, rehearsal: true },
        }),
      );
    }
    const cb = await callbacks(tx, address, env);
    if (cb && (cb.callers.length > 0 || cb.reentered.length > 0) && !own.alerted.has(`callback:${address}`)) {
      own.alerted.add(`callback:${address}`);
      const parts = [cb.callers.length ? `${cb.callers.join(', ')} called back into ${address} while it was mid-call` : '', cb.reentered.length ? `${cb.reentered.join(', ')} was re-entered while still mid-call` : ''].filter(Boolean);
      out.push(
        report(meta, env, {
          tx,
          stage: 'exploitation',
          address: tx.from,
          role: 'attacker',
          severity: 'high',
          confidence: 0.75,
          message: `In a call from ${tx.from} to its fresh contract ${address}, ${parts.join(', and ')}: control handed back to an attack tool.`,
          evidence: { ...base, callbacksFrom: cb.callers, reentered: cb.reentered },
        }),
      );
    }
  }
  return out;
});
