/**
 * What a request asks for, read without running it: permissions in calldata (approve, increaseAllowance,
 * setApprovalForAll, Permit2's approve, a permit call, each of them inside a multicall too), permissions
 * and orders in EIP-712 messages (EIP-2612 and DAI permits, Permit2 single, batch and signature-transfer
 * permits, Seaport and Blur orders, meta-transactions whose `data` is one of the calls above), and whether
 * a message to sign is readable text or opaque bytes.
 *
 * Typed data is read by the meaning of its fields, not by the name of its type: a message with a spender and
 * an amount is a permission whatever its primary type is called.
 */
import { decodeFunctionData, getAddress, hexToString, isHex, parseAbi, type Address, type Hex } from 'viem';
import type { AssetStandard, OrderSummary, Permission } from './types.js';

const callAbi = parseAbi([
  'function approve(address spender, uint256 amount)',
  'function increaseAllowance(address spender, uint256 addedValue)',
  'function setApprovalForAll(address operator, bool approved)',
  'function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)',
  'function permit(address holder, address spender, uint256 nonce, uint256 expiry, bool allowed, uint8 v, bytes32 r, bytes32 s)',
  'function multicall(bytes[] data)',
  'function multicall(uint256 deadline, bytes[] data)',
]);
const permit2CallAbi = parseAbi(['function approve(address token, address spender, uint160 amount, uint48 expiration)']);

const MAX_DEPTH = 3;

function addr(value: unknown): Address | undefined {
  return typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/u.test(value) ? getAddress(value.toLowerCase()) : undefined;
}

function big(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.trunc(value));
  if (typeof value === 'string' && /^(0x[0-9a-fA-F]+|\d+)$/u.test(value)) return BigInt(value);
  return undefined;
}

/** Permissions granted by calling `to` with `data` (recursing into multicalls on the same contract). */
export function permissionsInCalldata(to: Address | undefined, data: Hex | undefined, depth = 0): Permission[] {
  if (!to || !data || data.length < 10 || depth > MAX_DEPTH) return [];
  const out: Permission[] = [];
  try {
    const { functionName, args } = decodeFunctionData({ abi: permit2CallAbi, data });
    if (functionName === 'approve' && args.length === 4) {
      const [token, spender, amount] = args;
      return [{ kind: 'Permit2-allowance', token: getAddress(token), spender: getAddress(spender), amount: amount.toString(), revoked: amount === 0n, source: 'calldata' }];
    }
  } catch {
    // not Permit2's approve
  }
  let decoded;
  try {
    decoded = decodeFunctionData({ abi: callAbi, data });
  } catch {
    return out;
  }
  const a = decoded.args as readonly unknown[];
  switch (decoded.functionName) {
    case 'approve': {
      const amount = a[1] as bigint;
      out.push({ kind: 'ERC20-approve', token: to, spender: getAddress(a[0] as string), amount: amount.toString(), revoked: amount === 0n || /^0x0{40}$/iu.test(a[0] as string), source: 'calldata' });
      break;
    }
    case 'increaseAllowance':
      out.push({ kind: 'ERC20-increaseAllowance', token: to, spender: getAddress(a[0] as string), amount: (a[1] as bigint).toString(), revoked: false, source: 'calldata' });
      break;
    case 'setApprovalForAll':
      out.push({ kind: 'approval-for-all', token: to, spender: getAddress(a[0] as string), revoked: a[1] === false, source: 'calldata' });
      break;
    case 'permit':
      if (a.length === 7) out.push({ kind: 'EIP-2612-permit', token: to, spender: getAddress(a[1] as string), amount: (a[2] as bigint).toString(), revoked: a[2] === 0n, source: 'calldata' });
      else out.push({ kind: 'DAI-permit', token: to, spender: getAddress(a[1] as string), revoked: a[4] === false, source: 'calldata' });
      break;
    case 'multicall': {
      const calls = (a.length === 2 ? a[1] : a[0]) as readonly Hex[];
      for (const c of calls) out.push(...permissionsInCalldata(to, c, depth + 1));
      break;
    }
  }
  return out;
}

export interface TypedDataLike {
  types?: Record<string, Array<{ name: string; type: string }>>;
  primaryType?: string;
  domain?: Record<string, unknown>;
  message?: Record<string, unknown>;
}

export interface TypedDataReading {
  permissions: Permission[];
  order?: OrderSummary;
  /** The domain's name and verifying contract, for the reasons. */
  domainName?: string;
  verifyingContract?: Address;
  /** True when nothing in the message grants or moves assets (a vote, a login). */
  inert: boolean;
}

/** Reads `eth_signTypedData_v4`'s second parameter (a JSON string or an object). */
export function parseTypedData(raw: unknown): TypedDataLike {
  if (typeof raw === 'string') return JSON.parse(raw) as TypedDataLike;
  if (raw && typeof raw === 'object') return raw as TypedDataLike;
  throw new Error('typed data is neither a JSON string nor an object');
}

const SPENDER_FIELDS = ['spender', 'operator', 'delegate', 'approved'];
const AMOUNT_FIELDS = ['value', 'amount', 'allowance'];

const ITEM_STANDARD: Record<number, AssetStandard | 'ETH'> = { 0: 'ETH', 1: 'ERC20', 2: 'ERC721', 3: 'ERC1155', 4: 'ERC721', 5: 'ERC1155' };

function seaportOrder(m: Record<string, unknown>, signer: Address | undefined): OrderSummary | undefined {
  const offer = m.offer;
  const consideration = m.consideration;
  if (!Array.isArray(offer) || !Array.isArray(consideration)) return undefined;
  const offerer = addr(m.offerer) ?? signer;
  const gives: OrderSummary['gives'] = [];
  for (const o of offer as Array<Record<string, unknown>>) {
    const std = ITEM_STANDARD[Number(o.itemType)] ?? 'ERC20';
    const token = addr(o.token);
    const amount = big(o.startAmount) ?? 0n;
    const end = big(o.endAmount) ?? amount;
    gives.push({ standard: std === 'ETH' ? 'ETH' : std, token: token ?? getAddress('0x0000000000000000000000000000000000000000'), ...(std === 'ERC721' || std === 'ERC1155' ? { id: String(big(o.identifierOrCriteria) ?? 0n) } : {}), amount: (end > amount ? end : amount).toString() });
  }
  const receives = new Map<string, bigint>();
  const others = new Set<Address>();
  for (const c of consideration as Array<Record<string, unknown>>) {
    const recipient = addr(c.recipient);
    const std = ITEM_STANDARD[Number(c.itemType)] ?? 'ERC20';
    const start = big(c.startAmount) ?? 0n;
    const end = big(c.endAmount) ?? start;
    // A declining price ends at endAmount: what the signer is sure to get is the smaller one.
    const least = start < end ? start : end;
    if (recipient && offerer && recipient === offerer) {
      const key = std === 'ETH' ? 'ETH' : (addr(c.token) ?? 'ETH');
      receives.set(key, (receives.get(key) ?? 0n) + least);
    } else if (recipient) others.add(recipient);
  }
  return { venue: 'Seaport', gives, receives: [...receives].filter(([, v]) => v > 0n).map(([token, amount]) => ({ token: token as Address | 'ETH', amount: amount.toString() })), otherRecipients: [...others] };
}

function blurOrder(m: Record<string, unknown>): OrderSummary | undefined {
  const side = Number(m.side);
  const collection = addr(m.collection);
  if (side !== 1 || !collection) return undefined; // a buy order gives only a payment the signer names
  const price = big(m.price) ?? 0n;
  const fees = Array.isArray(m.fees) ? (m.fees as Array<Record<string, unknown>>) : [];
  const feeBps = fees.reduce((s, f) => s + (big(f.rate) ?? 0n), 0n);
  const net = feeBps >= 10_000n ? 0n : (price * (10_000n - feeBps)) / 10_000n;
  const payment = addr(m.paymentToken);
  const token: Address | 'ETH' = !payment || /^0x0{40}$/iu.test(payment) ? 'ETH' : payment;
  return {
    venue: 'Blur',
    gives: [{ standard: 'ERC721', token: collection, id: String(big(m.tokenId) ?? 0n), amount: String(big(m.amount) ?? 1n) }],
    receives: net > 0n ? [{ token, amount: net.toString() }] : [],
    otherRecipients: fees.map((f) => addr(f.recipient)).filter((a): a is Address => !!a),
  };
}

/** Permissions a typed message grants, found by the meaning of its fields. */
function permissionsInMessage(td: TypedDataLike, signer: Address | undefined): Permission[] {
  const m = td.message ?? {};
  const verifying = addr(td.domain?.verifyingContract);
  const domainName = typeof td.domain?.name === 'string' ? td.domain.name : '';
  const out: Permission[] = [];
  const isPermit2 = /permit2/iu.test(domainName);
  const spender = SPENDER_FIELDS.map((f) => addr(m[f])).find((a) => a !== undefined);
  // Permit2: details (single or array) or permitted (single or array) name the tokens.
  const details = m.details ?? m.permitted;
  if (spender && details !== undefined) {
    const list = (Array.isArray(details) ? details : [details]) as Array<Record<string, unknown>>;
    for (const d of list) {
      const token = addr(d.token);
      if (!token) continue;
      const amount = big(d.amount) ?? 0n;
      out.push({ kind: m.permitted !== undefined ? 'Permit2-transfer' : 'Permit2-allowance', token, spender, amount: amount.toString(), revoked: amount === 0n, source: 'signature' });
    }
    if (out.length) return out;
  }
  if (spender && verifying && !isPermit2) {
    if (typeof m.allowed === 'boolean' || m.allowed === 'true' || m.allowed === 'false') {
      out.push({ kind: 'DAI-permit', token: verifying, spender, revoked: m.allowed === false || m.allowed === 'false', source: 'signature' });
      return out;
    }
    const amount = AMOUNT_FIELDS.map((f) => big(m[f])).find((v) => v !== undefined);
    if (amount !== undefined) out.push({ kind: 'EIP-2612-permit', token: verifying, spender, amount: amount.toString(), revoked: amount === 0n, source: 'signature' });
    else if (typeof m.approved === 'boolean') out.push({ kind: 'approval-for-all', token: verifying, spender, revoked: !m.approved, source: 'signature' });
  }
  // A meta-transaction: the call it carries, made on behalf of the signer.
  const data = m.data ?? m.callData ?? m.functionSignature;
  if (typeof data === 'string' && isHex(data)) {
    const target = addr(m.to) ?? addr(m.target) ?? verifying;
    out.push(...permissionsInCalldata(target, data).map((p) => ({ ...p, source: 'signature' as const })));
  }
  void signer;
  return out;
}

export function readTypedData(td: TypedDataLike, signer: Address | undefined): TypedDataReading {
  const m = td.message ?? {};
  const domainName = typeof td.domain?.name === 'string' ? td.domain.name : undefined;
  const verifyingContract = addr(td.domain?.verifyingContract);
  let order: OrderSummary | undefined;
  if (Array.isArray(m.offer) && Array.isArray(m.consideration)) order = seaportOrder(m, signer);
  else if (m.collection !== undefined && m.price !== undefined && m.side !== undefined) order = blurOrder(m);
  const permissions = order ? [] : permissionsInMessage(td, signer);
  return { permissions, ...(order ? { order } : {}), ...(domainName ? { domainName } : {}), ...(verifyingContract ? { verifyingContract } : {}), inert: !order && permissions.length === 0 };
}

/**
 * A `personal_sign` / `eth_sign` payload as the user would read it: text when it is printable UTF-8,
 * otherwise opaque bytes (a 32-byte hash above all: it may be a transaction's or an order's hash).
 */
export function readMessage(payload: unknown): { text?: string; bytes: number; opaque: boolean } {
  if (typeof payload !== 'string') return { bytes: 0, opaque: true };
  if (!isHex(payload)) return { text: payload, bytes: payload.length, opaque: false };
  const bytes = (payload.length - 2) / 2;
  let text: string;
  try {
    text = hexToString(payload as Hex);
  } catch {
    return { bytes, opaque: true };
  }
  // Printable: no control characters but whitespace, no replacement characters from invalid UTF-8.
  const printable = text.length > 0 && [...text].every((ch) => {
    const c = ch.codePointAt(0) as number;
    return c !== 0xfffd && c !== 0x7f && (c >= 0x20 || c === 0x09 || c === 0x0a || c === 0x0d);
  });
  return printable ? { text, bytes, opaque: false } : { bytes, opaque: true };
}
