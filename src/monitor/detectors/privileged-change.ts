import { defineMonitorDetector, report, type DetectorEnv } from './detector.js';
import type { TxView } from '../state.js';
import { count } from '../../core/amounts.js';

/**
 * Privileged changes made by someone the contract never made an admin: an ERC-1967 upgrade, an admin or
 * beacon change, an ownership transfer or a role grant sent by an address that is neither the contract's
 * deployer nor an owner or admin it named before, on a contract already live (not in its creation
 * transaction); and an `Initialized` event on a contract already initialised at that version or a later one
 * (re-initialisation; OpenZeppelin's reinitializer raises the version), whoever sends it.
 *
 * A change the contract's owner or admin executes is its own, whoever pays for the transaction: when the
 * owner is a contract (a Safe-like multisig, a timelock, a governor), an owner of *that* contract sends the
 * transaction that makes it act, so the sender is a stranger to the changed contract. The owner took part
 * when it is the transaction's target or emitted an event in it (its code ran); its own rules (threshold,
 * delay, vote) authorised the change.
 */

const meta = {
  id: 'privileged-change',
  title: 'Privileged change by a stranger, or re-initialisation',
  severity: 'high' as const,
  confidence: 0.8,
  kind: 'protocol-exploit' as const,
  description:
    "An upgrade, admin change, ownership transfer, role grant or initialisation of a live contract, sent by an address the contract never made its owner or admin (nor its deployer); or a contract initialised a second time.",
  recommendation: 'Check who now controls the contract; if it is not its team, pause what can be paused and warn its users.',
};

interface Own {
  /** contract -> addresses it made owner or admin (lower case). */
  admins: Map<string, Set<string>>;
  /** contract -> the highest version its Initialized events gave. */
  initialized: Map<string, bigint>;
}

const PRIVILEGED = new Set(['Upgraded', 'AdminChanged', 'BeaconUpgraded', 'OwnershipTransferred', 'RoleGranted', 'Initialized']);

/**
 * Whether the owner contract itself called the changed contract. An event of the owner only shows that its
 * code ran: an attacker can make a Safe emit one by sending it 1 wei in the same transaction. Where the node
 * gives call traces, an owner reached only that way must be the caller of the changed contract; without
 * traces, the event is all there is (undefined).
 */
async function adminCalled(tx: TxView, contract: string, admins: ReadonlySet<string>, env: DetectorEnv): Promise<boolean | undefined> {
  if (!env.chain?.trace) return undefined;
  const trace = await env.chain.trace(tx.hash, tx.to, tx.contractAddress);
  if (!trace) return undefined;
  return trace.calls.some((c) => admins.has(c.from.toLowerCase()) && c.to.toLowerCase() === contract);
}

export default defineMonitorDetector(meta, (): Own => ({ admins: new Map(), initialized: new Map() }), async (tx, own, env) => {
  if (tx.status !== 'success') return [];
  const out = [];
  let reported = false;
  for (const e of tx.events) {
    if (e.standard !== 'admin' || !PRIVILEGED.has(e.event)) continue;
    const contract = e.address.toLowerCase();
    const created = env.state.contracts.get(contract);
    const admins = own.admins.get(contract) ?? new Set<string>();
    const sender = tx.from;
    const ownRight = admins.has(sender) || created?.deployer === sender || tx.contractAddress === contract || env.knownGood.has(sender);
    // Through its owner contract: the change is the owner's, the sender stays a stranger to this contract.
    // Through its owner contract: the transaction's target ran at the top; an owner that only emitted an event
    // must be seen calling the contract in the trace, where there is one.
    const ownerIsTarget = tx.to !== null && admins.has(tx.to.toLowerCase());
    const ownerEmitted = tx.events.some((x) => admins.has(x.address.toLowerCase()));
    const trusted = ownRight || ownerIsTarget || (ownerEmitted && (await adminCalled(tx, contract, admins, env)) !== false);
    // OpenZeppelin's reinitializer(n) raises the version; the same (or a lower) version again is a re-run.
    const version = e.event === 'Initialized' ? BigInt(e.args.version as bigint | number) : undefined;
    const before = own.initialized.get(contract);
    const reinit = version !== undefined && before !== undefined && version <= before;
    if (!reported && (reinit || (!trusted && created !== undefined && created.block < tx.blockNumber))) {
      reported = true;
      const age = created ? Number(tx.blockNumber - created.block) : undefined;
      out.push(
        report(meta, env, {
          tx,
          stage: 'exploitation',
          message: reinit
            ? `${contract} was initialised again (${e.event}), by ${sender}: whoever re-initialises a contract can make itself its owner.`
            : `${sender} made a privileged change (${e.event}) to ${contract}${age !== undefined ? `, live for ${count(age, 'block')}` : ''}, which never made it owner or admin and which ${created?.deployer ?? 'someone else'} deployed.`,
          evidence: { contract, event: e.event, sender, deployer: created?.deployer ?? null, args: Object.fromEntries(Object.entries(e.args).map(([k, x]) => [k, String(x)])) },
        }),
      );
    }
    if (version !== undefined && (before === undefined || version > before)) own.initialized.set(contract, version);
    // Who the contract names as owner or admin from now on (an attacker it names stays suspect: already reported).
    const named = e.event === 'OwnershipTransferred' ? e.args.newOwner : e.event === 'AdminChanged' ? e.args.newAdmin : e.event === 'RoleGranted' ? e.args.account : undefined;
    if (named !== undefined && trusted) admins.add(String(named).toLowerCase());
    if (ownRight) admins.add(sender);
    own.admins.set(contract, admins);
  }
  return out;
});
