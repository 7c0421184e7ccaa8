/**
 * Decoding of the token and DEX events a block stream cares about, from logs (viem's `parseEventLogs`
 * with the standard ABIs) and from permit calls in transaction input.
 *
 * ERC-20 and ERC-721 share the `Transfer` and `Approval` signatures; they differ in how many topics are
 * indexed (ERC-20: 3 topics, value in data; ERC-721: 4 topics, tokenId indexed), so logs are split on
 * that before decoding. The same `ApprovalForAll` belongs to ERC-721 and ERC-1155 and is reported as
 * `erc721/1155`. A log whose shape does not match its signature is skipped, never guessed. Uniswap's
 * Permit2 events and top-level permit calls are reported as `permit2`.
 */
import { decodeFunctionData, parseAbi, parseEventLogs, toEventSelector, toFunctionSelector, type Address, type Hex, type Log, type Transaction } from 'viem';

export type DecodedStandard = 'erc20' | 'erc721' | 'erc721/1155' | 'erc1155' | 'uniswap-v2' | 'uniswap-v3' | 'eip2612' | 'permit2' | 'weth' | 'admin';

export interface DecodedEvent {
  standard: DecodedStandard;
  /** Event name (`Transfer`, `Swap`, ...) or `Permit` for a permit call. */
  event: string;
  /** The contract that emitted the log; for a permit, the token (or the router it went through). */
  address: Address;
  blockNumber: bigint;
  transactionHash: Hex;
  transactionIndex: number;
  /** Index of the log in the block; null for a decoded call. */
  logIndex: number | null;
  args: Record<string, unknown>;
}

export const ERC20_EVENTS_ABI = parseAbi([
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'event Approval(address indexed owner, address indexed spender, uint256 value)',
]);

export const ERC721_EVENTS_ABI = parseAbi([
  'event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)',
  'event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)',
  'event ApprovalForAll(address indexed owner, address indexed operator, bool approved)',
]);

export const ERC1155_EVENTS_ABI = parseAbi([
  'event TransferSingle(address indexed operator, address indexed from, address indexed to, uint256 id, uint256 value)',
  'event TransferBatch(address indexed operator, address indexed from, address indexed to, uint256[] ids, uint256[] values)',
]);

export const UNISWAP_V2_PAIR_EVENTS_ABI = parseAbi([
  'event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)',
  'event Mint(address indexed sender, uint256 amount0, uint256 amount1)',
  'event Burn(address indexed sender, uint256 amount0, uint256 amount1, address indexed to)',
  'event Sync(uint112 reserve0, uint112 reserve1)',
]);

export const UNISWAP_V3_POOL_EVENTS_ABI = parseAbi([
  'event Swap(address indexed sender, address indexed recipient, int256 amount0, int256 amount1, uint160 sqrtPriceX96, uint128 liquidity, int24 tick)',
]);

/** WETH9's wrap and unwrap: ether in and out of wrapped ether, which emit no Transfer. */
export const WETH_EVENTS_ABI = parseAbi(['event Deposit(address indexed dst, uint256 wad)', 'event Withdrawal(address indexed src, uint256 wad)']);

/**
 * Privileged changes: ERC-1967 upgrades and admin changes, Ownable's ownership transfers, OpenZeppelin's
 * Initializable (uint8 before v5, uint64 since) and AccessControl's role grants.
 */
export const ADMIN_EVENTS_ABI = parseAbi([
  'event Upgraded(address indexed implementation)',
  'event AdminChanged(address previousAdmin, address newAdmin)',
  'event BeaconUpgraded(address indexed beacon)',
  'event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)',
  'event Initialized(uint64 version)',
  'event Initialized(uint8 version)',
  'event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)',
]);

/** Uniswap's Permit2 (same address on every chain it is deployed to). */
export const PERMIT2_ADDRESS = '0x000000000022D473030F116dDEE9F6B43aC78BA3' as const;

/**
 * Permit2's events (IAllowanceTransfer, ISignatureTransfer). `Approval` shares its name with ERC-20's but
 * not its signature (token and spender indexed, uint160 amount, uint48 expiration), so not its topic.
 * They are decoded from any emitter, like the other standards; `address` tells whether it was the
 * canonical deployment (`PERMIT2_ADDRESS`).
 */
export const PERMIT2_EVENTS_ABI = parseAbi([
  'event Permit(address indexed owner, address indexed token, address indexed spender, uint160 amount, uint48 expiration, uint48 nonce)',
  'event Approval(address indexed owner, address indexed token, address indexed spender, uint160 amount, uint48 expiration)',
  'event Lockdown(address indexed owner, address token, address spender)',
  'event NonceInvalidation(address indexed owner, address indexed token, address indexed spender, uint48 newNonce, uint48 oldNonce)',
  'event UnorderedNonceInvalidation(address indexed owner, uint256 word, uint256 mask)',
]);

/** Permit2's top-level permit calls: allowance permits (single, batch) and signature transfers (single, batch). */
export const PERMIT2_CALLS_ABI = parseAbi([
  'struct PermitDetails { address token; uint160 amount; uint48 expiration; uint48 nonce; }',
  'struct PermitSingle { PermitDetails details; address spender; uint256 sigDeadline; }',
  'struct PermitBatch { PermitDetails[] details; address spender; uint256 sigDeadline; }',
  'struct TokenPermissions { address token; uint256 amount; }',
  'struct PermitTransferFrom { TokenPermissions permitted; uint256 nonce; uint256 deadline; }',
  'struct PermitBatchTransferFrom { TokenPermissions[] permitted; uint256 nonce; uint256 deadline; }',
  'struct SignatureTransferDetails { address to; uint256 requestedAmount; }',
  'function permit(address owner, PermitSingle permitSingle, bytes signature)',
  'function permit(address owner, PermitBatch permitBatch, bytes signature)',
  'function permitTransferFrom(PermitTransferFrom permit, SignatureTransferDetails transferDetails, address owner, bytes signature)',
  'function permitTransferFrom(PermitBatchTransferFrom permit, SignatureTransferDetails[] transferDetails, address owner, bytes signature)',
]);

/** EIP-2612 `permit`, DAI's older `permit`, and the Uniswap V2 router's remove-liquidity-with-permit calls. */
export const PERMIT_CALLS_ABI = parseAbi([
  'function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)',
  'function permit(address holder, address spender, uint256 nonce, uint256 expiry, bool allowed, uint8 v, bytes32 r, bytes32 s)',
  'function removeLiquidityWithPermit(address tokenA, address tokenB, uint256 liquidity, uint256 amountAMin, uint256 amountBMin, address to, uint256 deadline, bool approveMax, uint8 v, bytes32 r, bytes32 s)',
  'function removeLiquidityETHWithPermit(address token, uint256 liquidity, uint256 amountTokenMin, uint256 amountETHMin, address to, uint256 deadline, bool approveMax, uint8 v, bytes32 r, bytes32 s)',
  'function removeLiquidityETHWithPermitSupportingFeeOnTransferTokens(address token, uint256 liquidity, uint256 amountTokenMin, uint256 amountETHMin, address to, uint256 deadline, bool approveMax, uint8 v, bytes32 r, bytes32 s)',
]);

/** Everything but the ERC-721 shapes of Transfer/Approval: one ABI so each log is looked up once. */
const MAIN_ABI = [...ERC20_EVENTS_ABI, ERC721_EVENTS_ABI[2], ...ERC1155_EVENTS_ABI, ...UNISWAP_V2_PAIR_EVENTS_ABI, ...UNISWAP_V3_POOL_EVENTS_ABI, ...PERMIT2_EVENTS_ABI, ...WETH_EVENTS_ABI, ...ADMIN_EVENTS_ABI];
const NFT_ABI = [ERC721_EVENTS_ABI[0], ERC721_EVENTS_ABI[1]];

const STANDARD_BY_SELECTOR = new Map<Hex, DecodedStandard>();
for (const [abi, standard] of [
  [ERC20_EVENTS_ABI, 'erc20'],
  [[ERC721_EVENTS_ABI[2]], 'erc721/1155'],
  [ERC1155_EVENTS_ABI, 'erc1155'],
  [UNISWAP_V2_PAIR_EVENTS_ABI, 'uniswap-v2'],
  [UNISWAP_V3_POOL_EVENTS_ABI, 'uniswap-v3'],
  [PERMIT2_EVENTS_ABI, 'permit2'],
  [WETH_EVENTS_ABI, 'weth'],
  [ADMIN_EVENTS_ABI, 'admin'],
] as const) {
  for (const item of abi) STANDARD_BY_SELECTOR.set(toEventSelector(item), standard);
}
const TRANSFER = toEventSelector(ERC20_EVENTS_ABI[0]);
const APPROVAL = toEventSelector(ERC20_EVENTS_ABI[1]);
const KNOWN_TOPICS = new Set<string>(STANDARD_BY_SELECTOR.keys());

const PERMIT_4BYTES = new Set<string>(PERMIT_CALLS_ABI.map((f) => toFunctionSelector(f)));
const PERMIT2_4BYTES = new Set<string>(PERMIT2_CALLS_ABI.filter((f) => f.type === 'function').map((f) => toFunctionSelector(f)));

type AnyLog = Log<bigint, number, false>;

/** Decodes the known events among `logs` (in log order). Unknown or malformed logs are skipped. */
export function decodeLogs(logs: readonly AnyLog[]): DecodedEvent[] {
  const main: AnyLog[] = [];
  const nft: AnyLog[] = [];
  for (const log of logs) {
    const topic0 = log.topics[0];
    if (topic0 === undefined || !KNOWN_TOPICS.has(topic0)) continue;
    if ((topic0 === TRANSFER || topic0 === APPROVAL) && log.topics.length === 4) nft.push(log);
    else main.push(log);
  }
  const out: DecodedEvent[] = [];
  if (main.length > 0) {
    for (const log of parseEventLogs({ abi: MAIN_ABI, logs: main, strict: true })) {
      out.push(toDecoded(log, STANDARD_BY_SELECTOR.get(log.topics[0] as Hex) ?? 'erc20', log.eventName, log.args as Record<string, unknown>));
    }
  }
  if (nft.length > 0) {
    for (const log of parseEventLogs({ abi: NFT_ABI, logs: nft, strict: true })) out.push(toDecoded(log, 'erc721', log.eventName, log.args as Record<string, unknown>));
    out.sort((a, b) => (a.logIndex ?? 0) - (b.logIndex ?? 0));
  }
  return out;
}

function toDecoded(log: AnyLog, standard: DecodedStandard, event: string, args: Record<string, unknown>): DecodedEvent {
  return {
    standard,
    event,
    address: log.address,
    blockNumber: log.blockNumber ?? 0n,
    transactionHash: log.transactionHash ?? '0x',
    transactionIndex: log.transactionIndex ?? 0,
    logIndex: log.logIndex ?? null,
    args,
  };
}

/**
 * A permit visible in a transaction's input: a direct `permit` call on a token (EIP-2612, or DAI's
 * `allowed` form), or a Uniswap V2 router call that carries one. Permits wrapped inside other contracts'
 * calls are not visible without traces. `succeeded` is the receipt status when known.
 */
export function decodePermitCall(tx: Pick<Transaction, 'input' | 'to' | 'from' | 'hash' | 'blockNumber' | 'transactionIndex'>, succeeded?: boolean): DecodedEvent | null {
  if (!tx.to || tx.input.length < 10) return null;
  const selector = tx.input.slice(0, 10).toLowerCase();
  if (PERMIT2_4BYTES.has(selector)) return decodePermit2Call(tx, succeeded);
  if (!PERMIT_4BYTES.has(selector)) return null;
  let call;
  try {
    call = decodeFunctionData({ abi: PERMIT_CALLS_ABI, data: tx.input });
  } catch {
    return null;
  }
  const base = { standard: 'eip2612' as const, event: 'Permit', address: tx.to, blockNumber: tx.blockNumber ?? 0n, transactionHash: tx.hash, transactionIndex: tx.transactionIndex ?? 0, logIndex: null };
  const status = succeeded === undefined ? {} : { succeeded };
  const a = call.args as readonly unknown[];
  if (call.functionName === 'permit') {
    if (a.length === 7) return { ...base, args: { via: 'permit', owner: a[0], spender: a[1], value: a[2], deadline: a[3], ...status } };
    const allowed = a[4] as boolean;
    return { ...base, args: { via: 'permit-dai', owner: a[0], spender: a[1], nonce: a[2], deadline: a[3], value: allowed ? 2n ** 256n - 1n : 0n, ...status } };
  }
  // Router: the permit is on the pair's LP token, signed by the sender for the router.
  const withPair = call.functionName === 'removeLiquidityWithPermit';
  const liquidity = a[withPair ? 2 : 1] as bigint;
  const deadline = a[withPair ? 6 : 5] as bigint;
  const approveMax = a[withPair ? 7 : 6] as boolean;
  const tokens = withPair ? [a[0], a[1]] : [a[0]];
  return { ...base, args: { via: call.functionName, owner: tx.from, spender: tx.to, value: approveMax ? 2n ** 256n - 1n : liquidity, deadline, tokens, ...status } };
}

interface Permit2Details {
  token: Address;
  amount: bigint;
  expiration: number;
  nonce: number;
}
interface Permit2TokenPermissions {
  token: Address;
  amount: bigint;
}
interface Permit2TransferDetails {
  to: Address;
  requestedAmount: bigint;
}

/**
 * A top-level call to Permit2 (any address with its selectors; see `PERMIT2_ADDRESS`), in the vocabulary
 * of the EIP-2612 permits: `owner`, `spender`, `token`, `value`, `deadline`. An allowance permit
 * (`permit`) also has `expiration` and `nonce`; a signature transfer (`permitTransferFrom`) is spent by
 * the caller at once and has `to` and `requestedAmount`. Batches carry `permits` (one entry per token)
 * and `tokens`.
 */
function decodePermit2Call(tx: Pick<Transaction, 'input' | 'to' | 'from' | 'hash' | 'blockNumber' | 'transactionIndex'>, succeeded?: boolean): DecodedEvent | null {
  let call;
  try {
    call = decodeFunctionData({ abi: PERMIT2_CALLS_ABI, data: tx.input });
  } catch {
    return null;
  }
  const base = { standard: 'permit2' as const, event: 'Permit', address: tx.to as Address, blockNumber: tx.blockNumber ?? 0n, transactionHash: tx.hash, transactionIndex: tx.transactionIndex ?? 0, logIndex: null };
  const status = succeeded === undefined ? {} : { succeeded };
  const a = call.args as readonly unknown[];
  if (call.functionName === 'permit') {
    const owner = a[0] as Address;
    const p = a[1] as { details: Permit2Details | readonly Permit2Details[]; spender: Address; sigDeadline: bigint };
    if (!Array.isArray(p.details)) {
      const d = p.details as Permit2Details;
      return { ...base, args: { via: 'permit', owner, spender: p.spender, token: d.token, value: d.amount, expiration: d.expiration, nonce: d.nonce, deadline: p.sigDeadline, ...status } };
    }
    const details = p.details as readonly Permit2Details[];
    const permits = details.map((d) => ({ token: d.token, value: d.amount, expiration: d.expiration, nonce: d.nonce }));
    return { ...base, args: { via: 'permit-batch', owner, spender: p.spender, deadline: p.sigDeadline, tokens: permits.map((x) => x.token), permits, ...status } };
  }
  // Signature transfer: the signed spender is whoever calls Permit2.
  const owner = a[2] as Address;
  const p = a[0] as { permitted: Permit2TokenPermissions | readonly Permit2TokenPermissions[]; nonce: bigint; deadline: bigint };
  if (!Array.isArray(p.permitted)) {
    const t = p.permitted as Permit2TokenPermissions;
    const d = a[1] as Permit2TransferDetails;
    return { ...base, args: { via: 'permitTransferFrom', owner, spender: tx.from, token: t.token, value: t.amount, to: d.to, requestedAmount: d.requestedAmount, nonce: p.nonce, deadline: p.deadline, ...status } };
  }
  const transfers = a[1] as readonly Permit2TransferDetails[];
  const permits = (p.permitted as readonly Permit2TokenPermissions[]).map((t, i) => ({ token: t.token, value: t.amount, to: transfers[i]?.to ?? null, requestedAmount: transfers[i]?.requestedAmount ?? null }));
  return { ...base, args: { via: 'permitTransferFrom-batch', owner, spender: tx.from, nonce: p.nonce, deadline: p.deadline, tokens: permits.map((x) => x.token), permits, ...status } };
}

/** Decoded events of one block: each transaction's permit call (if any), then its logs. */
export function decodeBlock(transactions: readonly Transaction[], receipts: readonly { status: 'success' | 'reverted'; logs: readonly AnyLog[] }[]): DecodedEvent[] {
  const out: DecodedEvent[] = [];
  const allLogs: AnyLog[] = [];
  for (let i = 0; i < transactions.length; i++) {
    const receipt = receipts[i];
    const permit = decodePermitCall(transactions[i] as Transaction, receipt ? receipt.status === 'success' : undefined);
    if (permit) out.push(permit);
    if (receipt) for (const log of receipt.logs) allLogs.push(log);
  }
  const permits = out.length;
  if (allLogs.length > 0) for (const e of decodeLogs(allLogs)) out.push(e);
  // Transaction order; within a transaction the call's permit first, then its logs (stable sort).
  if (permits > 0) out.sort((a, b) => a.transactionIndex - b.transactionIndex);
  return out;
}
