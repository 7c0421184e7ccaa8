/**
 * `argus protocol`: who can change a protocol and how fast, read from the chain at one block.
 *
 * - Upgradeability: the EIP-1967 implementation, admin and beacon slots, EIP-1822's PROXIABLE slot and
 *   EIP-1167 clones; a UUPS implementation (upgradeToAndCall in its code) is upgraded by its owner or
 *   UPGRADER_ROLE, a transparent proxy by its admin (a ProxyAdmin's owner), a beacon proxy by the beacon's owner.
 * - Control: Ownable's owner and AccessControl's roles (events replayed, then confirmed with hasRole), each
 *   holder identified (controllers.ts): a key, a multisig and its threshold, a timelock and its delay (and who
 *   proposes to it), a governor.
 * - Pause and mint rights: entry points in the code (code.ts) and who holds them.
 * - Oracle dependence, holder and liquidity concentration, recent privileged changes, and audit findings
 *   of verified source when it is given.
 * Each check that cannot decide says so; the score (score.ts) is then "unknown", never low.
 */
import { keccak256, toHex, type Hex } from 'viem';
import { tinyProxy } from '../evm/code-kind.js';
import { addressOfWord, ChainReader } from './chain.js';
import { codeFacts, oracleUse, SELECTORS } from './code.js';
import { concentration, type Concentration } from './concentration.js';
import { classify, type Controller } from './controllers.js';
import { privilegedChanges, type PrivilegedChange } from './changes.js';
import { allRoles, roleName, roleOf } from './roles.js';
import { scoreProtocol } from './score.js';
import type { ProtocolReport, Right, Upgradeability } from './types.js';

export const SLOTS = {
  implementation: '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc' as Hex,
  admin: '0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103' as Hex,
  beacon: '0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582b35133d50' as Hex,
  proxiable: keccak256(toHex('PROXIABLE')),
};

export type { ProxyKind, Upgradeability, Right, ProtocolReport } from './types.js';

export interface AssessOptions {
  /** First block for event replays (roles, balances, changes). Default 0. */
  fromBlock?: bigint;
  /** Privileged changes in the last this many blocks count as recent. Default 50,000. */
  recentBlocks?: number;
  /** Verified source of the contract, audited when given. */
  source?: { file: string; text: string };
}

const lc = (s: string) => s.toLowerCase();

export async function assessProtocol(rpcUrl: string, address: string, options: AssessOptions = {}): Promise<ProtocolReport> {
  const reader = new ChainReader(rpcUrl);
  const a = lc(address);
  const head = await reader.pin();
  const chainId = await reader.chainId();
  const fromBlock = options.fromBlock ?? 0n;
  const undecided: string[] = [];
  const code = await reader.code(a);
  const base = { address: a, chainId, block: Number(head), assessedAt: new Date().toISOString() };
  const nothing: Right = { present: false, holders: [], note: 'no such entry point' };
  if (code === '0x') {
    const report: Omit<ProtocolReport, 'score'> = {
      ...base, kind: 'eoa', codeSize: 0, upgradeability: { proxy: 'none', note: 'not a contract' }, roles: [], pause: nothing, mint: nothing,
      oracles: { spot: false, twap: false, chainlink: false, evidence: [] }, changes: [], undecided: ['the address holds no code: it is a key, not a protocol'],
    };
    return { ...report, score: scoreProtocol(report) };
  }

  const upgradeability = await upgradeabilityOf(reader, a, code, fromBlock);
  const logicCode = upgradeability.implementation ? await reader.code(upgradeability.implementation) : code;
  const facts = codeFacts(logicCode);
  if (upgradeability.implementation && logicCode === '0x') undecided.push(`the implementation ${upgradeability.implementation} holds no code`);

  // Owner and roles, read through the address users call (a proxy answers with its implementation's code).
  let owner: Controller | undefined;
  if (facts.own.has(SELECTORS.owner)) {
    const o = await reader.view<string>(a, 'owner');
    if (o.ok) owner = await classify(reader, o.value, fromBlock);
    else undecided.push(`owner() exists and could not be read (${o.why})`);
  }
  const roles: ProtocolReport['roles'] = [];
  if (facts.own.has(SELECTORS.hasRole)) {
    const r = await allRoles(reader, a, fromBlock);
    if (r.ok) for (const [role, holders] of r.value) roles.push({ role, name: roleName(role), holders: await Promise.all(holders.map((h) => classify(reader, h, fromBlock))) });
    else undecided.push(`roles: ${r.why}`);
  }
  if (upgradeability.proxy === 'uups' || upgradeability.proxy === 'eip1822') {
    const upgraders = roles.find((r) => r.name === 'UPGRADER_ROLE')?.holders ?? roles.find((r) => r.name === 'DEFAULT_ADMIN_ROLE')?.holders;
    upgradeability.upgrader = upgraders?.[0] ?? owner;
    if (!upgradeability.upgrader) {
      upgradeability.upgrader = { address: a, kind: 'unknown', note: 'the implementation can be upgraded and neither an owner nor an upgrader role could be found' };
    }
    upgradeability.note += `; upgraded by ${upgradeability.upgrader.kind} ${upgradeability.upgrader.address}`;
  }
  if (upgradeability.upgrader && (upgradeability.upgrader.kind === 'unknown' || upgradeability.upgrader.kind === 'contract')) undecided.push(`upgrades: ${upgradeability.upgrader.note}`);

  const rightOf = (present: boolean, roleNames: string[], what: string): Right => {
    if (!present) return nothing;
    const byRole = roleNames.map((n) => roles.find((r) => r.name === n)).find((r) => r && r.holders.length > 0);
    const holders = byRole?.holders ?? (owner ? [owner] : []);
    const right: Right = { present, holders, note: byRole ? `${byRole.name} holders` : owner ? 'the owner' : 'no holder found' };
    if (holders.length === 0 && !roles.some((r) => roleNames.includes(r.name))) right.undecided = `the code can ${what} and Argus could not tell who may`;
    if (holders.some((h) => h.kind === 'unknown' || h.kind === 'contract')) right.undecided = `the code can ${what}, and a holder is a contract Argus cannot identify`;
    if (right.undecided) undecided.push(right.undecided);
    return right;
  };
  const pause: ProtocolReport['pause'] = rightOf(SELECTORS.pause.some((s) => facts.own.has(s)), ['PAUSER_ROLE', 'GUARDIAN_ROLE'], 'pause');
  if (facts.own.has(SELECTORS.paused)) {
    const p = await reader.view<boolean>(a, 'paused');
    if (p.ok) pause.paused = p.value;
  }
  const isToken = facts.own.has(SELECTORS.totalSupply) && facts.own.has(SELECTORS.balanceOf);
  const mint = rightOf(isToken && SELECTORS.mint.some((s) => facts.own.has(s)), ['MINTER_ROLE'], 'mint');
  for (const c of [owner, ...roles.flatMap((r) => r.holders)]) if (c && (c.kind === 'unknown' || c.kind === 'contract') && !undecided.some((u) => u.includes(c.address))) undecided.push(`${c.address} holds a power and is ${c.note}`);

  let conc: Concentration | undefined;
  if (isToken) {
    const isPair = facts.own.has(SELECTORS.getReserves);
    try {
      conc = await concentration(reader, a, fromBlock, isPair);
    } catch (error) {
      undecided.push(`holder concentration: ${(error as Error).message} (give --from-block, or a node that serves the logs)`);
    }
  }

  const recentFrom = head > BigInt(options.recentBlocks ?? 50_000) ? head - BigInt(options.recentBlocks ?? 50_000) : 0n;
  const watched = new Set([a, upgradeability.beacon, upgradeability.upgrader?.address, owner?.address].filter((x): x is string => Boolean(x)));
  let changes: PrivilegedChange[] = [];
  try {
    changes = await privilegedChanges(reader, [...watched], recentFrom > fromBlock ? recentFrom : fromBlock);
  } catch (error) {
    undecided.push(`recent privileged changes: ${(error as Error).message}`);
  }

  let audit: ProtocolReport['audit'];
  if (options.source) {
    const { auditSource } = await import('../audit/audit-source.js');
    const findings = await auditSource(options.source.text, options.source.file);
    audit = { file: options.source.file, findings: findings.map((f) => ({ detector: f.detector, severity: f.severity, title: f.title })) };
  }

  const report: Omit<ProtocolReport, 'score'> = {
    ...base,
    kind: 'contract',
    codeSize: facts.size,
    upgradeability,
    ...(owner ? { owner } : {}),
    roles,
    pause,
    mint,
    oracles: oracleUse(facts),
    ...(conc ? { concentration: conc } : {}),
    changes,
    ...(audit ? { audit } : {}),
    undecided,
  };
  return { ...report, score: scoreProtocol(report) };
}

async function upgradeabilityOf(reader: ChainReader, a: string, code: Hex, fromBlock: bigint): Promise<Upgradeability> {
  const clone = tinyProxy(code);
  if (clone?.eip1167 && clone.address) return { proxy: 'clone', implementation: lc(clone.address), note: `an EIP-1167 clone of ${clone.address}: its code can never change` };
  const [impl, admin, beacon, proxiable] = await Promise.all([SLOTS.implementation, SLOTS.admin, SLOTS.beacon, SLOTS.proxiable].map((s) => reader.slot(a, s)));
  const beaconAddress = addressOfWord(beacon ?? 0n);
  if (beaconAddress) {
    const b = lc(beaconAddress);
    const i = await reader.view<string>(b, 'implementation');
    const upgrader = await classify(reader, b, fromBlock);
    return { proxy: 'beacon', beacon: b, ...(i.ok ? { implementation: lc(i.value) } : {}), upgrader, note: `a beacon proxy: beacon ${b}${i.ok ? ` points at ${lc(i.value)}` : ' (its implementation could not be read)'}; the beacon is ${upgrader.note}` };
  }
  const implAddress = addressOfWord(impl ?? 0n) ?? addressOfWord(proxiable ?? 0n);
  if (!implAddress) return { proxy: 'none', note: 'not a proxy (no EIP-1967, EIP-1822 or beacon slot set): the code cannot be replaced' };
  const implementation = lc(implAddress);
  const standard = addressOfWord(impl ?? 0n) ? 'EIP-1967' : 'EIP-1822';
  const adminAddress = addressOfWord(admin ?? 0n);
  if (adminAddress) {
    const upgrader = await classify(reader, adminAddress, fromBlock);
    return { proxy: 'transparent', implementation, upgrader, note: `a transparent ${standard} proxy of ${implementation}; its admin ${lc(adminAddress)} is ${upgrader.note}` };
  }
  const implFacts = codeFacts(await reader.code(implementation));
  if (SELECTORS.upgrade.some((s) => implFacts.own.has(s))) return { proxy: standard === 'EIP-1967' ? 'uups' : 'eip1822', implementation, note: `a UUPS (${standard}) proxy of ${implementation}, which can upgrade itself` };
  return { proxy: 'eip1967-no-upgrade-path', implementation, note: `an ${standard} proxy of ${implementation} with no admin and no upgrade function in the implementation: the code cannot be replaced` };
}

export { roleOf };
