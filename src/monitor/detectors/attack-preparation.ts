/**
 * Preparation signals (issue 17), raised before anything is taken, whatever the mechanism of the theft
 * that follows:
 *
 * 1. Code aimed at a protocol: an address funded moments earlier deploys a contract whose code calls
 *    functions that other users call on a contract holding value (a selector the new code pushes for an
 *    outgoing call, not one of its own functions, not a token standard's, not one users call on the known
 *    infrastructure), or names such a contract in its bytecode. An attacker's contract is written against
 *    its victim's interface; an ordinary contract calls tokens and the router.
 * 2. A token named like an established one: a contract whose `symbol()` is that of a token many holders
 *    already hold (or of wrapped ether, or of the known infrastructure's tokens), deployed by someone other
 *    than that token's team, or a pool created for such a token. A fake deposit, a fake collateral or a
 *    phishing airdrop starts with one.
 * 3. Dust first shares: the first shares a contract ever mints go to a depositor for a dust amount (at most
 *    DUST base units). Whoever holds the whole supply of shares at that price can inflate what one share is
 *    worth by a donation and round later depositors down to nothing.
 *
 * Findings name the sender (role `attacker`), stage `preparation`.
 */
import type { Hex } from 'viem';
import type { Finding } from '../../core/finding.js';
import { count } from '../../core/amounts.js';
import { disassemble, dispatcher, OP } from '../../evm/disasm.js';
import { defineMonitorDetector, report, ZERO, type DetectorEnv } from './detector.js';
import { transfersOf, type TxView } from '../state.js';
import { fetchTokenInfo } from '../tokens.js';

/** The deployer was first seen at most this many blocks before ("freshly funded"). */
const FRESH_BLOCKS = 300n;
/** ...and had sent at most this many transactions. */
const FRESH_SENT = 2;
/** A contract holding at least this much (wei, or base units of a token) is worth aiming at. */
const MIN_POT = 10n ** 18n;
/** Distinct users who called a selector on a contract before it counts as that contract's interface. */
const MIN_CALLERS = 2;
/** Senders remembered per (contract, selector): enough to count MIN_CALLERS. */
const KEEP_CALLERS = MIN_CALLERS;
/** Holders that make a token established (its symbol is then worth copying). */
const ESTABLISHED_HOLDERS = 5;
/** First shares minted for at most this many base units are dust. */
const DUST = 1000n;
const TOKEN0: Hex = '0x0dfe1681';
const TOKEN1: Hex = '0xd21220a7';

/**
 * Selectors of the token standards (ERC-20, ERC-721, ERC-1155, ERC-165, EIP-2612) and their metadata:
 * every contract that moves tokens calls some of these, so they say nothing about a target.
 */
const STANDARD_SELECTORS = new Set([
  '0xa9059cbb', // transfer(address,uint256)
  '0x23b872dd', // transferFrom(address,address,uint256)
  '0x095ea7b3', // approve(address,uint256)
  '0x70a08231', // balanceOf(address)
  '0xdd62ed3e', // allowance(address,address)
  '0x18160ddd', // totalSupply()
  '0x313ce567', // decimals()
  '0x95d89b41', // symbol()
  '0x06fdde03', // name()
  '0x42842e0e', // safeTransferFrom(address,address,uint256)
  '0xb88d4fde', // safeTransferFrom(address,address,uint256,bytes)
  '0xa22cb465', // setApprovalForAll(address,bool)
  '0x6352211e', // ownerOf(uint256)
  '0x081812fc', // getApproved(uint256)
  '0xe985e9c5', // isApprovedForAll(address,address)
  '0xf242432a', // safeTransferFrom(address,address,uint256,uint256,bytes)
  '0x2eb2c2d6', // safeBatchTransferFrom(...)
  '0x00fdd58e', // balanceOf(address,uint256)
  '0x01ffc9a7', // supportsInterface(bytes4)
  '0xd505accf', // permit(...)
  '0x7ecebe00', // nonces(address)
  '0x3644e515', // DOMAIN_SEPARATOR()
  '0x8da5cb5b', // owner()
  '0x150b7a02', // onERC721Received (a receiver's own hook)
  '0xf23a6e61', // onERC1155Received
  '0xbc197c81', // onERC1155BatchReceived
  '0x08c379a0', // Error(string), pushed for revert reasons
  '0x4e487b71', // Panic(uint256), pushed for checked arithmetic
]);

const meta = {
  id: 'attack-preparation',
  title: 'Preparation of an attack: aimed code, a copied token, dust first shares',
  severity: 'medium' as const,
  confidence: 0.65,
  kind: 'protocol-exploit' as const,
  description:
    'A freshly funded address deployed a contract whose code calls the functions users call on a contract holding value; or a token copying an established token\'s symbol was deployed (or pooled) by someone other than its team; or a contract minted its first shares to a depositor for a dust amount (the set-up of a share-inflation attack).',
  recommendation: 'Watch the named contract and the sender closely; if the contract can be paused and the new code calls it, be ready to pause it.',
};

interface Own {
  /** contract -> selector -> a few distinct senders who called it at top level. */
  called: Map<string, Map<string, string[]>>;
  /** Selectors users call on the known infrastructure (router, WETH…): how anyone uses it. */
  infrastructure: Set<string>;
  alerted: Set<string>;
}

function learnCalls(tx: TxView, own: Own, env: DetectorEnv): void {
  if (tx.status !== 'success' || !tx.to || tx.input.length < 10) return;
  const selector = tx.input.slice(0, 10).toLowerCase();
  if (env.knownGood.has(tx.to)) {
    own.infrastructure.add(selector);
    return;
  }
  if (env.state.contracts.get(tx.to)?.deployer === tx.from) return;
  let bySelector = own.called.get(tx.to);
  if (!bySelector) own.called.set(tx.to, (bySelector = new Map()));
  const senders = bySelector.get(selector) ?? [];
  if (senders.length < KEEP_CALLERS && !senders.includes(tx.from)) senders.push(tx.from);
  bySelector.set(selector, senders);
}

/** Selectors a contract's code pushes that are not its own functions (outgoing calls), and the addresses it embeds. */
type CodeTargets = { outgoing: Set<string>; addresses: Set<string>; entries: Set<string> };
/** The last creation code read: several detectors read the same deployment, disassembled once. */
let lastCode: { input: Hex; targets: CodeTargets } | undefined;

export function codeTargets(input: Hex): CodeTargets {
  if (lastCode?.input === input) return lastCode.targets;
  const targets = readCodeTargets(input);
  lastCode = { input, targets };
  return targets;
}

function readCodeTargets(input: Hex): CodeTargets {
  // A creation input is init code then runtime code: the dispatcher's jump targets are runtime offsets, so
  // its own selectors are told by what follows them (compared with the call's selector: EQ, or GT/LT in a
  // binary-search dispatcher), not by where they jump.
  const code = disassemble(input);
  const ins = code.instrs;
  const own = new Set<string>();
  const pushed: string[] = [];
  const addresses = new Set<string>();
  for (let i = 0; i < ins.length; i++) {
    const x = ins[i]!;
    if (x.push === undefined) continue;
    if (x.size === 20) addresses.add(`0x${x.push.toString(16).padStart(40, '0')}`);
    if (x.size !== 4 || x.push <= 0xffffn) continue;
    const s = `0x${x.push.toString(16).padStart(8, '0')}`;
    pushed.push(s);
    let j = i + 1;
    const op = ins[j]?.op ?? 0;
    if ((op >= OP.DUP1 && op <= OP.DUP16) || (op >= OP.SWAP1 && op <= OP.SWAP16)) j++;
    const next = ins[j]?.op;
    if (next === OP.EQ || next === OP.GT || next === OP.LT) own.add(s);
  }
  for (const d of dispatcher(code)) own.add(d.selector);
  return { outgoing: new Set(pushed.filter((s) => !own.has(s))), addresses, entries: own };
}

/** What a contract holds: its ether, or its largest token balance from the Transfer history. */
async function holdings(target: string, blockNumber: bigint, env: DetectorEnv): Promise<bigint> {
  let best = 0n;
  for (const holders of env.state.balances.values()) {
    const b = holders.get(target) ?? 0n;
    if (b > best) best = b;
  }
  if (best >= MIN_POT || !env.chain) return best;
  const eth = await env.chain.getBalance(target, blockNumber);
  return eth > best ? eth : best;
}

export function fresh(tx: TxView, env: DetectorEnv): number | undefined {
  const first = env.state.firstSeen.get(tx.from);
  if (first === undefined || tx.blockNumber - first > FRESH_BLOCKS || (env.state.sent.get(tx.from) ?? 0) > FRESH_SENT) return undefined;
  return Number(tx.blockNumber - first);
}

async function aimedCode(tx: TxView, own: Own, env: DetectorEnv): Promise<Finding[]> {
  if (tx.to !== null || !tx.contractAddress) return [];
  const age = fresh(tx, env);
  if (age === undefined) return [];
  const { outgoing, addresses } = codeTargets(tx.input);
  const aimed = new Map<string, string[]>();
  for (const [contract, bySelector] of own.called) {
    if (env.knownGood.has(contract) || env.state.pools.has(contract) || env.state.contracts.get(contract)?.deployer === tx.from) continue;
    const hits: string[] = [];
    for (const [selector, senders] of bySelector) {
      if (senders.length < MIN_CALLERS || !outgoing.has(selector) || STANDARD_SELECTORS.has(selector) || own.infrastructure.has(selector)) continue;
      hits.push(selector);
    }
    if (addresses.has(contract)) hits.push('address');
    if (hits.length > 0) aimed.set(contract, hits);
  }
  const out: Finding[] = [];
  for (const [target, hits] of aimed) {
    const held = await holdings(target, tx.blockNumber, env);
    if (held < MIN_POT) continue;
    const key = `aim:${tx.from}:${target}`;
    if (own.alerted.has(key)) continue;
    own.alerted.add(key);
    const selectors = hits.filter((h) => h !== 'address');
    out.push(
      report(meta, env, {
        tx,
        stage: 'preparation',
        address: tx.from,
        role: 'attacker',
        message: `${tx.from}, first seen ${count(age, 'block')} ago, deployed ${tx.contractAddress}, whose code ${selectors.length ? `calls ${selectors.join(', ')}, the function${selectors.length > 1 ? 's' : ''} users call on ${target}` : `names ${target}`}${selectors.length && hits.includes('address') ? ' and names it' : ''}; ${target} holds value that is not the deployer's.`,
        evidence: { deployer: tx.from, contract: tx.contractAddress, target, selectors, namesTarget: hits.includes('address'), deployerAgeBlocks: age },
      }),
    );
  }
  return out;
}

const norm = (symbol: string): string => symbol.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Symbols of established tokens (normalised) -> the token and its team (deployer and first mint). */
function establishedSymbols(env: DetectorEnv): Map<string, { token: string; team: Set<string> }> {
  const out = new Map<string, { token: string; team: Set<string> }>();
  const add = (token: string) => {
    const symbol = env.tokens.get(token)?.symbol;
    if (!symbol) return;
    const team = new Set<string>();
    const deployer = env.state.contracts.get(token)?.deployer;
    if (deployer) team.add(deployer);
    const minted = env.state.firstMintTo.get(token);
    if (minted) team.add(minted);
    const key = norm(symbol);
    const prior = out.get(key);
    if (prior) for (const t of team) prior.team.add(t);
    else if (key) out.set(key, { token, team });
  };
  for (const t of env.state.wrappedEth) add(t);
  for (const t of env.knownGood) add(t);
  for (const [token, holders] of env.state.balances) if (holders.size >= ESTABLISHED_HOLDERS) add(token);
  return out;
}

async function copiedToken(tx: TxView, own: Own, env: DetectorEnv): Promise<Finding[]> {
  if (!env.chain) return [];
  const candidates: Array<{ token: string; via: 'deploy' | 'pool' }> = [];
  if (tx.to === null && tx.contractAddress) candidates.push({ token: tx.contractAddress, via: 'deploy' });
  // A pool's first event (its first liquidity): the tokens it pairs.
  const fresh = new Set<string>();
  for (const e of tx.events) if (e.standard === 'uniswap-v2' && !env.state.pools.has(e.address.toLowerCase())) fresh.add(e.address.toLowerCase());
  for (const pool of fresh) {
    for (const data of [TOKEN0, TOKEN1]) {
      const r = await env.chain.call({ from: ZERO, to: pool, data, blockNumber: tx.blockNumber });
      if (!r.reverted && r.data.length >= 66) candidates.push({ token: '0x' + r.data.slice(-40).toLowerCase(), via: 'pool' });
    }
  }
  if (candidates.length === 0) return [];
  const out: Finding[] = [];
  let established: ReturnType<typeof establishedSymbols> | undefined;
  for (const c of candidates) {
    if (env.knownGood.has(c.token) || env.state.wrappedEth.has(c.token)) continue;
    const info = env.tokens.get(c.token) ?? (await fetchTokenInfo(env.chain, c.token, tx.blockNumber));
    if (!info.symbol || info.decimals === null) continue;
    established ??= establishedSymbols(env);
    const original = established.get(norm(info.symbol));
    if (!original || original.token === c.token || original.team.has(tx.from)) continue;
    const key = `copy:${c.token}`;
    if (own.alerted.has(key)) continue;
    own.alerted.add(key);
    out.push(
      report(meta, env, {
        tx,
        stage: 'preparation',
        address: tx.from,
        role: 'attacker',
        message: `${tx.from} ${c.via === 'deploy' ? 'deployed' : 'created a pool for'} ${c.token}, a token with the symbol ${info.symbol} of the established token ${original.token}, which it is not the team of.`,
        evidence: { sender: tx.from, token: c.token, symbol: info.symbol, original: original.token, via: c.via },
      }),
    );
  }
  return out;
}

function dustShares(tx: TxView, own: Own, env: DetectorEnv): Finding[] {
  // Only a transaction in which the called contract emitted a Transfer (of its own shares) can mint them.
  const to = tx.to;
  if (!to || !tx.events.some((e) => e.standard === 'erc20' && e.event === 'Transfer' && e.address.toLowerCase() === to)) return [];
  const transfers = transfersOf(tx);
  const out: Finding[] = [];
  for (const t of transfers) {
    if (t.from !== ZERO || t.token !== to || t.to !== tx.from || t.value === 0n || t.value > DUST) continue;
    if ((env.state.supply.get(t.token) ?? 0n) !== 0n) continue;
    // A deposit: the sender paid the minting contract something in the same transaction.
    const paid = tx.value > 0n || transfers.some((x) => x.from === tx.from && x.to === to && x.token !== to);
    if (!paid) continue;
    const key = `dust:${t.token}`;
    if (own.alerted.has(key)) continue;
    own.alerted.add(key);
    out.push(
      report(meta, env, {
        tx,
        stage: 'preparation',
        address: tx.from,
        role: 'attacker',
        message: `${tx.from} made the first deposit into ${to} and was minted ${t.value} base units of its shares, a dust amount: holding the whole supply at that price, it can inflate the value of a share by a donation and round later depositors down to nothing.`,
        evidence: { depositor: tx.from, vault: to, shares: String(t.value) },
      }),
    );
  }
  return out;
}

export default defineMonitorDetector(meta, (): Own => ({ called: new Map(), infrastructure: new Set(), alerted: new Set() }), async (tx, own, env) => {
  if (tx.status !== 'success') return [];
  const out = [...(await aimedCode(tx, own, env)), ...(await copiedToken(tx, own, env)), ...dustShares(tx, own, env)];
  learnCalls(tx, own, env);
  return out;
});
