/**
 * The guard's policies. Each looks at one principle, whatever the shape of the request:
 *
 * - a permission over the sender's assets (allowance, approval for all, permit of any standard) to a
 *   spender nobody can vouch for: an account without code, a listed or sanctioned address, or a contract
 *   younger than `freshContractBlocks`;
 * - assets leaving the sender towards a listed or sanctioned address, or to a lookalike of someone the
 *   sender really paid before (address poisoning);
 * - a token bought that cannot be sold back (the house's honeypot simulation on the same fork);
 * - assets leaving the sender with nothing coming back, through a contract (a drainer's "claim"); an order
 *   that gives items away for nothing;
 * - blind signatures: `eth_sign`, and `personal_sign` of opaque bytes.
 */
import { formatEther, getAddress, type Address } from 'viem';
import type { IntelStore } from '../fraud/intel/store.js';
import type { GuardPolicy } from './config.js';
import type { ChainReputation } from './reputation.js';
import type { AssetChange, OrderSummary, Permission, Reason } from './types.js';

/** Contracts at the same address on every chain, trusted as spenders by default: Permit2. */
export const CANONICAL_TRUSTED: readonly Address[] = ['0x000000000022D473030F116dDEE9F6B43aC78BA3'];

export interface PolicyContext {
  policy: GuardPolicy;
  intel: IntelStore;
  reputation: ChainReputation;
  head: number;
}

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

export function isTrusted(ctx: PolicyContext, address: Address): boolean {
  const a = address.toLowerCase();
  return CANONICAL_TRUSTED.some((t) => t.toLowerCase() === a) || ctx.policy.trustedSpenders.some((t) => t.toLowerCase() === a);
}

/** A listed, sanctioned or user-blocked address: the lists naming it, in words; undefined when none does. */
export function flagged(ctx: PolicyContext, address: Address): string | undefined {
  if (ctx.policy.blockedAddresses.some((b) => b.toLowerCase() === address.toLowerCase())) return 'on your policy\'s blocked list';
  const hits = ctx.intel.lookup(address);
  if (hits.length === 0) return undefined;
  return `listed by ${hits.map((h) => `${h.list}${h.label ? ` (${h.label})` : ''}`).join(', ')}`;
}

/** Why `spender` cannot be trusted with the sender's assets; undefined when it can. */
export async function untrustedSpender(ctx: PolicyContext, spender: Address): Promise<string | undefined> {
  if (isTrusted(ctx, spender)) return undefined;
  const flag = flagged(ctx, spender);
  if (flag) return `${short(spender)} is ${flag}`;
  const info = await ctx.reputation.contract(spender, ctx.head);
  if (!info.isContract) return `${short(spender)} is an account without code (an EOA): whoever holds its key can take the assets at any time`;
  const age = ctx.head - (info.deployedAt ?? 0);
  if (age < ctx.policy.freshContractBlocks) return `${short(spender)} is a contract deployed ${age} blocks ago (fresh: under ${ctx.policy.freshContractBlocks}), not yet vetted by anyone`;
  return undefined;
}

const KIND_WORDS: Record<Permission['kind'], string> = {
  'ERC20-approve': 'an allowance',
  'ERC20-increaseAllowance': 'a larger allowance (increaseAllowance)',
  'ERC721-approve': 'an approval of one NFT',
  'approval-for-all': 'an approval for all its items (setApprovalForAll)',
  'Permit2-allowance': 'a Permit2 allowance',
  'Permit2-transfer': 'a Permit2 signature transfer',
  'EIP-2612-permit': 'an EIP-2612 permit',
  'DAI-permit': 'a DAI-style permit (unlimited)',
};

export async function permissionReasons(ctx: PolicyContext, permissions: Permission[]): Promise<Reason[]> {
  const out: Reason[] = [];
  const seen = new Set<string>();
  for (const p of permissions) {
    if (p.revoked) continue;
    const key = `${p.token}:${p.spender}`.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const why = await untrustedSpender(ctx, p.spender);
    if (why) out.push({ rule: 'spender-untrusted', verdict: 'block', message: `grants ${KIND_WORDS[p.kind]} over ${short(p.token)} to a spender nobody vouches for: ${why}` });
  }
  return out;
}

export interface Outflow {
  to: Address;
  what: string;
}

/** Assets leaving the sender, by recipient. */
export function outflows(changes: AssetChange[], movements: Array<{ from: Address; to: Address; standard: string; token: Address; amount: bigint; id?: bigint }>, sender: Address, ethTo?: Address): Outflow[] {
  const out: Outflow[] = [];
  const s = sender.toLowerCase();
  for (const m of movements) if (m.from.toLowerCase() === s && m.to.toLowerCase() !== s && !/^0x0{40}$/iu.test(m.to)) out.push({ to: m.to, what: `${m.standard} ${short(m.token)}${m.id !== undefined ? ` #${m.id}` : ''}` });
  const eth = changes.find((c) => c.standard === 'ETH');
  if (ethTo && eth && BigInt(eth.amount) < 0n) out.push({ to: ethTo, what: `${formatEther(-BigInt(eth.amount))} ETH` });
  return out;
}

export function recipientReasons(ctx: PolicyContext, sender: Address, flows: Outflow[]): Reason[] {
  const out: Reason[] = [];
  const seen = new Set<string>();
  for (const f of flows) {
    const key = f.to.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const flag = flagged(ctx, f.to);
    if (flag) {
      out.push({ rule: 'recipient-flagged', verdict: 'block', message: `sends ${f.what} to ${short(f.to)}, which is ${flag}` });
      continue;
    }
    const like = ctx.reputation.lookalikeOf(sender, f.to, ctx.policy.lookalike.prefix, ctx.policy.lookalike.suffix);
    if (like) out.push({ rule: 'address-poisoning', verdict: 'block', message: `sends ${f.what} to ${f.to}, a lookalike of ${like} whom you paid before; you never paid this one (address poisoning)` });
  }
  return out;
}

/** The order gives the signer's items away: nothing comes back to the signer, or a listed address is paid. */
export function orderReasons(ctx: PolicyContext, order: OrderSummary): Reason[] {
  const out: Reason[] = [];
  if (order.gives.length > 0 && order.receives.length === 0) {
    const items = order.gives.map((g) => `${g.standard} ${short(g.token)}${g.id ? ` #${g.id}` : ''}`).join(', ');
    out.push({ rule: 'order-for-nothing', verdict: 'block', message: `signs a ${order.venue} order that gives ${items} and pays you nothing${order.otherRecipients.length ? ` (payments go to ${order.otherRecipients.map(short).join(', ')})` : ''}` });
  }
  for (const r of order.otherRecipients) {
    const flag = flagged(ctx, r);
    if (flag) out.push({ rule: 'recipient-flagged', verdict: 'block', message: `the ${order.venue} order pays ${short(r)}, which is ${flag}` });
  }
  return out;
}

/** Assets leave the sender through a contract call and nothing comes back. */
export async function unrequitedReasons(ctx: PolicyContext, tx: { to?: Address; data?: string }, changes: AssetChange[]): Promise<Reason[]> {
  const losses = changes.filter((c) => BigInt(c.amount) < 0n);
  const gains = changes.filter((c) => BigInt(c.amount) > 0n);
  if (!tx.to || losses.length === 0 || gains.length > 0) return [];
  const plainCall = !tx.data || tx.data === '0x';
  // A direct transfer of a token by its own contract, or ETH to an account: the user named the recipient.
  if (losses.every((c) => c.token && getAddress(c.token) === getAddress(tx.to as Address))) return [];
  const info = await ctx.reputation.contract(tx.to, ctx.head);
  if (!info.isContract) return [];
  if (plainCall && losses.every((c) => c.standard === 'ETH') && isTrusted(ctx, tx.to)) return [];
  const what = losses.map((c) => (c.standard === 'ETH' ? `${formatEther(-BigInt(c.amount))} ETH` : `${c.standard} ${short(c.token ?? '')}${c.id ? ` #${c.id}` : ''}`)).join(', ');
  const age = ctx.head - (info.deployedAt ?? 0);
  const flag = flagged(ctx, tx.to);
  if (flag || (!isTrusted(ctx, tx.to) && age < ctx.policy.freshContractBlocks)) {
    return [{ rule: 'drain', verdict: 'block', message: `calling ${short(tx.to)} (${flag ?? `a contract deployed ${age} blocks ago`}) takes ${what} from you and gives nothing back` }];
  }
  return [{ rule: 'nothing-back', verdict: 'warn', message: `calling ${short(tx.to)} takes ${what} from you and gives nothing back in this transaction` }];
}

export function lossReasons(ctx: PolicyContext, changes: AssetChange[]): Reason[] {
  const eth = changes.find((c) => c.standard === 'ETH');
  if (!eth) return [];
  const lost = -BigInt(eth.amount);
  const limit = BigInt(Math.round(ctx.policy.maxEthLoss * 1e6)) * 10n ** 12n;
  return lost > limit ? [{ rule: 'loss-threshold', verdict: 'warn', message: `sends ${formatEther(lost)} ETH, above your limit of ${ctx.policy.maxEthLoss} ETH` }] : [];
}
